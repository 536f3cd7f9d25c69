// Native kernels over candidate lists (the list plan of ../search/matching.ts): listBits of
// ../search/bit-kernels.ts, denseBest, addBest and keepMarked of ../search/kernels.ts, over the same
// typed arrays. Same arguments, same results.
#include "kernels.h"

namespace kernels {

namespace {

// The count argument argv[i] (a non-negative int32 no more than `most`) into n.
bool Count(napi_env env, napi_value v, int64_t most, const char* name, int32_t& n) {
  if (napi_get_value_int32(env, v, &n) != napi_ok || n < 0 || n > most) return Fail(env, (std::string(name) + ": n 无效").c_str());
  return true;
}

}  // namespace

// listBits(bits, words, out, at, max): the ids of bits in ascending order into out[at..), stopping at `max`
// ids in out; returns the new end.
napi_value ListBits(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  I32 bits, out;
  int32_t words = 0, at = 0, max = 0;
  if (!BitsArgs(env, info, "listBits", 5, argv, bits, words) || !Typed(env, argv[2], out)) return nullptr;
  if (napi_get_value_int32(env, argv[3], &at) != napi_ok || napi_get_value_int32(env, argv[4], &max) != napi_ok || at < 0) {
    Fail(env, "listBits: 参数无效");
    return nullptr;
  }
  if (max > out.n) {
    Fail(env, "listBits: out 短于 max");
    return nullptr;
  }
  int64_t n = at;
  // EachSetWord does not stop early: past the last id wanted, words are passed over and nothing written.
  if (n < max)
    EachSetWord(U(bits), words, [&](int64_t w, uint32_t x) __attribute__((always_inline)) {
      while (x != 0 && n < max) {
        out.p[n++] = static_cast<int32_t>((w << 5) + __builtin_ctz(x));
        x &= x - 1;
      }
    });
  return Int(env, n);
}

// denseBest(cand, n, bits, pre, slot, best): for each candidate cand[c] that the dense term (bits, pre, slot
// by rank) holds, best[c] lowered to its slot there.
napi_value DenseBest(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  I32 cand, bits, pre, best;
  int32_t n = 0;
  if (!ListArgs(env, info, "denseBest", 6, argv, cand) || !Typed(env, argv[2], bits) || !Typed(env, argv[3], pre) || !Typed(env, argv[5], best)) return nullptr;
  if (!Count(env, argv[1], cand.n < best.n ? cand.n : best.n, "denseBest", n)) return nullptr;
  napi_typedarray_type type;
  size_t slotN;
  void* data;
  if (napi_get_typedarray_info(env, argv[4], &type, &slotN, &data, nullptr, nullptr) != napi_ok || type != napi_uint8_array) {
    Fail(env, "denseBest: slot 应为 Uint8Array");
    return nullptr;
  }
  const uint8_t* slot = static_cast<const uint8_t*>(data);
  const uint32_t* b32 = U(bits);
  // A candidate past the term's bitset is not held (the JavaScript reads undefined there).
  const int64_t held = bits.n < pre.n ? bits.n : pre.n;
  return Guarded(env, "denseBest", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t c = 0; c < n; c++) {
      const int32_t id = cand.p[c];
      const int64_t w = static_cast<uint32_t>(id) >> 5;
      if (w >= held) continue;
      const uint32_t x = b32[w];
      const uint32_t bit = 1u << (id & 31);
      if ((x & bit) == 0) continue;
      const int64_t i = static_cast<int64_t>(pre.p[w]) + __builtin_popcount(x & (bit - 1));
      Check(i, static_cast<int64_t>(slotN));
      const int32_t s = slot[i];
      if (s < best.p[c]) best.p[c] = s;
    }
    return nullptr;
  });
}

// addBest(cand, n, best, none, w0, next, acc): each candidate with best[c] < none marked in next, acc[id]
// raised by w0 − best[c].
napi_value AddBest(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  I32 cand, best, next, acc;
  int32_t n = 0, none = 0, w0 = 0;
  if (!ListArgs(env, info, "addBest", 7, argv, cand) || !Typed(env, argv[2], best) || !Typed(env, argv[5], next) || !Typed(env, argv[6], acc)) return nullptr;
  if (!Count(env, argv[1], cand.n < best.n ? cand.n : best.n, "addBest", n)) return nullptr;
  if (napi_get_value_int32(env, argv[3], &none) != napi_ok || napi_get_value_int32(env, argv[4], &w0) != napi_ok) {
    Fail(env, "addBest: 参数无效");
    return nullptr;
  }
  uint32_t* nx = U(next);
  return Guarded(env, "addBest", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t c = 0; c < n; c++) {
      const int32_t s = best.p[c];
      if (s >= none) continue;
      const int32_t id = cand.p[c];
      const int64_t w = static_cast<uint32_t>(id) >> 5;
      Check(w, next.n);
      nx[w] |= 1u << (id & 31);
      Ref(acc, id) += w0 - s;
    }
    return nullptr;
  });
}

// keepMarked(cand, n, next): the candidates marked in next kept in place, in order; returns how many.
napi_value KeepMarked(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  I32 cand, next;
  int32_t n = 0;
  if (!ListArgs(env, info, "keepMarked", 3, argv, cand) || !Typed(env, argv[2], next)) return nullptr;
  if (!Count(env, argv[1], cand.n, "keepMarked", n)) return nullptr;
  const uint32_t* nx = U(next);
  int64_t m = 0;
  return Guarded(env, "keepMarked", [&]() __attribute__((always_inline)) -> napi_value {
    for (int64_t c = 0; c < n; c++) {
      const int32_t id = cand.p[c];
      const int64_t w = static_cast<uint32_t>(id) >> 5;
      Check(w, next.n);
      if ((nx[w] & (1u << (id & 31))) != 0) cand.p[m++] = id;
    }
    return Int(env, m);
  });
}

}  // namespace kernels
