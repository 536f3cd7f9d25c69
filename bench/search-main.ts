// `npx tsx bench/search-main.ts [sizes…]`: the search benchmark alone, printed as a table.
// Sizes default to 100000 and 1000000 measures; BENCH_ROUNDS sets the query rounds (default 5).
import { benchSearch } from "./search.ts";

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const r = await benchSearch({ sizes: sizes.length ? sizes : undefined, rounds: Number(process.env.BENCH_ROUNDS ?? 5) });
const t = r.targets;
const out: string[] = [];
out.push(`语料：${r.base.documents} 篇，${r.base.measures} 条措施；分词 ${r.base.tokenizeCharsPerSec.toLocaleString("en")} 字符/秒`);
for (const s of r.scales) {
  const n = s.measures.toLocaleString("en");
  out.push("");
  out.push(`== ${n} 条措施（${s.documents.toLocaleString("en")} 篇）`);
  out.push(`建索引          ${s.buildSec} 秒，RSS ${s.buildRssMb} MB`);
  out.push(`查询（建后）    p50 ${s.queries.p50Ms} ms，p99 ${s.queries.p99Ms} ms，平均 ${s.queries.meanMs} ms（目标 p50 ≤ ${t.p50Ms} ms，p99 ≤ ${t.p99Ms} ms）`);
  out.push(`保存副本        ${s.saveSec} 秒，${s.snapshotMb} MB`);
  out.push(`从副本载入      ${s.loadSec} 秒，RSS ${s.loadedRssMb} MB（目标 ≤ ${t.rssMb} MB），结果一致：${s.loadConsistent ? "是" : "否"}`);
  out.push(`服务启动到就绪  ${s.startSec} 秒（CPU ${s.startCpuSec} 秒，其中主线程 ${s.startMainCpuSec} 秒；目标 ≤ ${t.loadSec} 秒；npm start 的命令，新进程），RSS ${s.startRssMb} MB（目标 ≤ ${t.startRssMb} MB）；其中载入模块 ${s.startParts.importedSec} 秒，读取并恢复副本 ${s.startParts.snapshotSec} 秒，再等 jieba 词典 ${s.startParts.jiebaSec} 秒（词典在另一线程上同时载入）；首次检索 ${s.firstSearchMs} ms`);
  out.push(`查询（启动后）  p50 ${s.loadedQueries.p50Ms} ms，p99 ${s.loadedQueries.p99Ms} ms`);
  out.push(`SQLite FTS5     建表 ${s.fts5.buildSec} 秒；p50 ${s.fts5.queries.p50Ms} ms，p99 ${s.fts5.queries.p99Ms} ms（${s.fts5.queryCount} 条查询）；FTS5/本索引 p50 ${s.fts5.ratioP50}×，p99 ${s.fts5.ratioP99}×；命中数不一致 ${s.fts5.countMismatches} 条`);
}
process.stdout.write(out.join("\n") + "\n");
