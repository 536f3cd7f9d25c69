// A small LRU of serialised responses, emptied whenever the data behind them changes.
import type { CachedBody } from "./compression.ts";

export class ResponseCache {
  private readonly map = new Map<string, CachedBody>();
  private readonly aliases = new Map<string, string>();

  constructor(private readonly capacity = 2000) {}

  get(key: string): CachedBody | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key); // most recently used last
      this.map.set(key, v);
    }
    return v;
  }

  set(key: string, value: CachedBody): void {
    if (this.capacity <= 0) return;
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value!);
  }

  /**
   * The key of a request as written (its URL), remembered: the same URL again skips parsing and
   * sorting its parameters (and the garbage that leaves).
   */
  keyOf(url: string, canonical: (url: string) => string): string {
    let key = this.aliases.get(url);
    if (key === undefined) {
      if (this.aliases.size >= 4 * Math.max(1, this.capacity)) this.aliases.clear();
      this.aliases.set(url, (key = canonical(url)));
    }
    return key;
  }

  clear(): void {
    this.map.clear();
  }

  get size(): number {
    return this.map.size;
  }
}
