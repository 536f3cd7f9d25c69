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

  /** The blob and offsets it reads (as encodeStrings gives them). */
  get encoded(): { blob: Uint8Array; off: Uint32Array } {
    return { blob: this.blob, off: this.off };
  }

  get(i: number): string {
    return decoder.decode(this.blob.subarray(this.off[i], this.off[i + 1]));
  }

  /**
   * All of them (a plain array), in one decode of the blob cut at each string's start: byte offsets
   * are counted over in UTF-16 units (a lead byte is one unit, a four-byte sequence two).
   */
  toArray(): string[] {
    const n = this.length;
    const out = new Array<string>(n);
    const bytes = this.blob.subarray(this.off[0], this.off[n]);
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
    if (!/[^\x00-\x7f]/.test(text)) {
      // ASCII (ids): byte offsets are character offsets.
      const base = this.off[0];
      for (let i = 0; i < n; i++) out[i] = text.slice(this.off[i] - base, this.off[i + 1] - base);
      return out;
    }
    const all = decoder.decode(bytes);
    let at = 0; // UTF-16 position of byte b
    let b = this.off[0];
    for (let i = 0; i < n; i++) {
      const from = at;
      for (const end = this.off[i + 1]; b < end; b++) {
        const x = this.blob[b];
        if ((x & 0xc0) !== 0x80) at += x >= 0xf0 ? 2 : 1;
      }
      out[i] = all.slice(from, at);
    }
    return out;
  }
}
