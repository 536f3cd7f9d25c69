// CLI commands that change the library: `set` (correct a document's metadata) and `remove`. A document
// is named by its id, its 文号 (any bracket form) or its source path. Output and errors in Chinese;
// exit code 2 for a wrong command line, 1 for a document not found or a write refused.
import { parseArgs } from "node:util";
import { StoreWriteError, type DocumentSummary, type ExtractedMetadata } from "../../index/store/store.ts";
import { openStore, type StoreEngine as Store } from "../../index/store/engine.ts";
import { CORRECTABLE, MetadataPatch } from "../../index/store/overrides.ts";
import { sourceName } from "../documents/ingest.ts";

export const LIBRARY_USAGE = `  npm run --silent cli -- set <文件编号|文号|文件路径> [--title 标题] [--doc-number 文号] [--issuer 发文机关]
        [--region 省/市[/区县]] [--issued YYYY-MM-DD] [--published YYYY-MM-DD] [--clear 字段,…] [--by 更正人]   更正文件信息
  npm run --silent cli -- remove <文件编号|文号|文件路径>   删除文件及由它得出的一切`;

const OPTION_OF: Record<string, string> = { title: "--title", docNumber: "--doc-number", issuer: "--issuer", region: "--region", issuedDate: "--issued", publishedDate: "--published" };
const LABEL: Record<string, string> = { title: "标题", docNumber: "文号", issuer: "发文机关", region: "地区", issuedDate: "成文日期", publishedDate: "发布日期" };

class CliError extends Error {
  constructor(message: string, readonly code: number) {
    super(message);
  }
}

/** The document a user names: id, 文号 in any bracket form, or source path. */
function resolve(store: Store, key: string): DocumentSummary {
  if (/^[0-9a-f]{16}$/.test(key)) {
    const d = store.getDocument(key);
    if (d) return { ...d, corrected: d.corrections !== null };
  }
  const byNumber = store.findByDocNumber(key);
  if (byNumber.length === 1) return byNumber[0];
  if (byNumber.length > 1) throw new CliError(`文号 ${key} 对应多个文件，请改用文件编号：\n${byNumber.map((d) => `  ${d.id}  ${d.title ?? d.source}`).join("\n")}`, 1);
  const bySource = store.findDocuments({ limit: 100000 }).documents.find((d) => d.source === key || d.source === sourceName(key));
  if (bySource) return bySource;
  throw new CliError(`库中没有文件：${key}（可用文件编号、文号或文件路径；用 list 查看）`, 1);
}

function show(field: string, v: ExtractedMetadata[keyof ExtractedMetadata]): string {
  if (v === null || v === undefined) return "（无）";
  if (typeof v === "object") return [v.province, v.city, v.county].filter(Boolean).join("") || "（无）";
  return field === "title" && v.length > 40 ? `${v.slice(0, 40)}…` : v;
}

function run(body: (store: Store) => string): void {
  let store: Store | null = null;
  try {
    store = openStore();
    process.stdout.write(`${body(store)}\n`);
  } catch (e) {
    const code = e instanceof CliError ? e.code : 1;
    const msg = e instanceof CliError ? e.message : e instanceof StoreWriteError ? `未能写入：${e.reason.replace(/，文件未保存$/, "")}` : `错误：${String((e as Error)?.message ?? e)}`;
    process.stderr.write(`${msg}\n`);
    process.exitCode = code;
  } finally {
    store?.close();
  }
}

export function cmdSet(args: string[]): void {
  // A wrong option throws: cli.ts names it in Chinese, with the usage.
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    options: {
      title: { type: "string" }, "doc-number": { type: "string" }, issuer: { type: "string" }, region: { type: "string" },
      issued: { type: "string" }, published: { type: "string" }, clear: { type: "string" }, by: { type: "string" },
    },
  });
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1) {
    process.stderr.write(`set 需要一个文件（文件编号、文号或文件路径）\n${LIBRARY_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const raw: Record<string, unknown> = {};
  if (v.title !== undefined) raw.title = v.title;
  if (v["doc-number"] !== undefined) raw.docNumber = v["doc-number"];
  if (v.issuer !== undefined) raw.issuer = v.issuer;
  if (v.issued !== undefined) raw.issuedDate = v.issued;
  if (v.published !== undefined) raw.publishedDate = v.published;
  if (v.region !== undefined) {
    const [province, city, county, ...more] = v.region.split("/").map((s) => s.trim());
    if (more.length) {
      process.stderr.write(`--region 应为 省/市/区县，例如 山东省/济南市/历下区\n`);
      process.exitCode = 2;
      return;
    }
    raw.region = { province, city: city || null, county: county || null };
  }
  for (const f of v.clear?.split(/[,，、]/).map((s) => s.trim()).filter(Boolean) ?? []) {
    if (!(CORRECTABLE as readonly string[]).includes(f)) {
      process.stderr.write(`--clear 中的字段“${f}”不认识（可用：${CORRECTABLE.join("、")}）\n`);
      process.exitCode = 2;
      return;
    }
    if (raw[f] !== undefined) {
      process.stderr.write(`${OPTION_OF[f]} 与 --clear ${f} 不能同时给出\n`);
      process.exitCode = 2;
      return;
    }
    raw[f] = null;
  }
  const p = MetadataPatch.safeParse(raw);
  if (!p.success) {
    const msg = p.error.issues.map((i) => `${OPTION_OF[String(i.path[0])] ?? "参数"}：${i.message}`).join("\n");
    process.stderr.write(`${msg}\n${Object.keys(raw).length ? "" : `${LIBRARY_USAGE}\n`}`);
    process.exitCode = 2;
    return;
  }
  run((store) => {
    const d = resolve(store, positionals[0]);
    const before = store.getDocument(d.id)!;
    const after = store.setCorrections(d.id, p.data, v.by?.trim() || "命令行");
    const lines = Object.keys(p.data).map((f) => {
      const k = f as keyof ExtractedMetadata;
      return `  ${LABEL[f]}：${show(f, before[k])} → ${show(f, after[k])}${p.data[k] === null ? "（撤销更正，恢复为读出的值）" : ""}`;
    });
    return `已更正 ${after.id}  ${after.title ?? after.source}\n${lines.join("\n")}`;
  });
}

export function cmdRemove(args: string[]): void {
  if (args.length !== 1 || args[0].startsWith("-")) {
    process.stderr.write(`remove 需要一个文件（文件编号、文号或文件路径）\n${LIBRARY_USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  run((store) => {
    const d = resolve(store, args[0]);
    if (!store.deleteDocument(d.id)) throw new CliError(`库中没有文件：${args[0]}`, 1);
    return `已删除 ${d.id}  ${d.title ?? d.source}（${d.measureCount} 条措施及其单位、检索、主题与导出）`;
  });
}
