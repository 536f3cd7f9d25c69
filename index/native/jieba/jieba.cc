// jieba for the tokenizer (index/search/jieba.ts): cppjieba's Jieba, the very code nodejieba runs
// (built from nodejieba's own copy of cppjieba), with the calls the tokenizer makes: load, cut,
// cutAll, tag, insertWord; same arguments and results as nodejieba's (and loadAsync). What it leaves out is the
// TextRank extractor that nodejieba's load builds beside Jieba, with a second copy of the whole
// dictionary and HMM model: a load here takes about half the time and memory.
// loadAsync builds the dictionary on a thread of libuv's pool while JavaScript goes on: words added
// meanwhile are queued and added once it is built, and a cut made meanwhile waits for it.
#include <node_api.h>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "cppjieba/Jieba.hpp"

namespace {

struct State {
  std::unique_ptr<cppjieba::Jieba> jieba;
  // A load in progress (loadAsync): built on another thread into `next`, taken over by Install.
  bool loading = false;
  std::mutex mu;
  std::condition_variable cv;
  bool built = false;
  std::unique_ptr<cppjieba::Jieba> next;
  std::string paths[5];
  std::vector<std::pair<std::string, std::string> > queued;
  napi_async_work work = nullptr;
  napi_deferred deferred = nullptr;
};

// Main thread: wait until the load in progress is built, take it, add the words queued meanwhile.
void Install(State* s) {
  if (!s->loading) return;
  {
    std::unique_lock<std::mutex> lock(s->mu);
    s->cv.wait(lock, [s] { return s->built; });
  }
  s->jieba = std::move(s->next);
  s->loading = false;
  s->built = false;
  for (const auto& w : s->queued) s->jieba->InsertUserWord(w.first, w.second);
  s->queued.clear();
}

bool Str(napi_env env, napi_value v, std::string& out) {
  size_t n = 0;
  if (napi_get_value_string_utf8(env, v, nullptr, 0, &n) != napi_ok) {
    napi_throw_type_error(env, nullptr, "参数应为字符串");
    return false;
  }
  out.resize(n + 1);
  napi_get_value_string_utf8(env, v, &out[0], n + 1, &n);
  out.resize(n);
  return true;
}

struct Call {
  napi_env env;
  size_t argc = 5;
  napi_value argv[5];
  State* state = nullptr;
  Call(napi_env e, napi_callback_info info) : env(e) {
    void* data = nullptr;
    napi_get_cb_info(env, info, &argc, argv, nullptr, &data);
    state = static_cast<State*>(data);
  }
  cppjieba::Jieba* Loaded() {
    Install(state);
    if (!state->jieba) napi_throw_error(env, nullptr, "jieba 词典尚未载入");
    return state->jieba.get();
  }
};

napi_value Words(napi_env env, const std::vector<std::string>& words) {
  napi_value arr;
  napi_create_array_with_length(env, words.size(), &arr);
  for (size_t i = 0; i < words.size(); i++) {
    napi_value s;
    napi_create_string_utf8(env, words[i].data(), words[i].size(), &s);
    napi_set_element(env, arr, i, s);
  }
  return arr;
}

napi_value Bool(napi_env env, bool b) {
  napi_value v;
  napi_get_boolean(env, b, &v);
  return v;
}

// load(dict, hmm, userDict, idf, stopWords): true.
napi_value Load(napi_env env, napi_callback_info info) {
  Call c(env, info);
  if (c.argc != 5) return Bool(env, false);
  std::string p[5];
  for (int i = 0; i < 5; i++)
    if (!Str(env, c.argv[i], p[i])) return nullptr;
  Install(c.state);
  c.state->jieba.reset(new cppjieba::Jieba(p[0], p[1], p[2], p[3], p[4]));
  return Bool(env, true);
}

void BuildOffThread(napi_env, void* data) {
  State* s = static_cast<State*>(data);
  std::unique_ptr<cppjieba::Jieba> j(new cppjieba::Jieba(s->paths[0], s->paths[1], s->paths[2], s->paths[3], s->paths[4]));
  std::lock_guard<std::mutex> lock(s->mu);
  s->next = std::move(j);
  s->built = true;
  s->cv.notify_all();
}

void Built(napi_env env, napi_status, void* data) {
  State* s = static_cast<State*>(data);
  Install(s);  // unless a cut already did
  napi_value t;
  napi_get_boolean(env, true, &t);
  napi_resolve_deferred(env, s->deferred, t);
  napi_delete_async_work(env, s->work);
  s->work = nullptr;
  s->deferred = nullptr;
}

// loadAsync(dict, hmm, userDict, idf, stopWords): a promise of true once built; the files must stay until then.
napi_value LoadAsync(napi_env env, napi_callback_info info) {
  Call c(env, info);
  if (c.argc != 5) {
    napi_throw_type_error(env, nullptr, "loadAsync 需要五个文件路径");
    return nullptr;
  }
  State* s = c.state;
  std::string p[5];
  for (int i = 0; i < 5; i++)
    if (!Str(env, c.argv[i], p[i])) return nullptr;
  Install(s);  // one load at a time
  for (int i = 0; i < 5; i++) s->paths[i] = p[i];
  napi_value promise, name;
  napi_create_promise(env, &s->deferred, &promise);
  napi_create_string_utf8(env, "jieba.loadAsync", NAPI_AUTO_LENGTH, &name);
  napi_create_async_work(env, nullptr, name, BuildOffThread, Built, s, &s->work);
  s->loading = true;
  napi_queue_async_work(env, s->work);
  return promise;
}

// The sentence of a cut (its first argument) and the loaded Jieba; null when the call ends here, with `out`
// its answer: false without an argument, else nothing (an exception is pending).
cppjieba::Jieba* Sentence(Call& c, std::string& s, napi_value& out) {
  out = nullptr;
  if (c.argc == 0) {
    out = Bool(c.env, false);
    return nullptr;
  }
  if (!Str(c.env, c.argv[0], s)) return nullptr;
  return c.Loaded();
}

// cut(sentence, useHMM = false): precise mode.
napi_value Cut(napi_env env, napi_callback_info info) {
  Call c(env, info);
  std::string s;
  napi_value early;
  cppjieba::Jieba* j = Sentence(c, s, early);
  if (!j) return early;
  bool hmm = false;
  if (c.argc > 1) napi_get_value_bool(env, c.argv[1], &hmm);
  std::vector<std::string> words;
  j->Cut(s, words, hmm);
  return Words(env, words);
}

// cutAll(sentence): every dictionary word.
napi_value CutAll(napi_env env, napi_callback_info info) {
  Call c(env, info);
  std::string s;
  napi_value early;
  cppjieba::Jieba* j = Sentence(c, s, early);
  if (!j) return early;
  std::vector<std::string> words;
  j->CutAll(s, words);
  return Words(env, words);
}

// tag(sentence): [{ word, tag }].
napi_value Tag(napi_env env, napi_callback_info info) {
  Call c(env, info);
  std::string s;
  napi_value early;
  cppjieba::Jieba* j = Sentence(c, s, early);
  if (!j) return early;
  std::vector<std::pair<std::string, std::string> > tagged;
  j->Tag(s, tagged);
  napi_value arr;
  napi_create_array_with_length(env, tagged.size(), &arr);
  for (size_t i = 0; i < tagged.size(); i++) {
    napi_value o, w, t;
    napi_create_object(env, &o);
    napi_create_string_utf8(env, tagged[i].first.data(), tagged[i].first.size(), &w);
    napi_create_string_utf8(env, tagged[i].second.data(), tagged[i].second.size(), &t);
    napi_set_named_property(env, o, "word", w);
    napi_set_named_property(env, o, "tag", t);
    napi_set_element(env, arr, i, o);
  }
  return arr;
}

// insertWord(word, tag = "x"): whether it was added.
napi_value InsertWord(napi_env env, napi_callback_info info) {
  Call c(env, info);
  if (c.argc == 0) return Bool(env, false);
  std::string w, tag = "x";
  if (!Str(env, c.argv[0], w)) return nullptr;
  if (c.argc > 1 && !Str(env, c.argv[1], tag)) return nullptr;
  if (c.state->loading) {
    c.state->queued.emplace_back(w, tag);  // added once built, in order
    return Bool(env, true);
  }
  cppjieba::Jieba* j = c.Loaded();
  if (!j) return nullptr;
  return Bool(env, j->InsertUserWord(w, tag));
}

void Free(napi_env, void* data, void*) {
  State* s = static_cast<State*>(data);
  if (s->loading) {  // a thread is still building into it
    std::unique_lock<std::mutex> lock(s->mu);
    s->cv.wait(lock, [s] { return s->built; });
  }
  delete s;
}

napi_value Init(napi_env env, napi_value exports) {
  State* state = new State();
  napi_wrap(env, exports, state, Free, nullptr, nullptr);
  const struct {
    const char* name;
    napi_callback fn;
  } fns[] = {{"load", Load}, {"loadAsync", LoadAsync}, {"cut", Cut}, {"cutAll", CutAll}, {"tag", Tag}, {"insertWord", InsertWord}};
  for (const auto& f : fns) {
    napi_value v;
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, f.fn, state, &v);
    napi_set_named_property(env, exports, f.name, v);
  }
  return exports;
}

}  // namespace

NAPI_MODULE_INIT() { return Init(env, exports); }
