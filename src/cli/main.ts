// Command line: ingest, extract, list (and more as issues land). User-facing text in Chinese.
import { parseArgs } from "node:util";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import cliProgress from "cli-progress";
import { loadBuffer } from "../../extract/loaders/index.ts";
import { extractDocument } from "../../extract/document.ts";
import { IngestError } from "../../extract/errors.ts";
import { openStore } from "../../index/store/engine.ts";
import { collectFiles, emptyReport, ingestFile, sourceName } from "../documents/ingest.ts";
import { evaluateFolders } from "./evaluate.ts";
import { formatReport } from "../../extract/score.ts";
import { ParseRequest, parseSentence } from "../../extract/parse.ts";
import { documentTable, dutyList, render, type ExportTable } from "../exports/index.ts";
import { allDocuments } from "../documents/all.ts";
import { Comparison } from "../comparison/comparison.ts";
import { SIMILAR_FOCI, type SimilarFocus } from "../../index/similar/types.ts";
import { cmdOpenapi, OPENAPI_USAGE } from "./openapi.ts";
import { cmdRemove, cmdSet, LIBRARY_USAGE } from "./library.ts";
import { cmdMigrateStore, MIGRATE_USAGE } from "./migrate.ts";

const USAGE = `用法：
  npm run --silent cli -- ingest <文件或文件夹…>     入库（重复内容跳过，修改过的文件替换旧版本）
  npm run --silent cli -- extract <文件> [--json]    抽取一个文件，--json 输出约定格式的 JSON
  npm run --silent cli -- list [--json]              列出已入库的文件
  npm run --silent cli -- parse [--base YYYY-MM-DD] "<句子>"   解析一句话中的单位、时限和目标
  npm run --silent cli -- parse --jsonl < cases.jsonl          逐行解析 {"text": "...", "base": "YYYY-MM-DD"}
  npm run --silent cli -- table <文件编号|文件路径> --format xlsx|docx|csv|md [-o 输出文件]   任务分工表
  npm run --silent cli -- duties <单位> --format xlsx|docx|csv|md|ics [--as-of YYYY-MM-DD] [-o 输出文件]   责任清单
  npm run --silent cli -- similar <措施编号> [--limit 10] [--focus area|instrument] [--json]   其他文件中的相似措施（area 同一政策领域，默认；instrument 同一政策工具）
  npm run --silent cli -- compare "<主题词>" [--json]                各地做法与目标对比
  npm run --silent cli -- eval --gold <文件夹> --corpus <文件夹> [--min-f1 0.95]   按标准答案评分
${LIBRARY_USAGE}
${OPENAPI_USAGE}
${MIGRATE_USAGE}
数据目录由环境变量 DATA_DIR 指定（默认 data/）。`;

// A reader that stops early (`… | head`) closes the pipe: the output is no longer wanted, which is no error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});

function fail(msg: string, code = 1): never {
  process.stderr.write(`${msg}\n`);
  process.exit(code);
}

/** Per-page progress of a file read by OCR, on stderr: in the files' bar, a bar of its own, or one line a page. */
function ocrProgress(file: string, filesBar: cliProgress.SingleBar | null): (page: number, pages: number) => void {
  let own: cliProgress.SingleBar | null = null;
  return (page, pages) => {
    // no pages known yet: the file waits behind another file's OCR
    if (pages === 0) return void (filesBar ? filesBar.update({ file: `${file}（文字识别 排队等候）` }) : process.stderr.write(`文字识别 ${file}：排队等候\n`));
    if (filesBar) return filesBar.update({ file: `${file}（文字识别 第 ${page}/${pages} 页）` });
    if (!process.stderr.isTTY) return void process.stderr.write(page === 0 ? `文字识别 ${file}：共 ${pages} 页，开始\n` : `文字识别 ${file}：第 ${page}/${pages} 页\n`);
    if (!own) {
      own = new cliProgress.SingleBar({ format: "文字识别 [{bar}] {value}/{total} 页 {file}", stream: process.stderr, hideCursor: false }, cliProgress.Presets.shades_classic);
      own.start(pages, page, { file });
    }
    own.update(page);
    if (page === pages) own.stop();
  };
}

