import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compression } from './compression';

const BIG_JSON = { rows: Array.from({ length: 500 }, (_, i) => ({ id: `acc-${i}`, name: `Account ${i}` })) };

function app(): Hono {
  const root = new Hono();
  root.use('*', compression());
  root.get('/json', (c) => c.json(BIG_JSON));
  // Files come with their length (serveStatic); a small one is not worth compressing.
  root.get('/small', (c) =>
    c.body('User-agent: *\nAllow: /\n', 200, { 'content-type': 'text/plain', 'content-length': '24' }),
  );
  root.get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'image/png' }));
  root.get('/stream', (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: 'hello', data: 'x'.repeat(2000) });
      // The stream stays open: a compressor would hold the first event back until much more arrived.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }),
  );
  return root;
}

describe('compression', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    ['br;q=0, gzip;q=0', null],
    [undefined, null],
  ])('picks %s → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });

  it('compresses JSON with Brotli or gzip, as the browser prefers', async () => {
    const br = await app().request('/json', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    const brBytes = Buffer.from(await br.arrayBuffer());
    expect(JSON.parse(brotliDecompressSync(brBytes).toString())).toEqual(BIG_JSON);
    expect(brBytes.length).toBeLessThan(JSON.stringify(BIG_JSON).length / 4);

    const gzip = await app().request('/json', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(JSON.parse(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString())).toEqual(BIG_JSON);
  });

  it('leaves small files, images and browsers that accept nothing alone', async () => {
    for (const [path, accept] of [
      ['/small', 'br'],
      ['/png', 'br'],
      ['/json', 'identity'],
    ] as const) {
      const res = await app().request(path, { headers: { 'accept-encoding': accept } });
      expect(res.headers.get('content-encoding'), path).toBeNull();
    }
  });

  it('never compresses the event stream: the first event arrives while the stream is still open', async () => {
    const res = await app().request('/stream', { headers: { 'accept-encoding': 'gzip, br' } });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    const reader = res.body!.getReader();
    const first = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the first event was held back')), 1_000),
      ),
    ]);
    expect(new TextDecoder().decode(first.value)).toContain('event: hello');
    await reader.cancel();
  });
});
