// A small LRU of serialised responses, emptied whenever the data behind them changes.
export class ResponseCache {
  private readonly map = new Map<string, Uint8Array<ArrayBuffer>>();

  constructor(private readonly capacity = 2000) {}

  get(key: string): Uint8Array<ArrayBuffer> | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key); // most recently used last
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: Uint8Array<ArrayBuffer>): void {
    if (this.capacity <= 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
