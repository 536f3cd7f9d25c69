// `npx tsx bench/snapshot-phases.ts build <measures> <dir>`: the synthetic index of bench/search.ts saved in dir.
// `npx tsx bench/snapshot-phases.ts store <measures> <dataDir>`: a data directory for the service (store and snapshot);
// `npx tsx bench/snapshot-phases.ts serve <dataDir>`: the service started on it, timed to ready (see below).
// `npx tsx bench/snapshot-phases.ts load <dir>`: this process loads it, with the time of each part
// (imports, jieba dictionary with the file read ahead meanwhile, waiting for that read, manifest, file
// read and CRC, restore) and the RSS. Works on either
// snapshot format, so a checkout of an older commit measures the old one side by side.
const t0 = performance.now();
const { MeasureIndex } = await import("../index/search/search.ts");
const { prefetchSnapshot, readManifest, readSnapshot } = await import("../index/search/snapshot.ts");
const { addWords, loadDictionaryAsync } = await import("../index/search/tokenizer.ts");
const [mode, a, b] = process.argv.slice(2);

/** The synthetic index of bench/search.ts with `measures` measures, as built, and what it was built from. */
async function syntheticIndex(measures: number) {
  const { synthetic } = await import("./search.ts");
  const base = await synthetic.prepareBase();
  const pool = synthetic.places();
  const index = new MeasureIndex({ source: synthetic.cloneSource(base, pool) });
  for (const c of synthetic.clones(base, pool, measures)) index.addDocument(c.clone.ref, c.measures, c.tokens);
  return { synthetic, base, pool, index };
}

if (mode === "build") {
  const { index } = await syntheticIndex(Number(a));
  index.save(b);
  process.stdout.write(`已保存：${index.size.documents} 篇，${index.size.measures} 条措施 → ${b}\n`);
} else if (mode === "store") {
  // A data directory as the service keeps it (bench/service-start.ts), and the totals of bench/queries.txt
  // on the index as built, for `serve` to compare with.
  const { readQueries } = await import("./search.ts");
  const { writeServiceStore } = await import("./service-start.ts");
  const { join } = await import("node:path");
  const { writeFileSync } = await import("node:fs");
  const { synthetic, base, pool, index } = await syntheticIndex(Number(a));
  const changes = writeServiceStore(b, synthetic.clones(base, pool, Number(a)), synthetic.cloneSource(base, pool));
  index.save(join(b, "index"), { storeChanges: changes });
  writeFileSync(join(b, "bench-totals.json"), JSON.stringify(readQueries().map((q) => [q.line, index.search(q.query).total])));
  process.stdout.write(`已保存：${index.size.documents} 篇，${index.size.measures} 条措施 → ${b}（数据库与索引副本）\n`);
} else if (mode === "serve") {
  // The service itself on the data directory of `store` (bench/service-start.ts).
  const { readFileSync } = await import("node:fs");
  const { join } = await import("node:path");
  const { readQueries } = await import("./search.ts");
  const { timeServiceStart } = await import("./service-start.ts");
  const want = new Map<string, number>(JSON.parse(readFileSync(join(a, "bench-totals.json"), "utf8")));
  const queries = readQueries().filter((q) => want.has(q.line));
  const r = await timeServiceStart(a, queries.map((q) => q.query), queries.map((q) => want.get(q.line)!));
  const p = r.parts;
  process.stdout.write(
    `服务从启动到就绪 ${r.readySec.toFixed(2)} 秒（CPU ${r.cpuSec.toFixed(2)} 秒，其中主线程 ${r.mainCpuSec.toFixed(2)} 秒），RSS ${r.rssMb} MB` +
      (p ? `（服务自述：载入模块 ${p.importedSec} 秒，读取并恢复索引副本 ${p.snapshotSec} 秒，再等 jieba 词典 ${p.jiebaSec} 秒）` : "") +
      `；首次检索 ${Math.round(r.firstSearchMs)} ms（${r.firstTotal} 条，此时全部线程 CPU ${r.cpuAfterFirstSec.toFixed(2)} 秒）；与建索引后结果一致 ${r.same}/${r.queries}\n`,
  );
} else if (mode === "load") {
  const imported = performance.now();
  let t = imported;
  const parts: string[] = [];
  const lap = (name: string) => {
    const x = performance.now();
    parts.push(`${name} ${Math.round(x - t)} ms`);
    t = x;
  };
  // As the service starts (src/service/server.ts): jieba built on its own thread and the file read on the
  // threadpool while the index is restored (PREFETCH=0: no read ahead; JIEBA_SYNC=1: jieba first, on this thread).
  const dictionary = process.env.JIEBA_SYNC === "1" ? (addWords([]), Promise.resolve()) : loadDictionaryAsync();
  lap(process.env.JIEBA_SYNC === "1" ? "jieba 词典" : "开始载入 jieba 词典");
  const prefetch = process.env.PREFETCH === "0" ? Promise.resolve() : prefetchSnapshot(a);
  await prefetch;
  lap("等待预读");
  const m = readManifest(a);
  lap("清单");
  const snap = m && readSnapshot(a, m);
  lap("读文件并校验");
  if (!snap) throw new Error(`无法读取索引副本：${a}`);
  const index = MeasureIndex.fromSnapshot(snap, {});
  lap("恢复");
  await dictionary;
  lap("再等 jieba 词典");
  const rss = Math.round(process.memoryUsage().rss / 1048576);
  const cpu = process.cpuUsage();
  process.stdout.write(`CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms（用户 ${Math.round(cpu.user / 1000)}，系统 ${Math.round(cpu.system / 1000)}；各线程合计）；导入 ${Math.round(imported - t0)} ms（进程启动后 ${Math.round(t0)} ms 开始）；${parts.join("；")}；共 ${Math.round(performance.now())} ms，RSS ${rss} MB，${index.size.measures} 条措施\n`);
} else {
  process.stderr.write("用法：snapshot-phases.ts build <措施数> <目录> | load <目录> | store <措施数> <数据目录> | serve <数据目录>\n");
  process.exit(2);
}
