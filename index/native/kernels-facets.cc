// Native facet kernels: countFacetsBits, sumGroupCodes and countRolesBits of ../search/facet-kernels.ts, over the same
// typed arrays (read and written in place, also in shared memory). Same arguments, same results.
#include "kernels.h"
#include <algorithm>
#include <vector>

namespace kernels {

// Positions of lead units, reused by the calls of a thread (the facet thread counts too).
thread_local std::vector<int32_t> leadScratch;

// The calling thread's leadScratch, its address taken once per call: used in the loop, each push_back went
// through __tls_get_addr (the addon is a shared object).
__attribute__((noinline)) static std::vector<int32_t>* LeadScratch() { return &leadScratch; }

// countFacetsBits(bits, words, cols, counts): see facet-kernels.ts.
napi_value CountFacetsBits(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  I32 bits, docHi, wordDoc, docGroup, leadMask, leadBase, leadUnits, leadMulti;
  I32 docs, docN, groupCount, groups, unitCount, units, touched;
  int32_t words = 0;
  if (!BitsArgs(env, info, "countFacetsBits", 4, argv, bits, words)) return nullptr;
  if (!Field(env, argv[2], "docHi", docHi) || !Field(env, argv[2], "wordDoc", wordDoc) || !Field(env, argv[2], "docGroup", docGroup) ||
      !Field(env, argv[2], "leadMask", leadMask) || !Field(env, argv[2], "leadBase", leadBase) || !Field(env, argv[2], "leadUnits", leadUnits) ||
      !Field(env, argv[2], "leadMulti", leadMulti) || !Field(env, argv[3], "docs", docs) || !Field(env, argv[3], "docN", docN) ||
      !Field(env, argv[3], "groupCount", groupCount) || !Field(env, argv[3], "groups", groups) || !Field(env, argv[3], "unitCount", unitCount) ||
      !Field(env, argv[3], "units", units) || !Field(env, argv[3], "touched", touched))
    return nullptr;
  if (words > wordDoc.n || words > leadMask.n || words > leadBase.n || touched.n < 3) {
    Fail(env, "countFacetsBits: 数组短于 words");
    return nullptr;
  }
  // One check per document, group and unit instead of one per array: documents are the slots d below
  // docHi.n (checked as d moves) and listed once each, so with docHi.n no more than the lengths of docs,
  // docN and docGroup, writing and reading those at d or at the number listed stays inside; groups and
  // units likewise with the counts' lengths no more than the lists'.
  docHi.n = std::min({docHi.n, docs.n, docN.n, docGroup.n});
  groupCount.n = std::min(groupCount.n, groups.n);
  unitCount.n = std::min(unitCount.n, units.n);
  int64_t nd = 0, nu = 0, ng = 0;
  int32_t d = 0, cur = -1, run = 0;
  std::vector<int32_t>& at = *LeadScratch();
  return Guarded(env, "countFacetsBits", [&]() __attribute__((always_inline)) -> napi_value {
    // A document's run of matches: its count, and its facet group's.
    auto addRun = [&](int32_t doc, int32_t n) __attribute__((always_inline)) {
      docs.p[nd] = doc;
      docN.p[nd++] = n;
      const int32_t g = docGroup.p[doc];
      int32_t& count = Ref(groupCount, g);
      if (count == 0) groups.p[ng++] = g;
      count += n;
    };
    auto addUnit = [&](int32_t u) __attribute__((always_inline)) {
      if (Ref(unitCount, u)++ == 0) units.p[nu++] = u;
    };
    const uint32_t* lm = U(leadMask);
    // Lead units in three steps: the positions in leadUnits of the matches that have any (the pass
    // below), then those entries read in one tight loop (independent loads: the misses of a large
    // array overlap, where mixed with the counting they came one after another; 2x faster at 10^4
    // matches in 10^6), then the units counted. The order of first sight is that of the matches.
    at.clear();
    EachSetWord(U(bits), words, [&](int64_t w, uint32_t x) __attribute__((always_inline)) {
      uint32_t led = x & lm[w];
      if (led != 0) {
        const uint32_t mask = lm[w];
        const int64_t base = leadBase.p[w];
        while (led != 0) {
          const uint32_t low = led & (0u - led);
          led ^= low;
          const int64_t i = base + __builtin_popcount(mask & (low - 1));
          Check(i, leadUnits.n);
          at.push_back(static_cast<int32_t>(i));
        }
      }
      const int64_t base = w << 5;
      if (wordDoc.p[w] > d) d = wordDoc.p[w];
      while (x != 0) {
        const int64_t first = base + __builtin_ctz(x);
        while (At(docHi, d) <= first) d++;
        const int64_t end = docHi.p[d] - base;
        const uint32_t part = end >= 32 ? x : x & (0xffffffffu >> (32 - end));
        x ^= part;
        if (d != cur) {
          if (run != 0) addRun(cur, run);
          cur = d;
          run = 0;
        }
        run += __builtin_popcount(part);
      }
    });
    if (run != 0) addRun(cur, run);
    const size_t leads = at.size();
    int32_t* pos = at.data();
    for (size_t k = 0; k < leads; k++) pos[k] = leadUnits.p[pos[k]];  // positions checked above
    for (size_t k = 0; k < leads; k++) {
      const int32_t u = pos[k];
      if (u >= 0) {
        addUnit(u);
      } else {
        const int64_t m = ~static_cast<int64_t>(u);
        for (int64_t j = m + 1, end = m + 1 + At(leadMulti, m); j < end; j++) addUnit(At(leadMulti, j));
      }
    }
    touched.p[0] = static_cast<int32_t>(nd);
    touched.p[1] = static_cast<int32_t>(nu);
    touched.p[2] = static_cast<int32_t>(ng);
    return nullptr;
  });
}

// sumGroupCodes(groups, ng, groupCount, groupCodes, counts, touched, out): the counts of the groups
// touched summed by their four codes, touched codes listed as first met, group counts left zero (see
// facet-kernels.ts). The JavaScript took about 200 instructions a group (each typed-array access checked
// again in the loop).
napi_value SumGroupCodes(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  I32 groups, groupCount, groupCodes, out, counts[4], touched[4];
  int32_t ng = 0;
  if (argc != 7 || !Typed(env, argv[0], groups) || !Typed(env, argv[2], groupCount) || !Typed(env, argv[3], groupCodes) || !Typed(env, argv[6], out))
    return nullptr;
  if (napi_get_value_int32(env, argv[1], &ng) != napi_ok || ng < 0 || ng > groups.n || out.n < 4) {
    Fail(env, "sumGroupCodes: 参数无效");
    return nullptr;
  }
  for (uint32_t i = 0; i < 4; i++) {
    napi_value v;
    if (napi_get_element(env, argv[4], i, &v) != napi_ok || !Typed(env, v, counts[i])) return nullptr;
    if (napi_get_element(env, argv[5], i, &v) != napi_ok || !Typed(env, v, touched[i])) return nullptr;
  }
  int64_t n[4] = {0, 0, 0, 0};
  return Guarded(env, "sumGroupCodes", [&]() __attribute__((always_inline)) -> napi_value {
    for (int32_t k = 0; k < ng; k++) {
      const int32_t g = groups.p[k];
      int32_t& gc = Ref(groupCount, g);
      const int32_t run = gc;
      gc = 0;
      const int64_t at = 4 * static_cast<int64_t>(g);
      for (int i = 0; i < 4; i++) {
        const int32_t c = At(groupCodes, at + i);
        if (c < 0) continue;
        int32_t& count = Ref(counts[i], c);
        if (count == 0) Ref(touched[i], n[i]++) = c;
        count += run;
      }
    }
    for (int i = 0; i < 4; i++) out.p[i] = static_cast<int32_t>(n[i]);
    return nullptr;
  });
}

// countRolesBits(bits, words, roles, out): set bits of bits & roles[i] into out[i] for the three
// role bitsets, in one pass that reads the roles only where bits has a word set (see facet-kernels.ts).
napi_value CountRolesBits(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  I32 bits, out, r[3];
  int32_t words = 0;
  if (!BitsArgs(env, info, "countRolesBits", 4, argv, bits, words) || !Typed(env, argv[3], out)) return nullptr;
  for (uint32_t i = 0; i < 3; i++) {
    napi_value v;
    if (napi_get_element(env, argv[2], i, &v) != napi_ok || !Words(env, v, words, "countRolesBits", r[i])) return nullptr;
  }
  if (out.n < 3) {
    Fail(env, "countRolesBits: 数组短于 3");
    return nullptr;
  }
  const uint32_t* b = U(bits);
  const uint32_t* r0 = U(r[0]);
  const uint32_t* r1 = U(r[1]);
  const uint32_t* r2 = U(r[2]);
  int64_t n0 = 0, n1 = 0, n2 = 0;
  int64_t w = 0;
  for (; w + 1 < words; w += 2) {
    const uint64_t x = Pair(b, w);
    if (x == 0) continue;
    n0 += __builtin_popcountll(x & Pair(r0, w));
    n1 += __builtin_popcountll(x & Pair(r1, w));
    n2 += __builtin_popcountll(x & Pair(r2, w));
  }
  if (w < words) {
    const uint32_t x = b[w];
    n0 += __builtin_popcount(x & r0[w]);
    n1 += __builtin_popcount(x & r1[w]);
    n2 += __builtin_popcount(x & r2[w]);
  }
  out.p[0] = static_cast<int32_t>(n0);
  out.p[1] = static_cast<int32_t>(n1);
  out.p[2] = static_cast<int32_t>(n2);
  return nullptr;
}

}  // namespace kernels
