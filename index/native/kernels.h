// Shared by the native kernels (kernels*.cc): typed-array arguments, bounds-checked access, the
// argument checks every kernel begins with, and the guard its work runs under (Guarded). Every index is
// checked against its array's length: a broken invariant throws a RangeError, never reads or writes
// outside an array.
#pragma once
#include <node_api.h>
#include <cstdint>
#include <cstring>
#include <string>

namespace kernels {

struct I32 {
  int32_t* p = nullptr;
  int64_t n = 0;
};

inline bool Fail(napi_env env, const char* what) {
  napi_throw_type_error(env, nullptr, what);
  return false;
}

inline bool Typed(napi_env env, napi_value v, I32& out) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  // No buffer nor offset asked for: the data pointer already includes the offset.
  if (napi_get_typedarray_info(env, v, &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_int32_array)
    return Fail(env, "原生计算核心：参数应为 Int32Array");
  out.p = static_cast<int32_t*>(data);
  out.n = static_cast<int64_t>(length);
  return true;
}

/** The Int32Array property `name` of an object. */
inline bool Field(napi_env env, napi_value obj, const char* name, I32& out) {
  napi_value v;
  if (napi_get_named_property(env, obj, name, &v) != napi_ok) return Fail(env, "原生计算核心：缺少数组");
  return Typed(env, v, out);
}

struct OutOfRange {};

// The throw out of line and marked cold: a check is then a compare and a branch not taken, and At and
// Ref inline into the loops (with the throw inside, GCC kept them, and the lambdas calling them, as calls).
[[noreturn]] __attribute__((noinline, cold)) inline void ThrowOutOfRange() { throw OutOfRange(); }

/** Throws OutOfRange unless 0 <= i < n (one unsigned compare). */
__attribute__((always_inline)) inline void Check(int64_t i, int64_t n) {
  if (__builtin_expect(static_cast<uint64_t>(i) >= static_cast<uint64_t>(n), 0)) ThrowOutOfRange();
}

__attribute__((always_inline)) inline int32_t At(const I32& a, int64_t i) {
  Check(i, a.n);
  return a.p[i];
}

__attribute__((always_inline)) inline int32_t& Ref(I32& a, int64_t i) {
  Check(i, a.n);
  return a.p[i];
}

inline uint32_t* U(I32& a) { return reinterpret_cast<uint32_t*>(a.p); }

/** Words w and w + 1 of a bitset as one 64-bit word, w's bits low (one load on a little-endian machine). */
__attribute__((always_inline)) inline uint64_t Pair(const uint32_t* b, int64_t w) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t x;
  std::memcpy(&x, b + w, sizeof x);
  return x;
#else
  return static_cast<uint64_t>(b[w]) | (static_cast<uint64_t>(b[w + 1]) << 32);
#endif
}

/**
 * fn(w, b[w]) for each word of b[0..words) that is not zero, in order; zero words are passed two at a
 * time. A match bitset at 10^6 measures has 31,251 words; a loop testing them one by one took 6 to 9
 * instructions a word.
 */
template <typename Fn>
__attribute__((always_inline)) inline void EachSetWord(const uint32_t* b, int64_t words, Fn&& fn) {
  int64_t w = 0;
  for (; w + 1 < words; w += 2) {
    const uint64_t x = Pair(b, w);
    if (x == 0) continue;
    if (static_cast<uint32_t>(x) != 0) fn(w, static_cast<uint32_t>(x));
    if ((x >> 32) != 0) fn(w + 1, static_cast<uint32_t>(x >> 32));
  }
  if (w < words && b[w] != 0) fn(w, b[w]);
}

inline napi_value Int(napi_env env, int64_t v) {
  napi_value out;
  napi_create_int64(env, v, &out);
  return out;
}

/** The prelude of a kernel called as (list, …): exactly `argc` arguments into argv, the first an Int32Array. `name` goes into the error. */
inline bool ListArgs(napi_env env, napi_callback_info info, const char* name, size_t argc, napi_value* argv, I32& list) {
  size_t got = argc;
  napi_get_cb_info(env, info, &got, argv, nullptr, nullptr);
  if (got != argc) {
    napi_throw_type_error(env, nullptr, (std::string(name) + ": 需要 " + std::to_string(argc) + " 个参数").c_str());
    return false;
  }
  return Typed(env, argv[0], list);
}