async function cmdIngest(args: string[]): Promise<void> {
  if (args.length === 0) fail(`缺少要入库的文件或文件夹\n${USAGE}`, 2);
  const { files, missing } = collectFiles(args);
  const report = emptyReport();
  for (const m of missing) report.refused.push({ file: m, reason: "文件或文件夹不存在" });
  const store = openStore();
  const bar = files.length > 1 && process.stderr.isTTY
    ? new cliProgress.SingleBar({ format: "入库 [{bar}] {value}/{total} {file}", stream: process.stderr, hideCursor: true }, cliProgress.Presets.shades_classic)
    : null;
  bar?.start(files.length, 0, { file: "" });
  for (const [i, f] of files.entries()) {
    if (!bar && files.length > 1) process.stderr.write(`[${i + 1}/${files.length}] ${sourceName(f)}\n`);
    await ingestFile(store, f, report, { onPage: ocrProgress(sourceName(f), bar) });
    bar?.increment(1, { file: sourceName(f) });
  }
  bar?.stop();
  store.close();
  const lines = [
    `新增 ${report.added.length} 个，替换 ${report.replaced.length} 个，未变 ${report.unchanged.length} 个，重复 ${report.duplicate.length} 个，拒绝 ${report.refused.length} 个`,
    ...report.added.map((f) => `  新增  ${f}`),
    ...report.replaced.map((f) => `  替换  ${f}`),
    ...report.unchanged.map((f) => `  未变  ${f}`),
    ...report.duplicate.map((d) => `  重复  ${d.file}（与 ${d.existing} 内容相同）`),
    ...report.refused.map((r) => `  拒绝  ${r.file}：${r.reason}`),
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  if (report.refused.length > 0) process.exitCode = 1;
}

async function cmdExtract(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: true });
  if (positionals.length !== 1) fail(`extract 需要一个文件\n${USAGE}`, 2);
  const file = positionals[0];
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    fail(`${file}：文件不存在或无法读取`);
  }
  try {
    const doc = extractDocument(await loadBuffer(buf, sourceName(file)), sourceName(file)).document;
    if (values.json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    else {
      process.stdout.write(`${doc.title ?? "（无标题）"}\n文号：${doc.docNumber ?? "无"}  发布机构：${doc.issuer ?? "无"}  成文日期：${doc.issuedDate ?? "无"}\n`);
      for (const m of doc.measures) {
        const lead = m.units.filter((u) => u.role === "lead").map((u) => u.name).join("、");
        process.stdout.write(`${m.path}  ${m.title ?? ""}${lead ? `  【牵头：${lead}】` : ""}\n`);
      }
    }
  } catch (e) {
    fail(e instanceof IngestError ? e.message : `${file}：${String((e as Error)?.message ?? e)}`);
  }
}

