import { describe, expect, it } from 'vitest';
import { createJsonLogger } from './logger.ts';

function sinks() {
  const writes: { to: 'out' | 'err'; text: string }[] = [];
  return {
    writes,
    out: { write: (text: string) => writes.push({ to: 'out', text }) },
    err: { write: (text: string) => writes.push({ to: 'err', text }) },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('createJsonLogger', () => {
  it('writes the info lines of one turn of the event loop together, as JSON lines', async () => {
    const { writes, out, err } = sinks();
    const logger = createJsonLogger(out, err);
    for (const status of [200, 404, 304]) logger.info({ msg: 'request', status });
    expect(writes).toEqual([]);
    await turn();
    expect(writes).toHaveLength(1);
    const lines = writes[0]?.text.split('\n') ?? [];
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toMatchObject([
      { level: 'info', msg: 'request', status: 200 },
      { level: 'info', msg: 'request', status: 404 },
      { level: 'info', msg: 'request', status: 304 },
    ]);
    logger.info({ msg: 'later' });
    await turn();
    expect(writes).toHaveLength(2);
  });

  it('writes the held info lines before an error, and the error at once', () => {
    const { writes, out, err } = sinks();
    const logger = createJsonLogger(out, err);
    logger.info({ msg: 'request' });
    logger.error({ msg: 'unexpected error', requestId: 'r1' });
    expect(writes.map((write) => write.to)).toEqual(['out', 'err']);
    expect(JSON.parse(writes[1]?.text ?? '')).toMatchObject({ level: 'error', requestId: 'r1' });
  });

  it('writes at once past 64 KiB held, and whatever is held on flush', () => {
    const { writes, out, err } = sinks();
    const logger = createJsonLogger(out, err);
    const path = 'x'.repeat(1000);
    for (let index = 0; index < 70; index += 1) logger.info({ msg: 'request', path });
    expect(writes).toHaveLength(1);
    logger.flush();
    expect(writes).toHaveLength(2);
    const lines = writes.flatMap((write) => write.text.split('\n').filter(Boolean));
    expect(lines).toHaveLength(70);
  });
});
