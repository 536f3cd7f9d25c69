// Native kernels over posting lists: setAll, setWithin and setWithRole of ../search/bit-kernels.ts,
// scoreRanked, collectBody, collectTitle, markBody and markTitle of ../search/kernels.ts, for lists held as Int32Array (a restored index's
// postings read in place as views of its snapshot; a unit's postings). Same arguments, same results. In
// JavaScript each id's bitset access was checked again (map, length, data pointer: 12 to 20
// instructions an id); here it is one compare.
#include "kernels.h"

namespace kernels {

namespace {

// The bit of id in a bitset of n words: its word, checked.
__attribute__((always_inline)) inline int64_t WordOf(int32_t id, int64_t n) {
  const int64_t w = static_cast<uint32_t>(id) >> 5;
  Check(w, n);
  return w;
}

}  // namespace

// setAll(arr, bits): the bit of every id of arr set.
napi_value SetAll(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  I32 list, bits;
  if (!ListArgs(env, info, "setAll", 2, argv, list) || !Typed(env, argv[1], bits)) return nullptr;
  uint32_t* b = U(bits);
  return Guarded(env, "setAll", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      b[WordOf(id, bits.n)] |= 1u << (id & 31);
    }
    return nullptr;
  });
}

// setWithin(arr, bits, within): the bit of every id of arr that `within` holds set; returns how many were
// not set before.
napi_value SetWithin(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  I32 list, bits, within;
  if (!ListArgs(env, info, "setWithin", 3, argv, list) || !Typed(env, argv[1], bits) || !Typed(env, argv[2], within)) return nullptr;
  uint32_t* b = U(bits);
  const uint32_t* in = U(within);
  const int64_t words = bits.n < within.n ? bits.n : within.n;
  int64_t n = 0;
  return Guarded(env, "setWithin", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      const int64_t w = WordOf(id, words);
      const uint32_t bit = 1u << (id & 31);
      if ((in[w] & bit) != 0 && (b[w] & bit) == 0) {
        b[w] |= bit;
        n++;
      }
    }
    return Int(env, n);
  });
}

// setWithRole(ids, roles, role, bits): the bit of every id whose role bits (Uint8Array, by position) meet
// `role` (0: any) set.
napi_value SetWithRole(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  I32 list, bits;
  int32_t role = 0;
  if (!ListArgs(env, info, "setWithRole", 4, argv, list) || !Typed(env, argv[3], bits)) return nullptr;
  napi_typedarray_type type;
  size_t rolesN;
  void* data;
  if (napi_get_typedarray_info(env, argv[1], &type, &rolesN, &data, nullptr, nullptr) != napi_ok || type != napi_uint8_array ||
      static_cast<int64_t>(rolesN) < list.n || napi_get_value_int32(env, argv[2], &role) != napi_ok) {
    Fail(env, "setWithRole: roles 应为不短于 ids 的 Uint8Array");
    return nullptr;
  }
  const uint8_t* roles = static_cast<const uint8_t*>(data);
  uint32_t* b = U(bits);
  return Guarded(env, "setWithRole", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++)
      if (role == 0 || (roles[i] & role) != 0) {
        const int32_t id = list.p[i];
        b[WordOf(id, bits.n)] |= 1u << (id & 31);
      }
    return nullptr;
  });
}

// scoreRanked(arr, w, ranked, pre, seen, acc): each id of arr ranked and not yet seen is marked seen and
// acc[its position among the ranked] raised by w; returns how many (see kernels.ts).
napi_value ScoreRanked(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  I32 list, ranked, pre, seen, acc;
  int32_t weight = 0;
  if (!ListArgs(env, info, "scoreRanked", 6, argv, list) || !Typed(env, argv[2], ranked) || !Typed(env, argv[3], pre) || !Typed(env, argv[4], seen) ||
      !Typed(env, argv[5], acc))
    return nullptr;
  if (napi_get_value_int32(env, argv[1], &weight) != napi_ok) {
    Fail(env, "scoreRanked: w 无效");
    return nullptr;
  }
  int64_t words = ranked.n < pre.n ? ranked.n : pre.n;
  if (seen.n < words) words = seen.n;
  const uint32_t* r32 = U(ranked);
  uint32_t* s32 = U(seen);
  int64_t n = 0;
  return Guarded(env, "scoreRanked", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      const int64_t w = WordOf(id, words);
      const uint32_t bit = 1u << (id & 31);
      const uint32_t r = r32[w];
      if ((r & bit) != 0 && (s32[w] & bit) == 0) {
        s32[w] |= bit;
        Ref(acc, static_cast<int64_t>(pre.p[w]) + __builtin_popcount(r & (bit - 1))) += weight;
        n++;
      }
    }
    return Int(env, n);
  });
}

