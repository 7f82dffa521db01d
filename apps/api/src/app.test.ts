import { describe, expect, it } from 'vitest';
import { createApp } from './app.ts';

describe('GET /healthz', () => {
  it('answers 200 with status ok as JSON', async () => {
    const response = await createApp().request('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
