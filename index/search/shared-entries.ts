// Answer entries with a small count (a place or year facet value, a leaf of the region tree) recur from
// query to query: each is made once per key and count, frozen, and shared by every answer that has it,
// instead of new memory per answer (a page fault per 4 KB of it on a VM, tens of microseconds each).

/** Counts below this are shared. */
export const SHARED_COUNTS = 64;

/** Frozen entries by key (a code, or a code and level) and then count. */
export class SharedEntries<T extends { value: string; count: number }> {
  private byKey: (T[] | undefined)[] = [];

  /**
   * The entry kept for this key and count if it has this value, else undefined (then make it and
   * keep() it). The value is checked because another index may give the key to another place.
   */
  get(key: number, count: number, value: string): T | undefined {
    const known = this.byKey[key]?.[count];
    return known !== undefined && known.value === value ? known : undefined;
  }

  /** Keep a new entry (count below SHARED_COUNTS) for its key and count, frozen; returns it. */
  keep(key: number, count: number, entry: T): T {
    (this.byKey[key] ??= new Array<T>(SHARED_COUNTS))[count] = Object.freeze(entry);
    return entry;
  }
}