/**
 * The prelude of a kernel called as (bits, words, …): as ListArgs, the second argument a word count within
 * the first.
 */
inline bool BitsArgs(napi_env env, napi_callback_info info, const char* name, size_t argc, napi_value* argv, I32& bits, int32_t& words) {
  if (!ListArgs(env, info, name, argc, argv, bits)) return false;
  if (napi_get_value_int32(env, argv[1], &words) != napi_ok || words < 0 || words > bits.n) {
    napi_throw_type_error(env, nullptr, (std::string(name) + ": words 无效").c_str());
    return false;
  }
  return true;
}

/** An Int32Array argument, or null (`isNull` set, `out` untouched). */
inline bool TypedOrNull(napi_env env, napi_value v, I32& out, bool& isNull) {
  napi_valuetype type;
  napi_typeof(env, v, &type);
  isNull = type == napi_null;
  return isNull || Typed(env, v, out);
}

/** The RangeError of a kernel whose index was out of range: "name: 下标越界（索引数据不一致）"; returns nullptr. */
__attribute__((noinline, cold)) inline napi_value OutOfRangeError(napi_env env, const char* name) {
  napi_throw_range_error(env, nullptr, (std::string(name) + ": 下标越界（索引数据不一致）").c_str());
  return nullptr;
}

/**
 * A kernel's work over bounds-checked indexes: fn's result, or, where an index was out of range (OutOfRange),
 * the kernel's RangeError and nullptr. fn is inlined: the checks stay a compare and a branch in the loops, and
 * the message is built out of line (no string in the kernel's frame).
 */
template <typename Fn>
__attribute__((always_inline)) inline napi_value Guarded(napi_env env, const char* name, Fn&& fn) {
  try {
    return fn();
  } catch (const OutOfRange&) {
    return OutOfRangeError(env, name);
  }
}

/** An Int32Array argument of at least `words` elements. */
inline bool Words(napi_env env, napi_value v, int64_t words, const char* name, I32& out) {
  if (!Typed(env, v, out)) return false;
  if (out.n < words) {
    napi_throw_type_error(env, nullptr, (std::string(name) + ": 数组短于 words").c_str());
    return false;
  }
  return true;
}

// The kernels, one file per job: kernels-facets.cc (facet and role counts), kernels-bits.cc (passes
// over whole bitsets), kernels-top.cc (the k best by score), kernels-postings.cc (posting lists), kernels-lists.cc
// (candidate lists).
napi_value CountFacetsBits(napi_env env, napi_callback_info info);
napi_value CountRolesBits(napi_env env, napi_callback_info info);
napi_value SumGroupCodes(napi_env env, napi_callback_info info);
napi_value TopRunsInto(napi_env env, napi_callback_info info);
napi_value DenseBestRanked(napi_env env, napi_callback_info info);
napi_value Popcount(napi_env env, napi_callback_info info);
napi_value AndInto(napi_env env, napi_callback_info info);
napi_value AndCount(napi_env env, napi_callback_info info);
napi_value OrInto(napi_env env, napi_callback_info info);
napi_value ZeroWords(napi_env env, napi_callback_info info);
napi_value PrefixCounts(napi_env env, napi_callback_info info);
napi_value AtLeast(napi_env env, napi_callback_info info);
napi_value TopByScoreBits(napi_env env, napi_callback_info info);
napi_value SetAll(napi_env env, napi_callback_info info);
napi_value SetWithin(napi_env env, napi_callback_info info);
napi_value SetWithRole(napi_env env, napi_callback_info info);
napi_value ScoreRanked(napi_env env, napi_callback_info info);
napi_value CollectBody(napi_env env, napi_callback_info info);
napi_value CollectTitle(napi_env env, napi_callback_info info);
napi_value MarkBody(napi_env env, napi_callback_info info);
napi_value MarkTitle(napi_env env, napi_callback_info info);
napi_value ListBits(napi_env env, napi_callback_info info);
napi_value DenseBest(napi_env env, napi_callback_info info);
napi_value AddBest(napi_env env, napi_callback_info info);
napi_value KeepMarked(napi_env env, napi_callback_info info);
napi_value RegionOrder(napi_env env, napi_callback_info info);

}  // namespace kernels