function cmdList(args: string[]): void {
  const { values } = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: false });
  const store = openStore();
  const docs = store.listDocuments(10000);
  store.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(docs, null, 2)}\n`);
    return;
  }
  if (docs.length === 0) process.stdout.write("（库中没有文件）\n");
  for (const d of docs) {
    const place = [d.region.province, d.region.city, d.region.county].filter(Boolean).join("");
    process.stdout.write(`${d.id}  ${d.issuedDate ?? d.publishedDate ?? "日期不详"}  ${place || "全国"}  ${d.title ?? d.source}（${d.measureCount} 条措施）\n`);
  }
}

async function cmdParse(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: { base: { type: "string" }, jsonl: { type: "boolean" } }, allowPositionals: true });
  if (values.jsonl) {
    const input = readFileSync(0, "utf8");
    const out: string[] = [];
    for (const [i, line] of input.split("\n").entries()) {
      if (!line.trim()) continue;
      let req;
      try {
        req = ParseRequest.parse(JSON.parse(line));
      } catch (e) {
        fail(`第 ${i + 1} 行不是有效的 {"text": "...", "base": "YYYY-MM-DD"}：${String((e as Error).message).slice(0, 200)}`);
      }
      out.push(JSON.stringify(parseSentence(req.text, req.base ?? values.base ?? null)));
    }
    process.stdout.write(out.length ? `${out.join("\n")}\n` : "");
    return;
  }
  if (positionals.length === 0) fail(`parse 需要一句话\n${USAGE}`, 2);
  const req = ParseRequest.safeParse({ text: positionals.join(" "), base: values.base ?? null });
  if (!req.success) fail(`参数错误：${req.error.issues.map((x) => x.message).join("；")}`, 2);
  process.stdout.write(`${JSON.stringify(parseSentence(req.data.text, req.data.base ?? null), null, 2)}\n`);
}

async function cmdEval(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { gold: { type: "string" }, corpus: { type: "string" }, "min-f1": { type: "string" } } });
  if (!values.gold || !values.corpus) fail(`eval 需要 --gold 和 --corpus\n${USAGE}`, 2);
  const { report, unmatched } = await evaluateFolders(values.gold, values.corpus);
  for (const u of unmatched) process.stderr.write(`找不到与 ${u} 对应的文件\n`);
  process.stdout.write(`${formatReport(report)}\n`);
  const min = values["min-f1"] === undefined ? null : Number(values["min-f1"]);
  if (min !== null && Object.values(report.fields).some((f) => f.f1 < min)) process.exitCode = 1;
}

const EXPORT_OPTIONS = { format: { type: "string", default: "xlsx" }, o: { type: "string" }, output: { type: "string" }, "as-of": { type: "string" }, "no-content": { type: "boolean" } } as const;

/** Write an export to -o (or a file named after its title), never half-written: a temp file renamed. */
async function writeExport(table: ExportTable, format: string, out: string | undefined): Promise<void> {
  const r = await render(table, format).catch((e) => fail(String((e as Error).message), 2));
  const target = out ?? r.fileName;
  if (target === "-") {
    process.stdout.write(r.body);
    return;
  }
  const tmp = `${target}.tmp-${process.pid}`;
  writeFileSync(tmp, r.body);
  renameSync(tmp, target);
  process.stderr.write(`已写出 ${target}（${r.body.length.toLocaleString("en")} 字节）\n`);
}

async function cmdTable(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: EXPORT_OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) fail(`table 需要一个文件编号或文件路径\n${USAGE}`, 2);
  const store = openStore();
  const key = positionals[0];
  const id = /^[0-9a-f]{16}$/.test(key) ? key : store.listDocuments(100000).find((d) => d.source === sourceName(key) || d.source === key)?.id;
  const doc = id ? store.getDocument(id) : null;
  store.close();
  if (!doc) fail(`库中没有文件：${key}（先用 ingest 入库，或用 list 查看编号）`);
  await writeExport(documentTable(doc, { includeContent: !values["no-content"] }), values.format, values.o ?? values.output);
}

async function cmdDuties(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, options: EXPORT_OPTIONS, allowPositionals: true });
  if (positionals.length !== 1) fail(`duties 需要一个单位名称\n${USAGE}`, 2);
  const asOf = values["as-of"];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) fail("--as-of 应为 YYYY-MM-DD", 2);
  const store = openStore();
  const table = dutyList(positionals[0], allDocuments(store), asOf, { includeContent: !values["no-content"] });
  store.close();
  if (!table.sheets.some((s) => s.rows.some((r) => r.kind !== "section"))) fail(`没有找到单位：${positionals[0]}`);
  await writeExport(table, values.format, values.o ?? values.output);
}

function cmdSimilar(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { limit: { type: "string", default: "10" }, focus: { type: "string", default: "area" }, json: { type: "boolean" }, "same-doc": { type: "boolean" } }, allowPositionals: true });
  if (positionals.length !== 1) fail(`similar 需要一个措施编号（<文件编号>:<路径>）\n${USAGE}`, 2);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) fail("--limit 应为 1～100 的整数", 2);
  const focus = values.focus as SimilarFocus;
  if (!SIMILAR_FOCI.includes(focus)) fail("--focus 应为 area（同一政策领域）或 instrument（同一政策工具）", 2);
  const store = openStore();
  const r = new Comparison(store).similar(positionals[0], limit, !values["same-doc"], 0, focus);
  store.close();
  if (!r) fail(`库中没有措施：${positionals[0]}（措施编号形如 <文件编号>:二/(一)/2，可用 extract --json 查看）`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return;
  }
  const line = (h: (typeof r.similar)[number]) =>
    `${h.score.toFixed(3)}  ${[h.document.region.province, h.document.region.city, h.document.region.county].filter(Boolean).join("") || "全国"}  ${h.document.title ?? ""}  ${h.measure.path}  ${h.measure.title ?? ""}\n        共同词：${h.sharedTerms.slice(0, 8).join("、")}`;
  process.stdout.write(r.similar.length ? `相似措施：\n${r.similar.map(line).join("\n")}\n` : "没有找到相似措施\n");
  if (r.copies.length) process.stdout.write(`近乎照抄：\n${r.copies.map(line).join("\n")}\n`);
}

function cmdCompare(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { json: { type: "boolean" } }, allowPositionals: true });
  const q = positionals.join(" ").trim();
  if (!q) fail(`compare 需要一个主题词，例如：compare "不良贷款容忍度"\n${USAGE}`, 2);
  const store = openStore();
  const t = new Comparison(store).compareText(q);
  store.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(t, null, 2)}\n`);
    return;
  }
  const strip = (h: string) => h.replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  process.stdout.write(`“${q}”：${t.rows.length} 个地方有相关措施${t.missingPlaces.length ? `；没有：${t.missingPlaces.map((p) => p.name).join("、")}` : ""}\n`);
  for (const r of t.rows) {
    const cells = t.columns.map((c) => `${c.label}：${r.cells[c.id]?.display ?? "—"}`).join("；");
    process.stdout.write(`\n【${r.place.fullName}】${r.document.title ?? ""} ${r.measure.path}\n  牵头：${r.leadUnits.join("、") || "未明确"}  时限：${r.deadlines.map((d) => d.text).join("；") || "未明确"}\n  ${cells}\n  ${strip(r.titleHtml ?? r.html).slice(0, 120)}\n`);
  }
}

