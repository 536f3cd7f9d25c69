// Hot loops of a search over typed arrays, as small standalone functions (V8 optimizes each on its
// own; one large function with many loops keeps losing its optimized code). Internal measure numbers
// index every array; sets of them are bitsets (a million measures: 128 KB, stays in cache). The
// measures of one document have consecutive numbers, so per-document work follows the bitset's words.
//
// Set bits are taken lowest first with x & -x, written Math.imul(x, -1) so that bit 31 never leaves
// 32-bit integer arithmetic (V8 would deoptimize on the overflow).

const lowBit = (x: number) => x & Math.imul(x, -1);
const bitIndex = (low: number) => 31 - Math.clz32(low);

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Set bits in words[0..words). */
export function popcount(bits: Int32Array, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    const x = bits[w];
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** a &= b over words[0..words); returns the set bits left. */
export function andInto(a: Int32Array, b: Int32Array, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    const x = a[w] & b[w];
    a[w] = x;
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** a |= b over words[0..words). */
export function orInto(a: Int32Array, b: Int32Array, words: number): void {
  for (let w = 0; w < words; w++) a[w] |= b[w];
}

/** Set bits [lo, hi). */
export function setRange(bits: Int32Array, lo: number, hi: number): void {
  if (hi <= lo) return;
  const wl = lo >>> 5;
  const wh = (hi - 1) >>> 5;
  const first = -1 << (lo & 31);
  const last = -1 >>> (31 - ((hi - 1) & 31));
  if (wl === wh) {
    bits[wl] |= first & last;
    return;
  }
  bits[wl] |= first;
  for (let w = wl + 1; w < wh; w++) bits[w] = -1;
  bits[wh] |= last;
}

/** Set the bit of every id of a posting list. */
export function setAll(arr: number[], bits: Int32Array): void {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    bits[id >>> 5] |= 1 << (id & 31);
  }
}

/** Set the bit of every id of a unit's postings whose role bits meet `role` (0: any role). */
export function setWithRole(ids: number[], roles: number[], role: number, bits: Int32Array): void {
  for (let i = 0; i < ids.length; i++)
    if (role === 0 || (roles[i] & role) !== 0) {
      const id = ids[i];
      bits[id >>> 5] |= 1 << (id & 31);
    }
}

/** Per-document columns a place filter reads (see MeasureIndex). */
export interface FilterColumns {
  groups: Int32Array;
  /** Per facet group: province, city, county place codes and year. */
  codes: Int32Array;
}

/**
 * Set the measure ranges of the documents of a list of (slot, first measure, end, date) quadruples,
 * list[0..4n), dated within [from, to] (0: open) and whose province, city and county key codes
 * (keyOf a place code) are p0, p1, p2 (-1: any). Read front to back; a document's columns are read
 * only for a place (p0..p2 ≥ 0).
 */
export function filterRangeList(bits: Int32Array, list: Int32Array, n: number, from: number, to: number, p0: number, p1: number, p2: number, keyOf: Int32Array, f: FilterColumns): void {
  const { groups, codes } = f;
  const places = p0 >= 0 || p1 >= 0 || p2 >= 0;
  for (let k = 0; k < n; k += 4) {
    const date = list[k + 3];
    if ((from !== 0 && (date === 0 || date < from)) || (to !== 0 && (date === 0 || date > to))) continue;
    if (places) {
      const g = 4 * groups[list[k]];
      if (p0 >= 0 && (codes[g] < 0 || keyOf[codes[g]] !== p0)) continue;
      if (p1 >= 0 && (codes[g + 1] < 0 || keyOf[codes[g + 1]] !== p1)) continue;
      if (p2 >= 0 && (codes[g + 2] < 0 || keyOf[codes[g + 2]] !== p2)) continue;
    }
    setRange(bits, list[k + 1], list[k + 2]);
  }
}

/** Set the bit of every id of a posting list that `within` holds; returns how many were not set before. */
export function setWithin(arr: number[], bits: Int32Array, within: Int32Array): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const w = id >>> 5;
    const b = 1 << (id & 31);
    if ((within[w] & b) !== 0 && (bits[w] & b) === 0) {
      bits[w] |= b;
      n++;
    }
  }
  return n;
}

