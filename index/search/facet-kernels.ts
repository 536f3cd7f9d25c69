// Facet kernels: counts of documents, facet groups (places, year) and lead units over the matches, the
// most frequent values, and the source of these functions for the facet thread (facet-thread.ts).
import * as ops from "./bit-ops.ts";
import { heapPush, TWO32 } from "./bit-ops.ts";

// Local names: the counting functions go to the facet thread as source text (facetKernelSource), where
// an imported name would not resolve (a module loader may rewrite it to a property of its import).
const lowBit = ops.lowBit;
const bitIndex = ops.bitIndex;
const popcount32 = ops.popcount32;

/** Heap space of topCodes and topRunsInto, kept across calls (a fresh typed array a call was an allocation outside the heap). */
let heapSpace = new Float64Array(64);
function heapOf(size: number): Float64Array {
  if (heapSpace.length < size) heapSpace = new Float64Array(2 * size);
  return heapSpace.subarray(0, size);
}

/** The `limit` codes of codes[0..n) with the highest counts, ties to the lower rank; best first. */
export function topCodes(codes: Int32Array, n: number, count: Int32Array, rank: Int32Array, byRank: Int32Array, limit: number): number[] {
  const heap = heapOf(Math.min(limit, n));
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
 * rank, written into `out` as (document, count) pairs, best first; the rank is read only for counts
 * that can enter the list (`out` at least 2 · min(limit, n) long). Returns how many.
 */
export function topRunsInto(docs: Int32Array, docN: Int32Array, n: number, rank: Int32Array, byRank: Int32Array, limit: number, out: Int32Array): number {
  const heap = heapOf(Math.min(limit, n));
  const size = heapRuns(heap, heap.length, docs, docN, n, rank);
  const sorted = heap.subarray(0, size).sort();
  for (let i = size - 1, j = 0; i >= 0; i--, j += 2) {
    out[j] = byRank[TWO32 - 1 - (sorted[i] % TWO32)];
    out[j + 1] = Math.floor(sorted[i] / TWO32);
  }
  return size;
}

/**
 * topRunsInto's loop: the best keys (count, then lower rank) of docs[0..n) into `heap` (cap entries); returns
 * how many. A function of its own with nothing before its loop: V8 first runs a kernel without type
 * feedback (allocated lazily, here during the first call's loop), optimizes it in that loop (OSR) and
 * then whole; code before the loop, which had run without feedback, deoptimized the whole function at
 * its next call, and it was then left in baseline code (seen in the timed rounds of the bench).
 */
function heapRuns(heap: Float64Array, cap: number, docs: Int32Array, docN: Int32Array, n: number, rank: Int32Array): number {
  let size = 0;
  // A count below this cannot enter: 0 until the heap is full, then the smallest count in it (an
  // integer: kept as one, the loop has no number checks).
  let floor = 0;
  for (let i = 0; i < n; i++) {
    const cnt = docN[i];
    if (cnt < floor) continue;
    const kv = cnt * TWO32 + (TWO32 - 1 - rank[docs[i]]);
    if (size === cap && kv <= heap[0]) continue;
    size = heapPush(heap, size, kv);
    if (size === cap) floor = (heap[0] / TWO32) | 0;
  }
  return size;
}

/**
 * Sum the counts of the groups touched (groups[0..ng), groupCount, left zero) by their four codes
 * (groupCodes[4g + i]: province, city, county, year; -1 none) into counts[i]; touched codes into
 * touched[i]; how many per code in out.
 */
export function sumGroupCodes(
  groups: Int32Array, ng: number, groupCount: Int32Array, groupCodes: Int32Array, counts: Int32Array[], touched: Int32Array[], out: Int32Array,
): void {
  sumCodes(groups, ng, groupCount, groupCodes, counts[0], counts[1], counts[2], counts[3], touched[0], touched[1], touched[2], touched[3], out);
}

/** sumGroupCodes' loop, each code kind's arrays and count in locals; nothing before the loop (see heapRuns). */
function sumCodes(
  groups: Int32Array, ng: number, groupCount: Int32Array, groupCodes: Int32Array,
  p: Int32Array, ci: Int32Array, co: Int32Array, y: Int32Array, tp: Int32Array, tci: Int32Array, tco: Int32Array, ty: Int32Array, out: Int32Array,
): void {
  let np = 0;
  let nci = 0;
  let nco = 0;
  let ny = 0;
  for (let k = 0; k < ng; k++) {
    const g = groups[k];
    const n = groupCount[g];
    groupCount[g] = 0;
    const at = 4 * g;
    let c = groupCodes[at];
    if (c >= 0) {
      if (p[c] === 0) tp[np++] = c;
      p[c] += n;
    }
    c = groupCodes[at + 1];
    if (c >= 0) {
      if (ci[c] === 0) tci[nci++] = c;
      ci[c] += n;
    }
    c = groupCodes[at + 2];
    if (c >= 0) {
      if (co[c] === 0) tco[nco++] = c;
      co[c] += n;
    }
    c = groupCodes[at + 3];
    if (c >= 0) {
      if (y[c] === 0) ty[ny++] = c;
      y[c] += n;
    }
  }
  out[0] = np;
  out[1] = nci;
  out[2] = nco;
  out[3] = ny;
}

/** Zero count at the touched codes. */
export function clearAt(count: Int32Array, touched: Int32Array, n: number): void {
  for (let k = 0; k < n; k++) count[touched[k]] = 0;
}

/** A facet count: the matches in `bits`, then the codes of the groups they touch (see sumGroupCodes), and the matches per role. */
export interface FacetJob {
  bits: Int32Array;
  words: number;
  cols: FacetColumns;
  counts: FacetCounts;
  /** Bitsets of the measures naming a unit in each role (lead, coop, responsible), and the matches counted in each. */
  roles: Int32Array[];
  roleOut: Int32Array;
  groupCodes: Int32Array;
  codeCounts: Int32Array[];
  codeTouched: Int32Array[];
  /** How many codes each of codeCounts touched. */
  codesOut: Int32Array;
}

/**
 * Count a job's matches (a bitset) with `count` (countFacetsBits or its native twin), sum its groups by
 * code with `sum` (sumGroupCodes or its native twin), and count the matches per role with `roles`
 * (countRolesBits or its native twin: one pass that reads the role bitsets only where there are matches).
 */
export function countFacetJob(job: FacetJob, count: typeof countFacetsBits, roles: typeof countRolesBits, sum: typeof sumGroupCodes = sumGroupCodes): void {
  count(job.bits, job.words, job.cols, job.counts);
  sumJobCodes(job, sum);
  roles(job.bits, job.words, job.roles, job.roleOut);
}

/** Set bits of `bits & roles[i]` into out[i], for the three roles, in one pass (empty words skipped). */
export function countRolesBits(bits: Int32Array, words: number, roles: Int32Array[], out: Int32Array): void {
  const [r0, r1, r2] = roles;
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  for (let w = 0; w < words; w++) {
    const x = bits[w];
    if (x === 0) continue;
    const a = x & r0[w];
    const b = x & r1[w];
    const c = x & r2[w];
    if (a !== 0) n0 += popcount32(a);
    if (b !== 0) n1 += popcount32(b);
    if (c !== 0) n2 += popcount32(c);
  }
  out[0] = n0;
  out[1] = n1;
  out[2] = n2;
}

/** The same for the ids cand[0..n). */
export function countRolesList(cand: Int32Array, n: number, roles: Int32Array[], out: Int32Array): void {
  const [r0, r1, r2] = roles;
  let n0 = 0;
  let n1 = 0;
  let n2 = 0;
  for (let i = 0; i < n; i++) {
    const id = cand[i];
    const w = id >>> 5;
    const bit = 1 << (id & 31);
    if ((r0[w] & bit) !== 0) n0++;
    if ((r1[w] & bit) !== 0) n1++;
    if ((r2[w] & bit) !== 0) n2++;
  }
  out[0] = n0;
  out[1] = n1;
  out[2] = n2;
}

/** Sum the groups a job's count touched by their codes, with `sum` (sumGroupCodes or its native twin). */
export function sumJobCodes(job: FacetJob, sum: typeof sumGroupCodes = sumGroupCodes): void {
  const c = job.counts;
  sum(c.groups, c.touched[2], c.groupCount, job.groupCodes, job.codeCounts, job.codeTouched, job.codesOut);
}

/**
 * The source of the facet kernels (countFacetJob and what it calls), for a worker
 * thread: they call only each other and read only their arguments.
 */
export function facetKernelSource(): string {
  return [`const lowBit = ${lowBit};`, `const bitIndex = ${bitIndex};`, popcount32, countWordLeads, addToGroup, countFacetsBits, sumGroupCodes, sumCodes, sumJobCodes, countRolesBits, countFacetJob].map(String).join("\n");
}
