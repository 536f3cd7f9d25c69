// Growable typed arrays: append-only columns for per-measure data (a million measures fit in a few MB).

type Typed = Uint8Array | Uint32Array | Int32Array;
type Ctor<T extends Typed> = { new (n: number): T; new (buffer: ArrayBufferLike): T; BYTES_PER_ELEMENT: number };

/** A typed array of `n` elements, in shared memory (readable by worker threads) when `shared`. */
export function allocate<T extends Typed>(ctor: Ctor<T>, n: number, shared = false): T {
  return shared ? new ctor(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT)) : new ctor(n);
}

export class Column<T extends Typed> {
  data: T;
  length = 0;

  /** `shared`: kept in shared memory, also when it grows. */
  constructor(private readonly ctor: Ctor<T>, capacity = 1024, private readonly shared = false) {
    this.data = allocate(ctor, Math.max(16, capacity), shared);
  }

  static from<T extends Typed>(ctor: Ctor<T>, values: ArrayLike<number>): Column<T> {
    const c = new Column(ctor, values.length);
    c.data.set(values);
    c.length = values.length;
    return c;
  }

  push(v: number): void {
    if (this.length === this.data.length) this.reserve(this.length * 2);
    this.data[this.length++] = v;
  }

  reserve(capacity: number): void {
    if (capacity <= this.data.length) return;
    const next = allocate(this.ctor, capacity, this.shared);
    next.set(this.data as never);
    this.data = next;
  }

  /** The used part, as a view. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
