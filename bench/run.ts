// `npm run bench`: throughput, latency and memory figures, printed as a table. Not a test: nothing here asserts.
// BENCH_SIZES=100000,1000000 sets the synthetic corpus sizes; BENCH_ROUNDS the query rounds; BENCH_ONLY=ingest,search,http,contention,similarity,exports,ocr,replicas a subset.
import { benchIngest } from "./ingest.ts";
import { SEARCH_TARGETS, benchSearch } from "./search.ts";
import { HTTP_TARGETS, benchHttp } from "./http.ts";
import { CONTENTION_TARGETS, benchContention } from "./contention.ts";
import { benchSimilarity } from "./similarity.ts";
import { benchExports } from "./exports.ts";
import { benchOcr } from "./ocr.ts";

const sizes = (process.env.BENCH_SIZES ?? "100000,1000000").split(",").map(Number).filter((n) => n > 0);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const only = new Set((process.env.BENCH_ONLY ?? "ingest,search,http,contention,similarity,exports,ocr,replicas").split(","));
const fmt = (n: number) => n.toLocaleString("en");
const out = (s = "") => process.stdout.write(`${s}\n`);

if (only.has("ingest")) {
  const r = await benchIngest(rounds);
  out("== 入库（单进程，Node 单线程）");
  out(`TXT（加载、修复、分段、抽取、写库）  ${fmt(r.txtCharsPerSec)} 字符/秒（${r.txtDocs} 篇，${fmt(r.txtChars)} 字符）  目标 ≥ 500,000`);
  out(`PDF                                  ${r.pdfPagesPerSec} 页/秒（${r.pdfPages} 页）  目标 ≥ 20`);
  out(`OFD                                  ${r.ofdPagesPerSec} 页/秒（${r.ofdPages} 页，../shared/ofd-fixtures 中有文字的 9 个文件）`);
  out(`峰值内存 RSS                         ${r.peakRssMb} MB`);
}

if (only.has("search")) {
  const r = await benchSearch({ sizes, rounds });
  out();
  out(`== 检索（进程内；${r.base.documents} 篇真实文件、${fmt(r.base.measures)} 条措施合成放大；分词 ${fmt(r.base.tokenizeCharsPerSec)} 字符/秒）`);
  for (const s of r.scales) {
    out(`-- ${fmt(s.measures)} 条措施（${fmt(s.documents)} 篇）`);
    out(`建索引 ${s.buildSec} 秒（RSS ${s.buildRssMb} MB）；查询 p50 ${s.queries.p50Ms} ms，p99 ${s.queries.p99Ms} ms（目标 ${SEARCH_TARGETS.p50Ms} / ${SEARCH_TARGETS.p99Ms} ms）`);
    // The route's search (understanding and validity on): plain and understood queries apart, each understood one with its phases.
    const g = s.queryGroups;
    out(`  其中普通查询 p50 ${g.plain.p50Ms} ms，p99 ${g.plain.p99Ms} ms；经查询理解的查询 p50 ${g.understood.p50Ms} ms，p99 ${g.understood.p99Ms} ms（${g.understood.samples} 次）`);
    for (const u of g.perQuery)
      out(`  · ${u.line.length > 16 ? `${u.line.slice(0, 16)}…（${u.line.length} 字）` : u.line}：p50 ${u.p50Ms} ms，最长 ${u.maxMs} ms，${u.total} 条 [${u.did.join("、")}]；理解 ${u.understandMs} ms，同义/长文 ${u.groupsMs} ms，纠错建议 ${u.suggestMs} ms`);
    out(`从副本载入 ${s.loadSec} 秒，RSS ${s.loadedRssMb} MB（目标 ≤ ${SEARCH_TARGETS.rssMb} MB）；载入后 p50 ${s.loadedQueries.p50Ms} ms，p99 ${s.loadedQueries.p99Ms} ms`);
    out(`服务从副本启动到就绪 ${s.startSec} 秒（CPU ${s.startCpuSec} 秒，其中主线程 ${s.startMainCpuSec} 秒；目标 ≤ ${SEARCH_TARGETS.loadSec} 秒），RSS ${s.startRssMb} MB（目标 ≤ ${SEARCH_TARGETS.startRssMb} MB）；其中载入模块 ${s.startParts.importedSec} 秒，读取并恢复副本 ${s.startParts.snapshotSec} 秒，再等 jieba 词典 ${s.startParts.jiebaSec} 秒；首次检索 ${s.firstSearchMs} ms；结果一致：${s.loadConsistent ? "是" : "否"}`);
    out(`SQLite FTS5 对照（同样的 jieba 词）：p50 ${s.fts5.queries.p50Ms} ms，p99 ${s.fts5.queries.p99Ms} ms；FTS5/本索引 p50 ${s.fts5.ratioP50}×，p99 ${s.fts5.ratioP99}×`);
  }
}

