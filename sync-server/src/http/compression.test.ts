import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compression, type CompressedFiles } from './compression';

const BIG_JSON = { rows: Array.from({ length: 500 }, (_, i) => ({ id: `acc-${i}`, name: `Account ${i}` })) };

const BUNDLE = `export const rows = ${JSON.stringify(BIG_JSON)};`;

function app(files?: CompressedFiles): Hono {
  const root = new Hono();
  root.use('*', compression({ files }));
  root.get('/json', (c) => c.json(BIG_JSON));
  root.get('/assets/index-abc123.js', (c) =>
    c.body(BUNDLE, 200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' }),
  );
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

  it('compresses an immutable build file once per encoding and serves the same bytes again', async () => {
    const files: CompressedFiles = new Map();
    const server = app(files);
    const fetchBr = () => server.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'br' } });
    const first = await fetchBr();
    const firstBytes = Buffer.from(await first.arrayBuffer());
    expect(first.headers.get('content-encoding')).toBe('br');
    expect(first.headers.get('content-length')).toBe(String(firstBytes.length));
    expect(brotliDecompressSync(firstBytes).toString()).toBe(BUNDLE);
    expect([...files.keys()]).toEqual(['br /assets/index-abc123.js']);

    // The kept bytes are what the next browser gets (changing them here shows they are not made again).
    const kept = files.get('br /assets/index-abc123.js')!;
    kept[0] = kept[0]! ^ 0xff;
    const again = Buffer.from(await (await fetchBr()).arrayBuffer());
    expect(again.subarray(1)).toEqual(firstBytes.subarray(1));
    expect(again[0]).toBe(firstBytes[0]! ^ 0xff);

    const gzip = await server.request('/assets/index-abc123.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).toString()).toBe(BUNDLE);
    expect(files.size).toBe(2);
    // Answers that may change (the API, the app shell) are never kept.
    await server.request('/json', { headers: { 'accept-encoding': 'br' } });
    expect(files.size).toBe(2);
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
