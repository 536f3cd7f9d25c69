// `cli migrate-store --from <SQLite data dir> --to <postgres://…>`: move an existing library into
// PostgreSQL (index/store/postgres/copy.ts). Idempotent: run again, it copies only what is missing.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { Store } from "../../index/store/store.ts";
import { openStore } from "../../index/store/engine.ts";
import { PgStore } from "../../index/store/postgres/store.ts";
import { copyLibrary } from "../../index/store/postgres/copy.ts";

export const MIGRATE_USAGE = "  npm run --silent cli -- migrate-store --from <SQLite 数据目录> --to <postgres://…>   把已有的库搬到 PostgreSQL（可重复运行，只补缺少的）";

export function cmdMigrateStore(args: string[]): void {
  const { values, positionals } = parseArgs({ args, options: { from: { type: "string" }, to: { type: "string" } }, allowPositionals: true });
  if (positionals.length) throw new Error(`migrate-store 不接受位置参数：${positionals.join(" ")}\n${MIGRATE_USAGE}`);
  if (!values.from) throw new Error(`缺少 --from（SQLite 数据目录）\n${MIGRATE_USAGE}`);
  if (!values.to) throw new Error(`缺少 --to（PostgreSQL 地址，如 postgres://用户@主机/库名）\n${MIGRATE_USAGE}`);
  const from = resolve(values.from);
  if (!existsSync(join(from, "policy.db"))) throw new Error(`--from：${from} 中没有数据库文件 policy.db`);
  const source = new Store(from);
  let target: PgStore | null = null;
  try {
    const opened = openStore({ dataDir: from, databaseUrl: values.to });
    if (!(opened instanceof PgStore)) throw new Error("--to：应为 PostgreSQL 地址（postgres:// 或 postgresql://）");
    target = opened;
    const tty = process.stderr.isTTY;
    const s = copyLibrary(source, target, (done, total) => {
      if (tty) process.stderr.write(`\r搬迁文件 ${done}/${total}`);
    });
    if (tty) process.stderr.write("\n");
    const lines = [
      `已搬迁到 PostgreSQL：文件 ${s.documents.copied} 个（原文件 ${s.files} 个，更正 ${s.corrections} 项，文字识别记录 ${s.ocr} 项），已存在而跳过 ${s.documents.present} 个`,
      `督办任务 ${s.tasks.copied} 项（修改记录 ${s.tasks.history} 条），已存在而跳过 ${s.tasks.present} 项`,
      ...s.documents.conflicts.map((c) => `  未搬迁 ${c.source}（${c.id}）：目标库中同一路径已是另一个文件`),
      `目标库现有文件 ${target.documentCount()} 个`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    source.close();
    target?.close();
  }
}
