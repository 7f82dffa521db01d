import { createServer, type Server } from 'node:net';

/** A port nobody listens on right now, on the loopback address. */
export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

/**
 * `count` ports nobody listens on right now, on the loopback address, all different. Each is held
 * until the last is found: ports asked for one after another, each let go at once, can be the same
 * port twice, and two services of one test then collide (seen once: the main job refused
 * an API port and a site port that were both 36933).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let index = 0; index < count; index++) {
      const server = createServer();
      servers.push(server);
      ports.push(await listenAnywhere(server));
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Listens on a port the system chooses and gives it. */
function listenAnywhere(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (typeof address === 'object' && address) resolve(address.port);
      else reject(new Error('no free port'));
    });
  });
}
