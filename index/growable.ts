// Growable typed arrays: append-only columns for per-measure data (a million measures fit in a few MB).

type Typed = Uint8Array | Uint32Array | Int32Array;
type Ctor<T extends Typed> = { new (n: number): T };

export class Column<T extends Typed> {
  data: T;
  length = 0;

  constructor(private readonly ctor: Ctor<T>, capacity = 1024) {
    this.data = new ctor(Math.max(16, capacity));
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
    const next = new this.ctor(capacity);
    next.set(this.data as never);
    this.data = next;
  }

  /** The used part, as a view. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