// collectBody(arr, w, pass, inSet, acc, cand, n): each id of arr that passes `pass` (null: all) and is not
// yet in inSet joins it, with acc[id] = w, appended to cand from n; returns the new n (see kernels.ts).
napi_value CollectBody(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  I32 list, pass, inSet, acc, cand;
  int32_t weight = 0, n0 = 0;
  if (!ListArgs(env, info, "collectBody", 7, argv, list) || !Typed(env, argv[3], inSet) || !Typed(env, argv[4], acc) || !Typed(env, argv[5], cand))
    return nullptr;
  bool all = false;
  if (!TypedOrNull(env, argv[2], pass, all)) return nullptr;
  if (napi_get_value_int32(env, argv[1], &weight) != napi_ok || napi_get_value_int32(env, argv[6], &n0) != napi_ok || n0 < 0) {
    Fail(env, "collectBody: 参数无效");
    return nullptr;
  }
  const int64_t words = all || inSet.n < pass.n ? inSet.n : pass.n;
  uint32_t* in = U(inSet);
  const uint32_t* ok = all ? nullptr : U(pass);
  int64_t n = n0;
  return Guarded(env, "collectBody", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      const int64_t w = WordOf(id, words);
      const uint32_t bit = 1u << (id & 31);
      if ((in[w] & bit) != 0 || (ok != nullptr && (ok[w] & bit) == 0)) continue;
      in[w] |= bit;
      Ref(acc, id) = weight;
      Ref(cand, n) = id;
      n++;
    }
    return Int(env, n);
  });
}

// collectTitle(arr, w, pass, inSet, inTitle, acc, cand, n): the title weight w once per id of arr that passes
// `pass` (null: all), marked in inTitle; an id not yet in inSet joins it (acc[id] = 0 first, appended to cand
// from n); returns the new n (see kernels.ts).
napi_value CollectTitle(napi_env env, napi_callback_info info) {
  napi_value argv[8];
  I32 list, pass, inSet, inTitle, acc, cand;
  int32_t weight = 0, n0 = 0;
  if (!ListArgs(env, info, "collectTitle", 8, argv, list) || !Typed(env, argv[3], inSet) || !Typed(env, argv[4], inTitle) || !Typed(env, argv[5], acc) ||
      !Typed(env, argv[6], cand))
    return nullptr;
  bool all = false;
  if (!TypedOrNull(env, argv[2], pass, all)) return nullptr;
  if (napi_get_value_int32(env, argv[1], &weight) != napi_ok || napi_get_value_int32(env, argv[7], &n0) != napi_ok || n0 < 0) {
    Fail(env, "collectTitle: 参数无效");
    return nullptr;
  }
  int64_t words = inSet.n < inTitle.n ? inSet.n : inTitle.n;
  if (!all && pass.n < words) words = pass.n;
  uint32_t* in = U(inSet);
  uint32_t* title = U(inTitle);
  const uint32_t* ok = all ? nullptr : U(pass);
  int64_t n = n0;
  return Guarded(env, "collectTitle", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      const int64_t w = WordOf(id, words);
      const uint32_t bit = 1u << (id & 31);
      if ((title[w] & bit) != 0 || (ok != nullptr && (ok[w] & bit) == 0)) continue;
      title[w] |= bit;
      int32_t& a = Ref(acc, id);
      if ((in[w] & bit) == 0) {
        in[w] |= bit;
        a = 0;
        Ref(cand, n) = id;
        n++;
      }
      a += weight;
    }
    return Int(env, n);
  });
}

// markBody(arr, w, inSet, next, acc): each id of arr in inSet not yet marked in next is marked, acc[id]
// raised by w (see kernels.ts).
napi_value MarkBody(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  I32 list, inSet, next, acc;
  int32_t weight = 0;
  if (!ListArgs(env, info, "markBody", 5, argv, list) || !Typed(env, argv[2], inSet) || !Typed(env, argv[3], next) || !Typed(env, argv[4], acc)) return nullptr;
  if (napi_get_value_int32(env, argv[1], &weight) != napi_ok) {
    Fail(env, "markBody: w 无效");
    return nullptr;
  }
  const int64_t words = inSet.n < next.n ? inSet.n : next.n;
  const uint32_t* in = U(inSet);
  uint32_t* nx = U(next);
  return Guarded(env, "markBody", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      const int64_t w = WordOf(id, words);
      const uint32_t bit = 1u << (id & 31);
      if ((in[w] & bit) != 0 && (nx[w] & bit) == 0) {
        nx[w] |= bit;
        Ref(acc, id) += weight;
      }
    }
    return nullptr;
  });
}

// markTitle(arr, w, inSet, inTitle, next, acc): each id of arr in inSet not yet in inTitle is marked in
// inTitle and next, acc[id] raised by w (see kernels.ts).
napi_value MarkTitle(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  I32 list, inSet, inTitle, next, acc;
  int32_t weight = 0;
  if (!ListArgs(env, info, "markTitle", 6, argv, list) || !Typed(env, argv[2], inSet) || !Typed(env, argv[3], inTitle) || !Typed(env, argv[4], next) ||
      !Typed(env, argv[5], acc))
    return nullptr;
  if (napi_get_value_int32(env, argv[1], &weight) != napi_ok) {
    Fail(env, "markTitle: w 无效");
    return nullptr;
  }
  int64_t words = inSet.n < inTitle.n ? inSet.n : inTitle.n;
  if (next.n < words) words = next.n;
  const uint32_t* in = U(inSet);
  uint32_t* title = U(inTitle);
  uint32_t* nx = U(next);
  return Guarded(env, "markTitle", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t i = 0; i < list.n; i++) {
      const int32_t id = list.p[i];
      const int64_t w = WordOf(id, words);
      const uint32_t bit = 1u << (id & 31);
      if ((in[w] & bit) != 0 && (title[w] & bit) == 0) {
        title[w] |= bit;
        nx[w] |= bit;
        Ref(acc, id) += weight;
      }
    }
    return nullptr;
  });
}

}  // namespace kernels