const COMMANDS: Record<string, (args: string[]) => Promise<void> | void> = {
  openapi: cmdOpenapi, "migrate-store": cmdMigrateStore,
  similar: cmdSimilar, compare: cmdCompare, set: cmdSet, remove: cmdRemove,
  ingest: cmdIngest, extract: cmdExtract, list: cmdList, parse: cmdParse, eval: cmdEval, table: cmdTable, duties: cmdDuties,
};

/** node:util parseArgs refusals (English) in Chinese, naming the option or argument; null for any other error. */
function argumentError(e: unknown, command: string): string | null {
  const { code, message } = (e ?? {}) as { code?: string; message?: string };
  const quoted = /'([^']+)'/.exec(message ?? "")?.[1] ?? "";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `未知的选项：${quoted}（${command} 命令的选项见下面的用法）`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return `选项 ${quoted.split(" ")[0]} 缺少取值`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL") return `多余的参数：${quoted}（${command} 命令不接受这个参数）`;
  return null;
}

const [cmd, ...rest] = process.argv.slice(2);
if (cmd === "help" || cmd === "--help" || cmd === "-h") {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const run = cmd ? COMMANDS[cmd] : undefined;
if (!run) fail(cmd ? `未知命令：${cmd}\n${USAGE}` : USAGE, cmd ? 2 : 0);
try {
  await run(rest);
} catch (e) {
  const wrong = argumentError(e, cmd);
  if (wrong) fail(`${wrong}\n${USAGE}`, 2);
  fail(`错误：${String((e as Error)?.message ?? e)}`);
}
