// Compressed responses for clients that accept them, as browsers do. A search answer (20 hits with
// their measures and facets, about 55 KB of JSON) shrinks ten to fourteen times; a cached one keeps
// its gzip bytes next to the plain ones, so each is compressed once. Other responses go through
// Hono's compress middleware.
import { gzip } from "node:zlib";
import { promisify } from "node:util";

const gzipAsync = promisify(gzip);

let lastHeader: string | undefined;
let lastAccepts = false;

/** Whether an Accept-Encoding header lets gzip through (named, or by "*", with q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  if (header === lastHeader) return lastAccepts;
  let star = false;
  let named: boolean | null = null;
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    const ok = q === undefined || Number(q.slice(2)) > 0;
    if (name === "gzip") named = ok;
    else if (name === "*") star = ok;
  }
  lastHeader = header;
  return (lastAccepts = named ?? star);
}

/** A serialised response, and its gzip bytes once asked for (being compressed meanwhile). */
export interface CachedBody {
  body: Uint8Array<ArrayBuffer>;
  gzip?: Uint8Array<ArrayBuffer>;
  gzipping?: Promise<Uint8Array<ArrayBuffer>>;
  /** Its weak ETag, once computed (etag.ts). */
  etag?: string;
}

/**
 * Its gzip bytes, compressed on the thread pool the first time (the event loop serves others
 * meanwhile; requests arriving during it wait for the same compression).
 */
export function gzipOf(entry: CachedBody): Promise<Uint8Array<ArrayBuffer>> {
  if (entry.gzip) return Promise.resolve(entry.gzip);
  return (entry.gzipping ??= gzipAsync(entry.body).then(
    (z) => {
      entry.gzipping = undefined;
      return (entry.gzip = new Uint8Array(z.buffer, z.byteOffset, z.byteLength) as Uint8Array<ArrayBuffer>);
    },
    (e) => {
      entry.gzipping = undefined; // the next request tries again
      throw e;
    },
  ));
}
