// Shared by the native kernels (kernels*.cc): typed-array arguments, bounds-checked access, and the
// argument checks every kernel begins with. Every index is checked against its array's length: a
// broken invariant throws, never reads or writes outside an array.
#pragma once
#include <node_api.h>
#include <cstdint>
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
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &buffer, &offset) != napi_ok || type != napi_int32_array)
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

inline int32_t At(const I32& a, int64_t i) {
  if (i < 0 || i >= a.n) throw OutOfRange();
  return a.p[i];
}

inline int32_t& Ref(I32& a, int64_t i) {
  if (i < 0 || i >= a.n) throw OutOfRange();
  return a.p[i];
}

inline uint32_t* U(I32& a) { return reinterpret_cast<uint32_t*>(a.p); }

inline napi_value Int(napi_env env, int64_t v) {
  napi_value out;
  napi_create_int64(env, v, &out);
  return out;
}

/**
 * The prelude of a kernel called as (bits, words, …): exactly `argc` arguments into argv, the first an
 * Int32Array, the second a word count within it. `name` goes into the error.
 */
inline bool BitsArgs(napi_env env, napi_callback_info info, const char* name, size_t argc, napi_value* argv, I32& bits, int32_t& words) {
  size_t got = argc;
  napi_get_cb_info(env, info, &got, argv, nullptr, nullptr);
  if (got != argc) {
    napi_throw_type_error(env, nullptr, (std::string(name) + ": 需要 " + std::to_string(argc) + " 个参数").c_str());
    return false;
  }
  if (!Typed(env, argv[0], bits)) return false;
  if (napi_get_value_int32(env, argv[1], &words) != napi_ok || words < 0 || words > bits.n) {
    napi_throw_type_error(env, nullptr, (std::string(name) + ": words 无效").c_str());
    return false;
  }
  return true;
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
// over whole bitsets), kernels-top.cc (the k best by score).
napi_value CountFacetsBits(napi_env env, napi_callback_info info);
napi_value CountRolesBits(napi_env env, napi_callback_info info);
napi_value SumGroupCodes(napi_env env, napi_callback_info info);
napi_value TopRunsInto(napi_env env, napi_callback_info info);
napi_value DenseBestRanked(napi_env env, napi_callback_info info);
napi_value Popcount(napi_env env, napi_callback_info info);
napi_value AndInto(napi_env env, napi_callback_info info);
napi_value AndCount(napi_env env, napi_callback_info info);
napi_value OrInto(napi_env env, napi_callback_info info);
napi_value PrefixCounts(napi_env env, napi_callback_info info);
napi_value AtLeast(napi_env env, napi_callback_info info);
napi_value TopByScoreBits(napi_env env, napi_callback_info info);

}  // namespace kernels
