// Native kernels: the facet and role counts, the passes over whole bitsets and posting lists and the top
// k by score of ../search (facet-kernels.ts, bit-kernels.ts, kernels.ts) in C++, over the same typed arrays (read
// and written in place, also in shared memory). Same arguments, same results; bit scans and
// population counts are single instructions here: 2.5 to 10 times faster than the JavaScript.
// One file per job (kernels-facets.cc, kernels-bits.cc, kernels-top.cc, kernels-postings.cc,
// kernels-lists.cc; shared
// checks in kernels.h); this one registers them.
#include "kernels.h"

NAPI_MODULE_INIT() {
  using namespace kernels;
  const struct {
    const char* name;
    napi_callback fn;
  } fns[] = {{"countFacetsBits", CountFacetsBits}, {"countRolesBits", CountRolesBits}, {"sumGroupCodes", SumGroupCodes}, {"topRunsInto", TopRunsInto}, {"denseBestRanked", DenseBestRanked}, {"popcount", Popcount}, {"andInto", AndInto}, {"andCount", AndCount}, {"orInto", OrInto}, {"zeroWords", ZeroWords}, {"prefixCounts", PrefixCounts}, {"atLeast", AtLeast}, {"topByScoreBits", TopByScoreBits},
             {"setAll", SetAll}, {"setWithin", SetWithin}, {"setWithRole", SetWithRole}, {"scoreRanked", ScoreRanked}, {"collectBody", CollectBody},
             {"collectTitle", CollectTitle}, {"markBody", MarkBody}, {"markTitle", MarkTitle},
             {"listBits", ListBits}, {"denseBest", DenseBest}, {"addBest", AddBest}, {"keepMarked", KeepMarked}, {"regionOrder", RegionOrder}};
  for (const auto& f : fns) {
    napi_value fn;
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, f.fn, nullptr, &fn);
    napi_set_named_property(env, exports, f.name, fn);
  }
  return exports;
}