/** Ids of a bitset in ascending order into out[at..); returns the new end. Stops at `max` ids. */
export function listBits(bits: Int32Array, words: number, out: Int32Array, at: number, max: number): number {
  let n = at;
  for (let w = 0; w < words && n < max; w++) {
    let x = bits[w];
    while (x !== 0 && n < max) {
      const low = lowBit(x);
      x ^= low;
      out[n++] = (w << 5) + bitIndex(low);
    }
  }
  return n;
}

/** The ids ranked `from`..`to` (0-based) in ascending order. */
export function slicedBits(bits: Int32Array, words: number, from: number, to: number): number[] {
  const out: number[] = [];
  let seen = 0;
  for (let w = 0; w < words && seen < to; w++) {
    let x = bits[w];
    if (x === 0) continue;
    const c = popcount32(x);
    if (seen + c <= from) {
      seen += c;
      continue;
    }
    while (x !== 0 && seen < to) {
      const low = lowBit(x);
      x ^= low;
      if (seen++ >= from) out[out.length] = (w << 5) + bitIndex(low);
    }
  }
  return out;
}

/**
 * Ids of `within` that are set in at least `j` of the bitsets `sets` (bit-sliced counting, up to 15
 * sets) into `out`; returns how many.
 */
const PLANES = new Int32Array(4);

export function atLeast(sets: Int32Array[], j: number, within: Int32Array, words: number, out: Int32Array): number {
  let n = 0;
  const g = sets.length;
  for (let w = 0; w < words; w++) {
    const m = within[w];
    if (m === 0) {
      out[w] = 0;
      continue;
    }
    // Four counter planes: c3 c2 c1 c0 per bit.
    let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
    for (let s = 0; s < g; s++) {
      const x = sets[s][w] & m;
      const k0 = c0 & x;
      c0 ^= x;
      const k1 = c1 & k0;
      c1 ^= k0;
      const k2 = c2 & k1;
      c2 ^= k1;
      c3 ^= k2;
    }
    // Bits whose count >= j: compare the planes with j from the top bit down.
    PLANES[0] = c0;
    PLANES[1] = c1;
    PLANES[2] = c2;
    PLANES[3] = c3;
    let gt = 0;
    let eq = m;
    for (let b = 3; b >= 0; b--) {
      const cb = PLANES[b];
      if ((j >> b) & 1) eq &= cb;
      else {
        gt |= eq & cb;
        eq &= ~cb;
      }
    }
    const ge = gt | eq;
    out[w] = ge;
    if (ge !== 0) n += popcount32(ge);
  }
  return n;
}

/**
 * First group, one body posting list (candidates from postings): each id that passes `pass` (null:
 * all) and is not yet a candidate becomes one with weight w (lists are visited best slot first).
 */
export function collectBody(arr: number[], w: number, pass: Int32Array | null, inSet: Int32Array, acc: Int32Array, cand: Int32Array, n: number): number {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inSet[word] & bit) !== 0 || (pass !== null && (pass[word] & bit) === 0)) continue;
    inSet[word] |= bit;
    acc[id] = w;
    cand[n++] = id;
  }
  return n;
}

/** First group, one title posting list: the title weight once per id; an id only in titles joins too. */
export function collectTitle(
  arr: number[], w: number, pass: Int32Array | null, inSet: Int32Array, inTitle: Int32Array, acc: Int32Array, cand: Int32Array, n: number,
): number {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inTitle[word] & bit) !== 0 || (pass !== null && (pass[word] & bit) === 0)) continue;
    inTitle[word] |= bit;
    if ((inSet[word] & bit) === 0) {
      inSet[word] |= bit;
      acc[id] = 0;
      cand[n++] = id;
    }
    acc[id] += w;
  }
  return n;
}

/** Further group, one body posting list: candidates holding it are marked in `next`, best weight once. */
export function markBody(arr: number[], w: number, inSet: Int32Array, next: Int32Array, acc: Int32Array): void {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inSet[word] & bit) !== 0 && (next[word] & bit) === 0) {
      next[word] |= bit;
      acc[id] += w;
    }
  }
}

