{
  "targets": [
    {
      "target_name": "jieba",
      "sources": ["jieba.cc"],
      "include_dirs": [
        "../../../node_modules/nodejieba/submodules/cppjieba/include",
        "../../../node_modules/nodejieba/submodules/cppjieba/deps/limonp/include"
      ],
      "defines": ["LOGGING_LEVEL=LL_WARNING"],
      "cflags_cc": ["-O2", "-fexceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "xcode_settings": { "GCC_ENABLE_CPP_EXCEPTIONS": "YES", "OTHER_CPLUSPLUSFLAGS": ["-O2", "-std=c++14"] },
      "msvs_settings": { "VCCLCompilerTool": { "ExceptionHandling": 1, "AdditionalOptions": ["/std:c++14", "/utf-8"] } }
    }
  ]
}
