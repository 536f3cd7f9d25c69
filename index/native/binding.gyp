{
  "targets": [
    {
      "target_name": "kernels",
      "sources": ["kernels.cc", "kernels-facets.cc", "kernels-bits.cc", "kernels-top.cc", "kernels-postings.cc", "kernels-lists.cc", "kernels-regions.cc"],
      "cflags_cc": ["-O3", "-fexceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "conditions": [["target_arch=='x64'", { "cflags_cc": ["-mpopcnt"] }]],
      "xcode_settings": { "GCC_ENABLE_CPP_EXCEPTIONS": "YES", "OTHER_CPLUSPLUSFLAGS": ["-O3"] },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1 } }
    }
  ]
}
