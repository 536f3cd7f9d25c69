// Growable columns over a snapshot's views, and measure ids as one blob decoded on access.
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
const SEP_BYTE = 10;

/** Measure ids joined by a line break (an id never holds one), as UTF-8, and where each starts (n + 1 offsets). */
export function encodeIds(ids: MeasureIds, keep: (i: number) => boolean): { blob: Uint8Array; off: Uint32Array } {
  const parts: Buffer[] = [];
  const off = new Uint32Array(ids.length + 1);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = keep(i) ? ids.get(i) : ""; // dead measures as ""
    if (id.includes(SEP)) throw new Error(`措施编号含换行：${JSON.stringify(id)}`);
    const b = Buffer.from(id);
    parts.push(b);
    off[i] = n;
    n += b.length + 1;
  }
  off[ids.length] = n;
  // Joined: no break after the last one (its end is the blob's end).
  return { blob: Buffer.concat(parts.flatMap((b) => [b, SEP_BUF]), Math.max(0, n - 1)), off };
}
const SEP_BUF = Buffer.from(SEP);

/**
 * The ids of encodeIds(), `n` of them, decoded one at a time on access. `off` is the saved offsets; a
 * snapshot written before they were saved gives none, and they are found by one scan for the breaks.
 */
export function decodeIds(blob: Uint8Array, n: number, off?: Uint32Array): MeasureIds {
  if (!off) {
    off = new Uint32Array(n + 1);
    const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength);
    let at = 0;
    for (let i = 1; i < n; i++) {
      const k = b.indexOf(SEP_BYTE, at);
      if (k < 0) throw new Error("措施编号列已损坏");
      off[i] = at = k + 1;
    }
    off[n] = n ? b.length + 1 : 0;
    if (n && b.indexOf(SEP_BYTE, at) >= 0) throw new Error("措施编号列已损坏");
  }
  if (off.length !== n + 1 || (n && off[n] > blob.length + 1)) throw new Error("措施编号列已损坏");
  return new MeasureIds(blob, off);
}

/**
 * The measure ids of an index, by measure number: those restored from a snapshot stay its UTF-8 blob
 * (each decoded when asked for: a start does not make a million strings), those added since are kept as strings.
 */
export class MeasureIds {
  private readonly base: number;
  private readonly added: string[] = [];
  constructor(
    private readonly blob: Uint8Array = new Uint8Array(0),
    private readonly off: Uint32Array = new Uint32Array(1),
  ) {
    this.base = off.length - 1;
  }

  get length(): number {
    return this.base + this.added.length;
  }

  get(i: number): string {
    if (i >= this.base) return this.added[i - this.base];
    // Each saved id ends at the byte before the next one's start (its line break).
    return decoder.decode(this.blob.subarray(this.off[i], this.off[i + 1] - 1));
  }

  push(id: string): void {
    this.added.push(id);
  }

  /** Ids lo … hi - 1. */
  slice(lo: number, hi: number): string[] {
    const out: string[] = [];
    for (let i = lo; i < Math.min(hi, this.length); i++) out.push(this.get(i));
    return out;
  }
}
const decoder = new TextDecoder();
