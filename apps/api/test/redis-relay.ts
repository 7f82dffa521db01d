import { type AddressInfo, connect, createServer, type Socket } from 'node:net';

/**
 * A TCP relay to a Redis server that a test can cut (every connection dropped, new ones refused) and
 * restore: Redis going away and coming back, without touching the Redis other tests use.
 */
export interface RedisRelay {
  /** `redis://` URL of the relay. */
  url: string;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Starts a relay on a loopback port to the Redis at `target` (a `redis://` URL). */
export async function redisRelay(target: string): Promise<RedisRelay> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let open = true;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = createServer((client) => {
    track(client);
    if (!open) {
      client.destroy();
      return;
    }
    const upstream = connect(Number(port || 6379), hostname);
    track(upstream);
    client.pipe(upstream);
    upstream.pipe(client);
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: relayPort } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${relayPort}`,
    cut() {
      open = false;
      for (const socket of sockets) socket.destroy();
    },
    restore() {
      open = true;
    },
    close() {
      open = false;
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
