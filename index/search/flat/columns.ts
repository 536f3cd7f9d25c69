// Growable columns over a snapshot's views, and measure ids as one blob.
import { Column } from "../growable.ts";

type Typed = Uint8Array | Uint32Array | Int32Array;
type Ctor<T extends Typed> = { new (n: number): T; new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };

/**
 * A column holding `view`: the view itself (nothing copied; it is replaced by an array of its own when
 * the column grows), or a copy in shared memory when the column must be readable by the facet thread.
 */
export function columnOver<T extends Typed>(ctor: Ctor<T>, view: Typed, shared = false): Column<T> {
  const c = new Column(ctor, 16, shared);
  if (shared || !(view instanceof ctor)) {
    c.reserve(view.length);
    c.data.set(view as never);
  } else c.data = view as T;
  c.length = view.length;
  return c;
}

const SEP = "\n";

/** Measure ids joined by a line break (an id never holds one), as UTF-8. */
export function encodeIds(ids: readonly string[]): Uint8Array {
  for (const id of ids) if (id.includes(SEP)) throw new Error(`措施编号含换行：${JSON.stringify(id)}`);
  return Buffer.from(ids.join(SEP));
}

/** The ids of encodeIds(), `n` of them (one decode and one split). */
export function decodeIds(blob: Uint8Array, n: number): string[] {
  if (n === 0) return [];
  const ids = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength).toString("utf8").split(SEP);
  if (ids.length !== n) throw new Error("措施编号列已损坏");
  return ids;
}
