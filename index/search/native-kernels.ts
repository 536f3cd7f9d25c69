// The native kernels (index/native, C++ built by `npm install` with node-gyp), when they were built:
// countFacetsBits, the facet group sums and top documents, the passes over whole bitsets and posting
// lists, the top k by score and the dense lookups of ranked measures, over the same arrays, 2.5 to 10 times faster. Where
// no compiler was at hand, or with POLICY_NATIVE=0, the JavaScript kernels of kernels.ts do the same work.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { andCount, andInto, atLeast, listBits, orInto, popcount, setAll, setWithin, setWithRole, zeroWords } from "./bit-kernels.ts";
import { countFacetsBits, countRolesBits, sumGroupCodes, topRunsInto } from "./facet-kernels.ts";
import { regionOrder } from "./region-order.ts";
import { addBest, collectBody, collectTitle, denseBest, denseBestRanked, keepMarked, markBody, markTitle, prefixCounts, scoreRanked, topByScoreBits } from "./kernels.ts";

/** The kernels that have a native twin (same arguments, same results). */
export interface BitKernels {
  countFacetsBits: typeof countFacetsBits;
  countRolesBits: typeof countRolesBits;
  sumGroupCodes: typeof sumGroupCodes;
  topRunsInto: typeof topRunsInto;
  denseBestRanked: typeof denseBestRanked;
  popcount: typeof popcount;
  andInto: typeof andInto;
  andCount: typeof andCount;
  orInto: typeof orInto;
  zeroWords: typeof zeroWords;
  prefixCounts(bits: Int32Array, words: number, out: Int32Array, from: number): number;
  atLeast: typeof atLeast;
  topByScoreBits: typeof topByScoreBits;
  /** Posting lists: natively when an Int32Array (roles: a Uint8Array), else (flexsearch's arrays) in JavaScript. */
  setAll: typeof setAll;
  setWithin: typeof setWithin;
  setWithRole: typeof setWithRole;
  scoreRanked: typeof scoreRanked;
  collectBody: typeof collectBody;
  collectTitle: typeof collectTitle;
  markBody: typeof markBody;
  markTitle: typeof markTitle;
  /** Candidate lists of the list plan. */
  listBits: typeof listBits;
  denseBest: typeof denseBest;
  addBest: typeof addBest;
  keepMarked: typeof keepMarked;
  /** The shape of a region tree (region-order.ts). */
  regionOrder: typeof regionOrder;
}

export const JS_KERNELS: BitKernels = {
  countFacetsBits, countRolesBits, sumGroupCodes, topRunsInto, denseBestRanked, popcount, andInto, andCount, orInto, zeroWords, prefixCounts, atLeast, topByScoreBits,
  setAll, setWithin, setWithRole, scoreRanked, collectBody, collectTitle, markBody, markTitle, listBits, denseBest, addBest, keepMarked, regionOrder,
};

/** The posting kernels of the addon take typed lists only: a plain array goes to the JavaScript twin. */
function withPlainLists(mod: BitKernels): BitKernels {
  const { setAll: all, setWithin: within, setWithRole: withRole, scoreRanked: ranked, collectBody: body, collectTitle: title, markBody: mb, markTitle: mt } = mod;
  return {
    ...mod,
    setAll: (arr, bits) => (arr instanceof Int32Array ? all(arr, bits) : setAll(arr, bits)),
    setWithin: (arr, bits, w) => (arr instanceof Int32Array ? within(arr, bits, w) : setWithin(arr, bits, w)),
    setWithRole: (ids, roles, role, bits) => (ids instanceof Int32Array && roles instanceof Uint8Array ? withRole(ids, roles, role, bits) : setWithRole(ids, roles, role, bits)),
    scoreRanked: (arr, w, r, pre, seen, acc) => (arr instanceof Int32Array ? ranked(arr, w, r, pre, seen, acc) : scoreRanked(arr, w, r, pre, seen, acc)),
    collectBody: (arr, w, pass, inSet, acc, cand, n) => (arr instanceof Int32Array ? body(arr, w, pass, inSet, acc, cand, n) : collectBody(arr, w, pass, inSet, acc, cand, n)),
    collectTitle: (arr, w, pass, inSet, inTitle, acc, cand, n) =>
      arr instanceof Int32Array ? title(arr, w, pass, inSet, inTitle, acc, cand, n) : collectTitle(arr, w, pass, inSet, inTitle, acc, cand, n),
    markBody: (arr, w, inSet, next, acc) => (arr instanceof Int32Array ? mb(arr, w, inSet, next, acc) : markBody(arr, w, inSet, next, acc)),
    markTitle: (arr, w, inSet, inTitle, next, acc) => (arr instanceof Int32Array ? mt(arr, w, inSet, inTitle, next, acc) : markTitle(arr, w, inSet, inTitle, next, acc)),
  };
}

/** Where the built addon is (its absence means the JavaScript kernels). */
export const NATIVE_PATH = fileURLToPath(new URL("../native/build/Release/kernels.node", import.meta.url));

function load(): BitKernels | null {
  if (process.env.POLICY_NATIVE === "0" || !existsSync(NATIVE_PATH)) return null;
  try {
    const mod = createRequire(import.meta.url)(NATIVE_PATH) as Partial<BitKernels>;
    // Built from older sources (npm install not run again since): all or nothing.
    const missing = Object.keys(JS_KERNELS).filter((k) => typeof mod[k as keyof BitKernels] !== "function");
    if (missing.length) {
      process.stderr.write(`原生计算核心版本过旧（缺少 ${missing.join("、")}），改用 JavaScript 版本；请运行 npm run build:native\n`);
      return null;
    }
    return withPlainLists(mod as BitKernels);
  } catch (e) {
    process.stderr.write(`原生计算核心无法加载，改用 JavaScript 版本：${(e as Error).message}\n`);
    return null;
  }
}

export const nativeKernels: BitKernels | null = load();

/** The native kernels when built and wanted, else the JavaScript ones. */
export const kernelsFor = (native: boolean): BitKernels => (native && nativeKernels) || JS_KERNELS;
