// A list of strings as one UTF-8 blob and an offsets array (n + 1 entries), decoded one at a time on access.
const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** The blob and offsets of `list`. */
export function encodeStrings(list: readonly string[]): { blob: Uint8Array; off: Uint32Array } {
  const parts = list.map((s) => encoder.encode(s));
  const off = new Uint32Array(list.length + 1);
  let n = 0;
  parts.forEach((p, i) => {
    off[i] = n;
    n += p.length;
  });
  off[list.length] = n;
  const blob = new Uint8Array(n);
  parts.forEach((p, i) => blob.set(p, off[i]));
  return { blob, off };
}

/** Read-only strings over a blob and its offsets (views; nothing is decoded until asked for). */
export class StringColumn {
  constructor(
    private readonly blob: Uint8Array,
    private readonly off: Uint32Array,
  ) {
    if (off.length === 0 || off[off.length - 1] > blob.length) throw new Error("字符串列已损坏");
  }

  get length(): number {
    return this.off.length - 1;
  }

  get(i: number): string {
    return decoder.decode(this.blob.subarray(this.off[i], this.off[i + 1]));
  }

  /** All of them (a plain array): ASCII (ids) in one decode, cut by the offsets; else one by one. */
  toArray(): string[] {
    const out = new Array<string>(this.length);
    const text = Buffer.from(this.blob.buffer, this.blob.byteOffset, this.blob.byteLength).toString("latin1");
    if (!/[^\x00-\x7f]/.test(text)) {
      for (let i = 0; i < out.length; i++) out[i] = text.slice(this.off[i], this.off[i + 1]);
      return out;
    }
    for (let i = 0; i < out.length; i++) out[i] = this.get(i);
    return out;
  }
}
