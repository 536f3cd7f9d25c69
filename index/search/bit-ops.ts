// Bit and heap primitives shared by the kernels (bit-kernels.ts, kernels.ts, facet-kernels.ts). No
// imports: facet-kernels.ts sends some of them to its worker as source text.
//
// Set bits are taken lowest first with x & -x, written Math.imul(x, -1) so that bit 31 never leaves
// 32-bit integer arithmetic (V8 would deoptimize on the overflow).
export const lowBit = (x: number) => x & Math.imul(x, -1);
export const bitIndex = (low: number) => 31 - Math.clz32(low);

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Bounded min-heap of the largest keys (heap.length is the bound); returns the new size. */
export function heapPush(heap: Float64Array, size: number, kv: number): number {
  if (size < heap.length) {
    let i = size++;
    heap[i] = kv;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= heap[i]) break;
      const t = heap[i];
      heap[i] = heap[p];
      heap[p] = t;
      i = p;
    }
    return size;
  }
  if (size === 0 || kv <= heap[0]) return size;
  heap[0] = kv;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    const r = l + 1;
    let m = i;
    if (l < size && heap[l] < heap[m]) m = l;
    if (r < size && heap[r] < heap[m]) m = r;
    if (m === i) return size;
    const t = heap[i];
    heap[i] = heap[m];
    heap[m] = t;
    i = m;
  }
}

export const TWO32 = 4294967296;