/** Further group, one title posting list. */
export function markTitle(arr: number[], w: number, inSet: Int32Array, inTitle: Int32Array, next: Int32Array, acc: Int32Array): void {
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const bit = 1 << (id & 31);
    if ((inSet[word] & bit) !== 0 && (inTitle[word] & bit) === 0) {
      inTitle[word] |= bit;
      next[word] |= bit;
      acc[id] += w;
    }
  }
}

/** Keep the candidates marked in `next`, in place; returns how many. */
export function keepMarked(cand: Int32Array, n: number, next: Int32Array): number {
  let m = 0;
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    if ((next[id >>> 5] & (1 << (id & 31))) !== 0) cand[m++] = id;
  }
  return m;
}

export function hasSorted(arr: number[], id: number): boolean {
  let lo = 0;
  let hi = arr.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = arr[mid];
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** The best slot (0 best) of an id in a term's postings (one ascending list per slot), -1 when absent. */
export function slotOf(slots: (number[] | null | undefined)[], id: number): number {
  for (let s = 0; s < slots.length; s++) {
    const arr = slots[s];
    if (arr && arr.length && arr[0] <= id && arr[arr.length - 1] >= id && hasSorted(arr, id)) return s;
  }
  return -1;
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

const TWO32 = 4294967296;

/** The heap's entries as [id, score], best first. */
function drain(heap: Float64Array, size: number): [id: number, score: number][] {
  const sorted = heap.subarray(0, size).sort();
  const out: [number, number][] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = [TWO32 - 1 - (sorted[i] % TWO32), Math.floor(sorted[i] / TWO32)];
  return out;
}

/** The k best of cand[0..n) by score, then smaller number first; best first. */
export function topByScore(cand: Int32Array, n: number, acc: Int32Array, k: number): [id: number, score: number][] {
  const heap = new Float64Array(Math.min(k, n));
  let size = 0;
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    const kv = acc[id] * TWO32 + (TWO32 - 1 - id);
    if (size === heap.length && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
  }
  return drain(heap, size);
}

/**
 * topByScore over the ids set in a bitset; scores indexed by id, or with `byPosition` by the id's
 * position among the set ones (see scoreRanked).
 */
export function topByScoreBits(bits: Int32Array, words: number, n: number, acc: Int32Array, k: number, byPosition = false): [id: number, score: number][] {
  const heap = new Float64Array(Math.min(k, n));
  let size = 0;
  let pos = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w];
    while (x !== 0) {
      const low = lowBit(x);
      x ^= low;
      const id = (w << 5) + bitIndex(low);
      const kv = acc[byPosition ? pos : id] * TWO32 + (TWO32 - 1 - id);
      pos++;
      if (size === heap.length && kv <= heap[0]) continue;
      size = heapPush(heap, size, kv);
    }
  }
  return drain(heap, size);
}

/**
 * Per word of a bitset: the set bits in the words before it (positions of ids among the set ones),
 * from word `from` on (out[from - 1] already right); returns all the set bits.
 */
export function prefixCounts(bits: Int32Array, words: number, out: Int32Array, from = 0): number {
  let n = from === 0 ? 0 : out[from - 1] + popcount32(bits[from - 1]);
  for (let w = from; w < words; w++) {
    out[w] = n;
    const x = bits[w];
    if (x !== 0) n += popcount32(x);
  }
  return n;
}

/** Rank of a set bit among the set ones (`pre` from prefixCounts). */
const rankOf = (bits: Int32Array, pre: Int32Array, id: number) => pre[id >>> 5] + popcount32(bits[id >>> 5] & ~(-1 << (id & 31)));

/** Slot `s` for each of `ids` (all set in `bits`) whose slot by rank is worse. */
export function fillBestSlots(ids: number[], s: number, bits: Int32Array, pre: Int32Array, slot: Uint8Array): void {
  for (let i = 0; i < ids.length; i++) {
    const r = rankOf(bits, pre, ids[i]);
    if (slot[r] > s) slot[r] = s;
  }
}

