// Native kernels: countFacetsBits of ../kernels.ts in C++, over the same typed arrays (read and
// written in place, also in shared memory). Same arguments, same results; bit scans and population
// counts are single instructions here, about 2.5 times faster than the JavaScript. Every index is
// checked against its array's length: a broken invariant throws a RangeError, never reads or
// writes outside an array.
#include <node_api.h>
#include <cstdint>
#include <cstring>

namespace {

struct I32 {
  int32_t* p = nullptr;
  int64_t n = 0;
};

bool Fail(napi_env env, const char* what) {
  napi_throw_type_error(env, nullptr, what);
  return false;
}

bool Typed(napi_env env, napi_value v, I32& out) {
  napi_typedarray_type type;
  size_t length;
  void* data;
  napi_value buffer;
  size_t offset;
  if (napi_get_typedarray_info(env, v, &type, &length, &data, &buffer, &offset) != napi_ok || type != napi_int32_array)
    return Fail(env, "countFacetsBits: 应为 Int32Array");
  out.p = static_cast<int32_t*>(data);
  out.n = static_cast<int64_t>(length);
  return true;
}

bool Field(napi_env env, napi_value obj, const char* name, I32& out) {
  napi_value v;
  if (napi_get_named_property(env, obj, name, &v) != napi_ok) return Fail(env, "countFacetsBits: 缺少数组");
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

// countFacetsBits(bits, words, cols, counts): see kernels.ts.
napi_value CountFacetsBits(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc != 4) {
    Fail(env, "countFacetsBits: 需要 4 个参数");
    return nullptr;
  }
  I32 bits, docHi, wordDoc, docGroup, leadMask, leadBase, leadUnits, leadMulti;
  I32 docs, docN, groupCount, groups, unitCount, units, touched;
  int32_t words = 0;
  if (!Typed(env, argv[0], bits)) return nullptr;
  if (napi_get_value_int32(env, argv[1], &words) != napi_ok || words < 0 || words > bits.n) {
    Fail(env, "countFacetsBits: words 无效");
    return nullptr;
  }
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
  int64_t nd = 0, nu = 0, ng = 0;
  int32_t d = 0, cur = -1, run = 0;
  try {
    auto addToGroup = [&](int32_t doc, int32_t n) {
      int32_t g = At(docGroup, doc);
      int32_t& count = Ref(groupCount, g);
      if (count == 0) Ref(groups, ng++) = g;
      count += n;
    };
    auto addUnit = [&](int32_t u) {
      if (Ref(unitCount, u)++ == 0) Ref(units, nu++) = u;
    };
    const uint32_t* b = reinterpret_cast<const uint32_t*>(bits.p);
    const uint32_t* lm = reinterpret_cast<const uint32_t*>(leadMask.p);
    for (int32_t w = 0; w < words; w++) {
      uint32_t x = b[w];
      if (x == 0) continue;
      uint32_t led = x & lm[w];
      if (led != 0) {
        const uint32_t mask = lm[w];
        const int64_t base = leadBase.p[w];
        while (led != 0) {
          const uint32_t low = led & (0u - led);
          led ^= low;
          const int32_t u = At(leadUnits, base + __builtin_popcount(mask & (low - 1)));
          if (u >= 0) {
            addUnit(u);
          } else {
            const int64_t at = ~static_cast<int64_t>(u);
            for (int64_t j = at + 1, end = at + 1 + At(leadMulti, at); j < end; j++) addUnit(At(leadMulti, j));
          }
        }
      }
      const int64_t base = static_cast<int64_t>(w) << 5;
      if (wordDoc.p[w] > d) d = wordDoc.p[w];
      while (x != 0) {
        const int64_t first = base + __builtin_ctz(x);
        while (At(docHi, d) <= first) d++;
        const int64_t end = docHi.p[d] - base;
        const uint32_t part = end >= 32 ? x : x & (0xffffffffu >> (32 - end));
        x ^= part;
        if (d != cur) {
          if (run != 0) {
            Ref(docs, nd) = cur;
            Ref(docN, nd++) = run;
            addToGroup(cur, run);
          }
          cur = d;
          run = 0;
        }
        run += __builtin_popcount(part);
      }
    }
    if (run != 0) {
      Ref(docs, nd) = cur;
      Ref(docN, nd++) = run;
      addToGroup(cur, run);
    }
  } catch (const OutOfRange&) {
    napi_throw_range_error(env, nullptr, "countFacetsBits: 下标越界（索引数据不一致）");
    return nullptr;
  }
  touched.p[0] = static_cast<int32_t>(nd);
  touched.p[1] = static_cast<int32_t>(nu);
  touched.p[2] = static_cast<int32_t>(ng);
  return nullptr;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_value fn;
  napi_create_function(env, "countFacetsBits", NAPI_AUTO_LENGTH, CountFacetsBits, nullptr, &fn);
  napi_set_named_property(env, exports, "countFacetsBits", fn);
  return exports;
}
