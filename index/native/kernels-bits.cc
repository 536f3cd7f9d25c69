// Native passes over whole bitsets: popcount, andInto, andCount, orInto, prefixCounts and atLeast of
// ../search/bit-kernels.ts and kernels.ts, over the same typed arrays. Same arguments, same results;
// population counts are single instructions here.
#include "kernels.h"

namespace kernels {

namespace {

// The arguments of a pass: (a, words), (a, b, words) or (bits, words, out, from); each checks that
// its arrays hold `words` words.
struct Pass {
  I32 a, b;
  int32_t words = 0, from = 0;
};

bool Args(napi_env env, napi_callback_info info, size_t arrays, bool withFrom, Pass& p) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < arrays + 1 + (withFrom ? 1 : 0)) return Fail(env, "位集运算：参数不足");
  if (!Typed(env, argv[0], p.a)) return false;
  size_t at = 1;
  if (arrays == 2) {
    if (!Typed(env, argv[1], p.b)) return false;
    at = 2;
  }
  if (napi_get_value_int32(env, argv[at], &p.words) != napi_ok || p.words < 0 || p.words > p.a.n) return Fail(env, "位集运算：words 无效");
  if (withFrom) {
    if (!Typed(env, argv[2], p.b)) return false;
    if (napi_get_value_int32(env, argv[3], &p.from) != napi_ok || p.from < 0 || p.from > p.words) return Fail(env, "位集运算：from 无效");
  }
  if ((arrays == 2 || withFrom) && p.words > p.b.n) return Fail(env, "位集运算：数组短于 words");
  return true;
}

// A pass over two bitsets (a, b, words): op(a[w], b[w]) gives the word kept in a (when Write) and
// counted (when Count); returns the count, or undefined. Two words at a time (one 64-bit operation and
// population count; the odd last word alone): half the instructions of a pass of 31,251 words.
template <bool Write, bool Count, typename Op>
napi_value Pairwise(napi_env env, napi_callback_info info, Op op) {
  Pass p;
  if (!Args(env, info, 2, false, p)) return nullptr;
  uint32_t* a = U(p.a);
  const uint32_t* b = U(p.b);
  int64_t n = 0;
  int64_t w = 0;
  for (; w + 1 < p.words; w += 2) {
    const uint64_t x = op(Pair(a, w), Pair(b, w));
    if (Write) {
      a[w] = static_cast<uint32_t>(x);
      a[w + 1] = static_cast<uint32_t>(x >> 32);
    }
    if (Count) n += __builtin_popcountll(x);
  }
  if (w < p.words) {
    const uint32_t x = op(a[w], b[w]);
    if (Write) a[w] = x;
    if (Count) n += __builtin_popcount(x);
  }
  return Count ? Int(env, n) : nullptr;
}

}  // namespace

// popcount(bits, words): set bits in words[0..words).
napi_value Popcount(napi_env env, napi_callback_info info) {
  Pass p;
  if (!Args(env, info, 1, false, p)) return nullptr;
  const uint32_t* a = U(p.a);
  int64_t n = 0;
  int64_t w = 0;
  for (; w + 1 < p.words; w += 2) n += __builtin_popcountll(Pair(a, w));
  if (w < p.words) n += __builtin_popcount(a[w]);
  return Int(env, n);
}

// andInto(a, b, words): a &= b; returns the set bits left.
napi_value AndInto(napi_env env, napi_callback_info info) {
  return Pairwise<true, true>(env, info, [](auto x, decltype(x) y) { return x & y; });
}

// andCount(a, b, words): set bits of a & b, neither written.
napi_value AndCount(napi_env env, napi_callback_info info) {
  return Pairwise<false, true>(env, info, [](auto x, decltype(x) y) { return x & y; });
}

// orInto(a, b, words): a |= b.
napi_value OrInto(napi_env env, napi_callback_info info) {
  return Pairwise<true, false>(env, info, [](auto x, decltype(x) y) { return x | y; });
}

// zeroWords(bits, words): words[0..words) set to zero, with memset (V8 fills an array in shared memory
// element by element, each a relaxed atomic store).
napi_value ZeroWords(napi_env env, napi_callback_info info) {
  Pass p;
  if (!Args(env, info, 1, false, p)) return nullptr;
  std::memset(p.a.p, 0, static_cast<size_t>(p.words) * sizeof(int32_t));
  return nullptr;
}

// prefixCounts(bits, words, out, from): out[w] = set bits before word w, from word `from` on
// (out[from - 1] already right); returns all the set bits.
napi_value PrefixCounts(napi_env env, napi_callback_info info) {
  Pass p;
  if (!Args(env, info, 1, true, p)) return nullptr;
  const uint32_t* a = U(p.a);
  int32_t* out = p.b.p;
  int64_t n = p.from == 0 ? 0 : out[p.from - 1] + __builtin_popcount(a[p.from - 1]);
  int64_t w = p.from;
  for (; w + 1 < p.words; w += 2) {
    out[w] = static_cast<int32_t>(n);
    out[w + 1] = static_cast<int32_t>(n + __builtin_popcount(a[w]));
    n += __builtin_popcountll(Pair(a, w));
  }
  if (w < p.words) {
    out[w] = static_cast<int32_t>(n);
    n += __builtin_popcount(a[w]);
  }
  return Int(env, n);
}

// atLeast(sets, j, within, words, out): ids of `within` set in at least j of the bitsets `sets`
// (up to 15) into out; returns how many. See kernels.ts.
napi_value AtLeast(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  uint32_t g = 0;
  bool isArray = false;
  int32_t j = 0, words = 0;
  I32 within, out, sets[15];
  if (argc != 5 || napi_is_array(env, argv[0], &isArray) != napi_ok || !isArray || napi_get_array_length(env, argv[0], &g) != napi_ok || g > 15 ||
      napi_get_value_int32(env, argv[1], &j) != napi_ok || napi_get_value_int32(env, argv[3], &words) != napi_ok || words < 0) {
    Fail(env, "atLeast: 参数无效");
    return nullptr;
  }
  if (!Words(env, argv[2], words, "atLeast", within) || !Words(env, argv[4], words, "atLeast", out)) return nullptr;
  for (uint32_t s = 0; s < g; s++) {
    napi_value v;
    if (napi_get_element(env, argv[0], s, &v) != napi_ok || !Words(env, v, words, "atLeast", sets[s])) return nullptr;
  }
  const uint32_t* m = U(within);
  uint32_t* o = U(out);
  int64_t n = 0;
  for (int32_t w = 0; w < words; w++) {
    const uint32_t mw = m[w];
    if (mw == 0) {
      o[w] = 0;
      continue;
    }
    uint32_t c[4] = {0, 0, 0, 0};  // counter planes, bit by bit
    for (uint32_t s = 0; s < g; s++) {
      const uint32_t x = static_cast<uint32_t>(sets[s].p[w]) & mw;
      const uint32_t k0 = c[0] & x;
      c[0] ^= x;
      const uint32_t k1 = c[1] & k0;
      c[1] ^= k0;
      const uint32_t k2 = c[2] & k1;
      c[2] ^= k1;
      c[3] ^= k2;
    }
    uint32_t gt = 0, eq = mw;
    for (int b = 3; b >= 0; b--) {
      if ((j >> b) & 1) {
        eq &= c[b];
      } else {
        gt |= eq & c[b];
        eq &= ~c[b];
      }
    }
    const uint32_t ge = gt | eq;
    o[w] = ge;
    n += __builtin_popcount(ge);
  }
  return Int(env, n);
}

}  // namespace kernels