/**
 * For each candidate cand[c] that a dense term holds (bits, pre, slot by rank: see DensePostings),
 * best[c] lowered to its slot there.
 */
export function denseBest(cand: Int32Array, n: number, bits: Int32Array, pre: Int32Array, slot: Uint8Array, best: Int32Array): void {
  for (let c = 0; c < n; c++) {
    const id = cand[c];
    const w = id >>> 5;
    const x = bits[w];
    const b = id & 31;
    if ((x & (1 << b)) === 0) continue;
    const s = slot[pre[w] + popcount32(x & ~(-1 << b))];
    if (s < best[c]) best[c] = s;
  }
}

/** denseBest for the ids of bitset `rank`, best[] by position among them. */
export function denseBestRanked(rank: Int32Array, words: number, bits: Int32Array, pre: Int32Array, slot: Uint8Array, best: Int32Array): void {
  let pos = 0;
  for (let w = 0; w < words; w++) {
    let r = rank[w];
    if (r === 0) continue;
    const x = bits[w];
    const p = pre[w];
    while (r !== 0) {
      const low = lowBit(r);
      r ^= low;
      if ((x & low) !== 0) {
        const s = slot[p + popcount32(x & (low - 1))];
        if (s < best[pos]) best[pos] = s;
      }
      pos++;
    }
  }
}

/** acc[pos] raised by `w0` − best[pos] where best[pos] < `none` (positions among ranked ids). */
export function addBestRanked(best: Int32Array, count: number, none: number, w0: number, acc: Int32Array): void {
  for (let p = 0; p < count; p++) {
    const s = best[p];
    if (s < none) acc[p] += w0 - s;
  }
}

/**
 * Weights from best slots (best[c] < `none`): each held candidate marked in `next`, acc[id] raised by
 * `w0` − its slot.
 */
export function addBest(cand: Int32Array, n: number, best: Int32Array, none: number, w0: number, next: Int32Array, acc: Int32Array): void {
  for (let c = 0; c < n; c++) {
    const s = best[c];
    if (s >= none) continue;
    const id = cand[c];
    next[id >>> 5] |= 1 << (id & 31);
    acc[id] += w0 - s;
  }
}

/**
 * scoreList with the scores kept by position among the ranked ids (a small array read and written
 * in cache, where one indexed by measure number would cost a miss per id): pos = pre[word] + the
 * ranked bits below the id's. Returns how many ids it scored.
 */
export function scoreRanked(arr: number[], w: number, ranked: Int32Array, pre: Int32Array, seen: Int32Array, acc: Int32Array): number {
  let n = 0;
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    const word = id >>> 5;
    const b = id & 31;
    const bit = 1 << b;
    const r = ranked[word];
    if ((r & bit) !== 0 && (seen[word] & bit) === 0) {
      seen[word] |= bit;
      acc[pre[word] + popcount32(r & ~(-1 << b))] += w;
      n++;
    }
  }
  return n;
}

/** The `limit` codes of codes[0..n) with the highest counts, ties to the lower rank; best first. */
export function topCodes(codes: Int32Array, n: number, count: Int32Array, rank: Int32Array, byRank: Int32Array, limit: number): number[] {
  const heap = new Float64Array(Math.min(limit, n));
  let size = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const kv = count[c] * TWO32 + (TWO32 - 1 - rank[c]);
    if (size === heap.length && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
  }
  const sorted = heap.subarray(0, size).sort();
  const out: number[] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = byRank[TWO32 - 1 - (sorted[i] % TWO32)];
  return out;
}

/** Per-measure, per-word and per-document arrays the facet counts read. */
export interface FacetColumns {
  /** Document slot of each measure. */
  docOf: Int32Array;
  /** Per slot: one past its last measure number (slots cover the numbers in order). */
  docHi: Int32Array;
  /** Per bitset word: the slot holding its first number. */
  wordDoc: Int32Array;
  /** Per slot: its facet group. */
  docGroup: Int32Array;
  /**
   * Lead units (牵头单位) by word: leadMask marks the measures that have any; the i-th marked measure
   * of word w has leadUnits[leadBase[w] + i]: a unit code, or ~k for several, leadMulti[k] of them
   * in leadMulti[k + 1 ..].
   */
  leadMask: Int32Array;
  leadBase: Int32Array;
  leadUnits: Int32Array;
  leadMulti: Int32Array;
}

