// Native topByScoreBits and denseBestRanked of ../search/kernels.ts (the k best ids of a bitset by score;
// the best slots of the ranked ids in a dense term) and topRunsInto of ../search/facet-kernels.ts (the
// documents with the highest counts), over the same typed arrays. Same arguments, same results.
#include "kernels.h"
#include <algorithm>
#include <functional>
#include <vector>

namespace kernels {

// Offers `key` to a min-heap holding the best `size` keys seen; returns whether it entered.
static inline bool OfferTop(std::vector<int64_t>& heap, size_t size, int64_t key) {
  const auto cmp = std::greater<int64_t>();
  if (heap.size() < size) {
    heap.push_back(key);
    std::push_heap(heap.begin(), heap.end(), cmp);
    return true;
  }
  if (key <= heap.front()) return false;
  std::pop_heap(heap.begin(), heap.end(), cmp);
  heap.back() = key;
  std::push_heap(heap.begin(), heap.end(), cmp);
  return true;
}

// topByScoreBits(bits, words, n, acc, k, byPosition): the min(k, n) ids of `bits` with the highest
// scores (acc by id, or by position among the set ids), ties to the smaller id; [id, score] pairs,
// best first. See kernels.ts.
napi_value TopByScoreBits(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  I32 bits, acc;
  int32_t words = 0, n = 0, k = 0;
  bool byPosition = false;
  if (argc < 5 || !Typed(env, argv[0], bits) || !Typed(env, argv[3], acc)) return nullptr;
  if (napi_get_value_int32(env, argv[1], &words) != napi_ok || napi_get_value_int32(env, argv[2], &n) != napi_ok ||
      napi_get_value_int32(env, argv[4], &k) != napi_ok || words < 0 || words > bits.n || n < 0 || k < 0) {
    Fail(env, "topByScoreBits: 参数无效");
    return nullptr;
  }
  if (argc >= 6) napi_get_value_bool(env, argv[5], &byPosition);
  const int64_t size = k < n ? k : n;
  std::vector<int64_t> heap;  // min-heap of the best keys: score * 2^32 + (2^32 - 1 - id)
  heap.reserve(static_cast<size_t>(size));
  const auto cmp = std::greater<int64_t>();
  return Guarded(env, "topByScoreBits", [&]() __attribute__((always_inline)) -> napi_value {
    const uint32_t* b = U(bits);
    int64_t pos = 0;
    if (size > 0)
      EachSetWord(b, words, [&](int64_t w, uint32_t x) __attribute__((always_inline)) {
        while (x != 0) {
          const int64_t id = (w << 5) + __builtin_ctz(x);
          x &= x - 1;
          const int64_t key = static_cast<int64_t>(At(acc, byPosition ? pos : id)) * 4294967296LL + (4294967295LL - id);
          pos++;
          OfferTop(heap, static_cast<size_t>(size), key);
        }
      });
    std::sort(heap.begin(), heap.end(), cmp);
    napi_value out;
    napi_create_array_with_length(env, heap.size(), &out);
    for (size_t i = 0; i < heap.size(); i++) {
      const int64_t key = heap[i];
      const int64_t score = key >= 0 ? key / 4294967296LL : -((-key + 4294967295LL) / 4294967296LL);
      const int64_t id = 4294967295LL - (key - score * 4294967296LL);
      napi_value pair, v;
      napi_create_array_with_length(env, 2, &pair);
      napi_create_int64(env, id, &v);
      napi_set_element(env, pair, 0, v);
      napi_create_int64(env, score, &v);
      napi_set_element(env, pair, 1, v);
      napi_set_element(env, out, static_cast<uint32_t>(i), pair);
    }
    return out;
  });
}

// denseBestRanked(rank, words, bits, pre, slot, best): for each set id of `rank` that the dense term
// (bits, pre: set bits before each word, slot: best slot by rank among its set bits) holds, best[pos] =
// min(best[pos], its slot), pos its position among rank's ids. See kernels.ts.
napi_value DenseBestRanked(napi_env env, napi_callback_info info) {
  napi_value argv[6];
  I32 rank, bits, pre, best;
  int32_t words = 0;
  if (!BitsArgs(env, info, "denseBestRanked", 6, argv, rank, words)) return nullptr;
  if (!Typed(env, argv[2], bits) || !Typed(env, argv[3], pre) || !Typed(env, argv[5], best)) return nullptr;
  napi_typedarray_type type;
  size_t slotN;
  void* data;
  if (napi_get_typedarray_info(env, argv[4], &type, &slotN, &data, nullptr, nullptr) != napi_ok || type != napi_uint8_array) {
    Fail(env, "denseBestRanked: slot 应为 Uint8Array");
    return nullptr;
  }
  const uint8_t* slot = static_cast<const uint8_t*>(data);
  const uint32_t* r32 = U(rank);
  const uint32_t* b32 = U(bits);
  // The term's words past its bitset hold nothing (its bitset may be shorter than the index's words).
  const int32_t held = static_cast<int32_t>(bits.n < pre.n ? bits.n : pre.n);
  return Guarded(env, "denseBestRanked", [&]() __attribute__((always_inline)) -> napi_value {
    int64_t pos = 0;
    EachSetWord(r32, words, [&](int64_t w, uint32_t r) __attribute__((always_inline)) {
      const uint32_t x = w < held ? b32[w] : 0;
      if ((r & x) == 0) {
        pos += __builtin_popcount(r);
        return;
      }
      const int64_t p = pre.p[w];
      while (r != 0) {
        const uint32_t low = r & (0u - r);
        r ^= low;
        if ((x & low) != 0) {
          const int64_t i = p + __builtin_popcount(x & (low - 1));
          Check(i, static_cast<int64_t>(slotN));
          const int32_t s = slot[i];
          int32_t& b = Ref(best, pos);
          if (s < b) b = s;
        }
        pos++;
      }
    });
    return nullptr;
  });
}

// topRunsInto(docs, docN, n, rank, byRank, limit, out): the min(limit, n) documents of docs[0..n) with
// the highest counts (docN), ties to the lower rank, as (document, count) pairs into out, best first;
// returns how many. See facet-kernels.ts.
napi_value TopRunsInto(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  I32 docs, docN, rank, byRank, out;
  int32_t n = 0, limit = 0;
  if (argc != 7 || !Typed(env, argv[0], docs) || !Typed(env, argv[1], docN) || !Typed(env, argv[3], rank) || !Typed(env, argv[4], byRank) ||
      !Typed(env, argv[6], out))
    return nullptr;
  if (napi_get_value_int32(env, argv[2], &n) != napi_ok || napi_get_value_int32(env, argv[5], &limit) != napi_ok || n < 0 || n > docs.n ||
      n > docN.n || limit < 0 || out.n < 2 * static_cast<int64_t>(limit < n ? limit : n)) {
    Fail(env, "topRunsInto: 参数无效");
    return nullptr;
  }
  const size_t size = static_cast<size_t>(limit < n ? limit : n);
  std::vector<int64_t> heap;  // min-heap of the best keys: count * 2^32 + (2^32 - 1 - rank)
  heap.reserve(size);
  const auto cmp = std::greater<int64_t>();
  int64_t floor = 0;  // a count below this cannot enter (the smallest in a full heap)
  return Guarded(env, "topRunsInto", [&]() __attribute__((always_inline)) -> napi_value {
    for (int32_t i = 0; i < n && size > 0; i++) {
      const int64_t cnt = docN.p[i];
      if (cnt < floor) continue;
      const int64_t key = cnt * 4294967296LL + (4294967295LL - At(rank, docs.p[i]));
      if (!OfferTop(heap, size, key)) continue;
      if (heap.size() == size) floor = heap.front() >> 32;
    }
    std::sort(heap.begin(), heap.end(), cmp);
    for (size_t i = 0; i < heap.size(); i++) {
      out.p[2 * i] = At(byRank, 4294967295LL - (heap[i] & 0xffffffffLL));
      out.p[2 * i + 1] = static_cast<int32_t>(heap[i] >> 32);
    }
    return Int(env, static_cast<int64_t>(heap.size()));
  });
}

}  // namespace kernels
