// A snapshot's units as columns: alias keys, and per unit its canonical names with their counts and
// its spellings (each list flattened, with per-unit offsets). A start decodes the keys; a unit's
// names are decoded when it is first asked for.
import { StringColumn, encodeStrings } from "./strings.ts";

export interface UnitColumns {
  unitKeys: Uint8Array;
  unitKeyOff: Uint32Array;
  unitCanonOff: Uint32Array;
  unitCanonNames: Uint8Array;
  unitCanonNameOff: Uint32Array;
  unitCanonCounts: Int32Array;
  unitSpellOff: Uint32Array;
  unitSpellNames: Uint8Array;
  unitSpellNameOff: Uint32Array;
}

/** The columns of units 0 … keys.length - 1. */
export function encodeUnits(keys: readonly string[], canon: (code: number) => Map<string, number>, spell: (code: number) => Set<string>): UnitColumns {
  const k = encodeStrings(keys);
  const canonOff = new Uint32Array(keys.length + 1);
  const spellOff = new Uint32Array(keys.length + 1);
  const canonNames: string[] = [];
  const counts: number[] = [];
  const spellings: string[] = [];
  keys.forEach((_, c) => {
    for (const [name, n] of canon(c)) {
      canonNames.push(name);
      counts.push(n);
    }
    for (const name of spell(c)) spellings.push(name);
    canonOff[c + 1] = canonNames.length;
    spellOff[c + 1] = spellings.length;
  });
  const cn = encodeStrings(canonNames);
  const sp = encodeStrings(spellings);
  return {
    unitKeys: k.blob,
    unitKeyOff: k.off,
    unitCanonOff: canonOff,
    unitCanonNames: cn.blob,
    unitCanonNameOff: cn.off,
    unitCanonCounts: Int32Array.from(counts),
    unitSpellOff: spellOff,
    unitSpellNames: sp.blob,
    unitSpellNameOff: sp.off,
  };
}

/** Units read from a snapshot's columns. */
export class SavedUnits {
  private readonly canonNames: StringColumn;
  private readonly spellings: StringColumn;
  readonly keys: string[];

  constructor(private readonly c: UnitColumns) {
    this.keys = new StringColumn(c.unitKeys, c.unitKeyOff).toArray();
    this.canonNames = new StringColumn(c.unitCanonNames, c.unitCanonNameOff);
    this.spellings = new StringColumn(c.unitSpellNames, c.unitSpellNameOff);
    const n = this.keys.length;
    if (c.unitCanonOff.length !== n + 1 || c.unitSpellOff.length !== n + 1 || c.unitCanonOff[n] !== this.canonNames.length || c.unitSpellOff[n] !== this.spellings.length || c.unitCanonCounts.length !== this.canonNames.length) {
      throw new Error("索引副本的单位列长度不一致");
    }
  }

  /** Canonical name → how many times it was seen, of unit `code`. */
  canon(code: number): Map<string, number> {
    const m = new Map<string, number>();
    for (let i = this.c.unitCanonOff[code]; i < this.c.unitCanonOff[code + 1]; i++) m.set(this.canonNames.get(i), this.c.unitCanonCounts[i]);
    return m;
  }

  /** The spellings of unit `code` as written in measures. */
  spell(code: number): Set<string> {
    const s = new Set<string>();
    for (let i = this.c.unitSpellOff[code]; i < this.c.unitSpellOff[code + 1]; i++) s.add(this.spellings.get(i));
    return s;
  }
}