/** Counts of the matches: documents, facet groups and lead units touched, with their counts. */
export interface FacetCounts {
  docs: Int32Array;
  docN: Int32Array;
  /** By slot, zero between queries (list counting only). */
  docCount: Int32Array;
  /** By group, zero between queries; the groups touched. */
  groupCount: Int32Array;
  groups: Int32Array;
  unitCount: Int32Array;
  units: Int32Array;
  /** [documents, units, groups] touched after a count. */
  touched: Int32Array;
}

/** Count the lead units of the measures `m` (bits of word w, all marked in leadMask). */
function countWordLeads(w: number, m: number, f: FacetColumns, unitCount: Int32Array, units: Int32Array, nu: number): number {
  const mask = f.leadMask[w];
  const base = f.leadBase[w];
  const leadUnits = f.leadUnits;
  while (m !== 0) {
    const low = lowBit(m);
    m ^= low;
    const u = leadUnits[base + popcount32(mask & (low - 1))];
    if (u >= 0) {
      if (unitCount[u]++ === 0) units[nu++] = u;
    } else {
      const multi = f.leadMulti;
      const at = ~u;
      for (let j = at + 1, end = at + 1 + multi[at]; j < end; j++) {
        const v = multi[j];
        if (unitCount[v]++ === 0) units[nu++] = v;
      }
    }
  }
  return nu;
}

/** Add a document's count to its facet group; returns the groups touched. */
function addToGroup(d: number, run: number, f: FacetColumns, c: FacetCounts, ng: number): number {
  const g = f.docGroup[d];
  if (c.groupCount[g] === 0) c.groups[ng++] = g;
  c.groupCount[g] += run;
  return ng;
}

/**
 * Count cand[0..n) (few matches, in any order): documents and lead units looked up one by one, then
 * the documents' groups.
 */
export function countFacetsList(cand: Int32Array, n: number, f: FacetColumns, c: FacetCounts): void {
  const { docOf, leadMask } = f;
  const { docCount, docs, docN, unitCount, units } = c;
  let nd = 0;
  let nu = 0;
  for (let i = 0; i < n; i++) {
    const id = cand[i];
    const d = docOf[id];
    if (docCount[d]++ === 0) docs[nd++] = d;
    const w = id >>> 5;
    const bit = 1 << (id & 31);
    if ((leadMask[w] & bit) !== 0) nu = countWordLeads(w, bit, f, unitCount, units, nu);
  }
  let ng = 0;
  for (let k = 0; k < nd; k++) {
    const d = docs[k];
    docN[k] = docCount[d];
    docCount[d] = 0;
    ng = addToGroup(d, docN[k], f, c, ng);
  }
  c.touched[0] = nd;
  c.touched[1] = nu;
  c.touched[2] = ng;
}

/**
 * Count the ids of a bitset (many matches). Per-measure arrays are large and read at random would
 * cost a cache miss per match; so documents come from the slot ranges (a small array walked forward,
 * each word split at document ends and its parts counted by popcount; a document's matches come in
 * one run), and lead units from per-word arrays read forward.
 */
export function countFacetsBits(bits: Int32Array, words: number, f: FacetColumns, c: FacetCounts): void {
  const { docHi, wordDoc, leadMask } = f;
  const { docs, docN, unitCount, units } = c;
  let nd = 0;
  let nu = 0;
  let ng = 0;
  let d = 0;
  let cur = -1;
  let run = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w];
    if (x === 0) continue;
    const led = x & leadMask[w];
    if (led !== 0) nu = countWordLeads(w, led, f, unitCount, units, nu);
    const base = w << 5;
    if (wordDoc[w] > d) d = wordDoc[w];
    while (x !== 0) {
      const first = base + bitIndex(lowBit(x));
      while (docHi[d] <= first) d++;
      const end = docHi[d] - base;
      const part = end >= 32 ? x : x & (-1 >>> (32 - end));
      x ^= part;
      if (d !== cur) {
        if (run !== 0) {
          docs[nd] = cur;
          docN[nd++] = run;
          ng = addToGroup(cur, run, f, c, ng);
        }
        cur = d;
        run = 0;
      }
      run += popcount32(part);
    }
  }
  if (run !== 0) {
    docs[nd] = cur;
    docN[nd++] = run;
    ng = addToGroup(cur, run, f, c, ng);
  }
  c.touched[0] = nd;
  c.touched[1] = nu;
  c.touched[2] = ng;
}