if (only.has("http")) {
  out();
  out("== HTTP（GET /api/search，50 个并发连接，autocannon 两个线程同机回环，10 秒）");
  for (const size of sizes) {
    for (const cache of ["2000", "0"]) {
      process.env.SEARCH_CACHE = cache;
      for (const r of await benchHttp(size))
        out(
          `${fmt(r.measures)} 条措施，${cache === "0" ? "不用响应缓存" : "响应缓存"}，${r.encoding === "gzip" ? "gzip（浏览器）" : "不压缩"}：${fmt(r.requestsPerSec)} 请求/秒，p50 ${r.p50Ms} ms，p99 ${r.p99Ms} ms，平均 ${fmt(r.meanBytes)} 字节，错误 ${r.errors + r.non2xx}（目标 ≥ ${fmt(HTTP_TARGETS.requestsPerSec)} 请求/秒，p99 ≤ ${HTTP_TARGETS.p99Ms} ms）`,
        );
    }
  }
  delete process.env.SEARCH_CACHE;
}

if (only.has("contention")) {
  const r = await benchContention();
  const fig = (f: typeof r.alone) => `${fmt(f.requestsPerSec)} 请求/秒，p50 ${f.p50Ms} ms，p99 ${f.p99Ms} ms，错误 ${f.errors + f.non2xx}`;
  out();
  out(`== 争用（缓存的 GET /api/search，50 个并发连接，10 秒；${r.documents} 篇文件、${fmt(r.measures)} 条措施，整库 DOCX 分工表 ${(r.exportBytes / 1024).toFixed(0)} KB）`);
  out(
    `contention  无导出：${fig(r.alone)}；${r.exportClients} 个客户端循环导出 DOCX 时：${fig(r.contended)}（期间完成导出 ${r.exportsDone} 个，平均 ${r.exportMeanSec} 秒，被拒 ${r.exportRefused} 个）（目标 ≥ ${fmt(CONTENTION_TARGETS.requestsPerSec)} 请求/秒，p99 ≤ ${CONTENTION_TARGETS.p99Ms} ms）`,
  );
}

if (only.has("similarity")) {
  const r = await benchSimilarity();
  out();
  out("== 相似措施与主题");
  out(`真实语料 ${r.realDocuments} 篇、${r.realMeasures} 条措施：建相似索引 ${r.realIndexMs} ms，主题聚类 ${r.topicsMs} ms（${r.topics} 个主题）`);
  out(`${fmt(r.measures)} 条措施：建索引 ${r.buildMs} ms；相似措施 p50 ${r.similarP50Ms} ms，p99 ${r.similarP99Ms} ms（目标 p99 ≤ 50 ms）；自由文本 p50 ${r.textP50Ms} ms，p99 ${r.textP99Ms} ms；RSS ${r.rssMb} MB`);
}

if (only.has("exports")) {
  const r = await benchExports();
  out();
  out(`== 导出（${fmt(r.measures)} 条措施，${fmt(r.rows)} 行）`);
  for (const [f, sec] of Object.entries(r.seconds)) out(`${f.toUpperCase().padEnd(5)} ${sec} 秒，${(r.bytes[f as keyof typeof r.bytes] / 1048576).toFixed(1)} MB`);
}

if (only.has("ocr")) {
  const r = await benchOcr();
  out();
  out(`== 文字识别（OCR，扫描件 ${r.pages} 页，识别线程）`);
  out(`OCR  每页 ${r.secPerPage} 秒（首页含启动与模型加载 ${r.firstPageSec} 秒，共 ${r.totalSec} 秒），平均置信度 ${r.confidence}，峰值内存 RSS ${r.peakRssMb} MB`);
}

if (only.has("replicas")) await (await import("./replicas.ts")).printReplicas(out);
