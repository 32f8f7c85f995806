/**
 * Brotli or gzip, whichever the browser prefers, for JSON and text (the app's JS and CSS: ~500 KB before
 * compression). Never for the sync stream: a compressor buffers, and text/event-stream must reach the
 * device event by event. hono/compress speaks only gzip and deflate, hence node:zlib here.
 *
 * Hashed build files (served `immutable`, caching.ts) never change under their name, so each is compressed
 * once per encoding and kept in memory: the main bundle cost 40 ms of Brotli on every first load before. The
 * set is bounded by the build (a few MB compressed).
 */
import { Duplex } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';

export type Encoding = 'br' | 'gzip';

/** Below this many bytes compression costs more than it saves. */
const THRESHOLD = 1024;
/**
 * Measured on the app's main bundle (530 KB): quality 11 (Brotli's default) 150 KB in 2.3 s, quality 5
 * 165 KB in 40 ms, gzip 174 KB in 23 ms. Per request, 5 is the sensible trade.
 */
const BROTLI_QUALITY = 5;

/** The best encoding the Accept-Encoding header allows: br before gzip at equal weight; `null` for none. */
export function chooseEncoding(header: string | undefined): Encoding | null {
  if (!header) return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    weights.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (e: Encoding): number => weights.get(e) ?? weights.get('*') ?? 0;
  const best = (['br', 'gzip'] as const)
    .filter((e) => weight(e) > 0)
    .sort((a, b) => weight(b) - weight(a))[0];
  return best ?? null;
}

function compressible(res: Response): boolean {
  const type = res.headers.get('content-type') ?? '';
  if (/^\s*text\/event-stream/i.test(type)) return false;
  if (res.headers.has('content-encoding') || /\bno-transform\b/i.test(res.headers.get('cache-control') ?? ''))
    return false;
  const length = res.headers.get('content-length');
  if (length !== null && Number(length) < THRESHOLD) return false;
  return (
    res.status !== 206 &&
    res.status !== 204 &&
    res.body !== null &&
    COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)
  );
}

/** Compressed bodies of immutable files, by path and encoding. */
export type CompressedFiles = Map<string, Uint8Array<ArrayBuffer>>;

export function compression(options: { files?: CompressedFiles } = {}): MiddlewareHandler {
  const files: CompressedFiles = options.files ?? new Map();
  return async (c, next) => {
    await next();
    if (c.req.method === 'HEAD' || !compressible(c.res)) return;
    const vary = c.res.headers.get('vary');
    if (!vary) c.res.headers.set('Vary', 'Accept-Encoding');
    else if (!/\baccept-encoding\b/i.test(vary) && vary !== '*')
      c.res.headers.set('Vary', `${vary}, Accept-Encoding`);
    const encoding = chooseEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const compressor =
      encoding === 'br'
        ? createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } })
        : createGzip();
    const immutable = /\bimmutable\b/i.test(c.res.headers.get('cache-control') ?? '') && c.res.status === 200;
    const key = `${encoding} ${c.req.path}`;
    let body: ReadableStream<Uint8Array> | Uint8Array<ArrayBuffer>;
    if (immutable) {
      let bytes = files.get(key);
      if (!bytes) {
        const compressed = c.res.body!.pipeThrough(Duplex.toWeb(compressor) as TransformStream<Uint8Array, Uint8Array>);
        bytes = new Uint8Array(await new Response(compressed).arrayBuffer());
        files.set(key, bytes);
      } else {
        await c.res.body!.cancel();
      }
      body = bytes;
    } else {
      body = c.res.body!.pipeThrough(Duplex.toWeb(compressor) as TransformStream<Uint8Array, Uint8Array>);
    }
    c.res = new Response(body, c.res);
    if (body instanceof Uint8Array) c.res.headers.set('content-length', String(body.byteLength));
    else c.res.headers.delete('content-length');
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('etag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