/**
 * The `limit` documents of docs[0..n) with the highest counts (docN, by position), ties to the lower
 * rank; best first, with their counts. The rank is read only for counts that can enter the list.
 */
export function topRuns(docs: Int32Array, docN: Int32Array, n: number, rank: Int32Array, byRank: Int32Array, limit: number): [doc: number, count: number][] {
  const heap = new Float64Array(Math.min(limit, n));
  let size = 0;
  let floor = 0; // the smallest count in a full heap
  for (let i = 0; i < n; i++) {
    const cnt = docN[i];
    if (size === heap.length && cnt < floor) continue;
    const kv = cnt * TWO32 + (TWO32 - 1 - rank[docs[i]]);
    if (size === heap.length && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
    if (size === heap.length) floor = Math.floor(heap[0] / TWO32);
  }
  const sorted = heap.subarray(0, size).sort();
  const out: [number, number][] = [];
  for (let i = size - 1; i >= 0; i--) out[out.length] = [byRank[TWO32 - 1 - (sorted[i] % TWO32)], Math.floor(sorted[i] / TWO32)];
  return out;
}

/**
 * Sum the counts of the groups touched (groups[0..ng), groupCount, left zero) by their four codes
 * (groupCodes[4g + i]: province, city, county, year; -1 none) into counts[i]; touched codes into
 * touched[i]; how many per code in out.
 */
export function sumGroupCodes(
  groups: Int32Array, ng: number, groupCount: Int32Array, groupCodes: Int32Array, counts: Int32Array[], touched: Int32Array[], out: Int32Array,
): void {
  out.fill(0);
  for (let k = 0; k < ng; k++) {
    const g = groups[k];
    const n = groupCount[g];
    groupCount[g] = 0;
    const at = 4 * g;
    for (let i = 0; i < 4; i++) {
      const c = groupCodes[at + i];
      if (c < 0) continue;
      const count = counts[i];
      if (count[c] === 0) touched[i][out[i]++] = c;
      count[c] += n;
    }
  }
}

/** Zero count at the touched codes. */
export function clearAt(count: Int32Array, touched: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) count[touched[k]] = 0;
}

/** A facet count: the matches in `bits`, then the codes of the groups they touch (see sumGroupCodes). */
export interface FacetJob {
  bits: Int32Array;
  words: number;
  cols: FacetColumns;
  counts: FacetCounts;
  groupCodes: Int32Array;
  codeCounts: Int32Array[];
  codeTouched: Int32Array[];
  /** How many codes each of codeCounts touched. */
  codesOut: Int32Array;
}

/** Count a job's matches (a bitset) with `count` (countFacetsBits or its native twin), then sum its groups by code. */
export function countFacetJob(job: FacetJob, count: typeof countFacetsBits): void {
  count(job.bits, job.words, job.cols, job.counts);
  sumJobCodes(job);
}

/** Sum the groups a job's count touched by their codes. */
export function sumJobCodes(job: FacetJob): void {
  const c = job.counts;
  sumGroupCodes(c.groups, c.touched[2], c.groupCount, job.groupCodes, job.codeCounts, job.codeTouched, job.codesOut);
}

/**
 * The source of the facet kernels (countFacetJob and what it calls), for a worker
 * thread: they call only each other and read only their arguments.
 */
export function facetKernelSource(): string {
  return [`const lowBit = ${lowBit};`, `const bitIndex = ${bitIndex};`, popcount32, countWordLeads, addToGroup, countFacetsBits, sumGroupCodes, sumJobCodes, countFacetJob].map(String).join("\n");
}
