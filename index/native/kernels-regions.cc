// Native regionOrder of ../search/region-order.ts: the shape of a query's region tree (each counted place's
// parent entry, its children sorted by count then name rank, the roots), over the same typed arrays. Same
// arguments, same results. In JavaScript each typed-array access of this integer work cost about ten
// instructions of checks (about 1,000 instructions a place).
#include "kernels.h"
#include <algorithm>

namespace kernels {

// regionOrder(n, c0, c1, c2, k0, k1, k2, table, rank, scratch): see region-order.ts.
napi_value RegionOrder(napi_env env, napi_callback_info info) {
  size_t argc = 10;
  napi_value argv[10];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  I32 n, c[3], k[3], table, rank, scratch;
  if (argc != 10 || !Typed(env, argv[0], n) || !Typed(env, argv[1], c[0]) || !Typed(env, argv[2], c[1]) || !Typed(env, argv[3], c[2]) ||
      !Typed(env, argv[4], k[0]) || !Typed(env, argv[5], k[1]) || !Typed(env, argv[6], k[2]) || !Typed(env, argv[7], table) ||
      !Typed(env, argv[8], rank) || !Typed(env, argv[9], scratch))
    return nullptr;
  if (n.n < 3 || n.p[0] < 0 || n.p[1] < 0 || n.p[2] < 0 || n.p[0] > c[0].n || n.p[1] > c[1].n || n.p[2] > c[2].n) {
    Fail(env, "regionOrder: 参数无效");
    return nullptr;
  }
  const int64_t places = table.n / 4;
  const int64_t n0 = n.p[0], n1 = n.p[1], n2 = n.p[2], total = n0 + n1 + n2;
  if (scratch.n < 2 * places + 5 * total) {
    Fail(env, "regionOrder: 数组短于所需");
    return nullptr;
  }
  return Guarded(env, "regionOrder", [&]() __attribute__((always_inline)) -> napi_value {
    int32_t* slot = scratch.p;  // per place code and level (province, city): its entry, -1 none (left so)
    int32_t* parent = slot + 2 * places;
    int32_t* kid = parent + total;
    int32_t* first = kid + total;
    int32_t* list = first + total;
    int32_t* count = list + total;
    const int32_t* t = table.p;
    auto code = [&](int64_t e) __attribute__((always_inline)) { return e < n0 ? c[0].p[e] : e < n0 + n1 ? c[1].p[e - n0] : c[2].p[e - n0 - n1]; };
    auto place = [&](int64_t code) __attribute__((always_inline)) { Check(code, places); return code; };
    std::fill(kid, kid + total, 0);
    int64_t roots = n0;
    for (int64_t i = 0; i < n0; i++) {
      slot[place(c[0].p[i])] = static_cast<int32_t>(i);
      parent[i] = -1;
    }
    for (int64_t i = 0; i < n1; i++) {
      const int64_t cc = place(c[1].p[i]);
      const int64_t e = n0 + i;
      const int32_t p = t[4 * cc];
      const int32_t pe = p >= 0 ? slot[place(p)] : -1;
      if (pe >= 0 && t[4 * cc + 3] != 0) {
        slot[places + cc] = pe;  // municipality: the province itself
        parent[e] = -2;
        continue;
      }
      slot[places + cc] = static_cast<int32_t>(e);
      parent[e] = pe;
      if (pe >= 0) kid[pe]++;
      else roots++;
    }
    for (int64_t i = 0; i < n2; i++) {
      const int64_t cc = place(c[2].p[i]);
      const int32_t p = t[4 * cc + 1];
      const int32_t ci = t[4 * cc + 2];
      int32_t pe = ci >= 0 ? slot[places + place(ci)] : -1;
      if (pe < 0 && p >= 0) pe = slot[place(p)];
      parent[n0 + n1 + i] = pe;
      if (pe >= 0) kid[pe]++;
      else roots++;
    }
    for (int64_t i = 0; i < n0; i++) slot[c[0].p[i]] = -1;
    for (int64_t i = 0; i < n1; i++) slot[places + c[1].p[i]] = -1;
    int64_t at = 0;
    for (int64_t e = 0; e < total; e++) {
      const int64_t cc = code(e);
      count[e] = At(k[e < n0 ? 0 : e < n0 + n1 ? 1 : 2], cc);
      first[e] = static_cast<int32_t>(at);
      at += kid[e];
      kid[e] = 0;
    }
    const int64_t rootsAt = at;
    int64_t r = 0;
    for (int64_t e = 0; e < total; e++) {
      const int32_t pe = parent[e];
      if (pe == -2) continue;
      if (pe < 0) list[rootsAt + r++] = static_cast<int32_t>(e);
      else list[first[pe] + kid[pe]++] = static_cast<int32_t>(e);
    }
    // Higher count first, then the lower rank (the name first in order), then as counted.
    auto before = [&](int32_t a, int32_t b) {
      if (count[a] != count[b]) return count[a] > count[b];
      const int32_t ra = At(rank, code(a)), rb = At(rank, code(b));
      return ra != rb ? ra < rb : a < b;
    };
    std::sort(list + rootsAt, list + rootsAt + roots, before);
    for (int64_t e = 0; e < n0 + n1; e++)
      if (kid[e] > 1) std::sort(list + first[e], list + first[e] + kid[e], before);
    return Int(env, roots);
  });
}

}  // namespace kernels
