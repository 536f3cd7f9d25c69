// The writer replica after its own upload (src/search/own-writes.ts), on a copy of a SQLite data directory: the full check
// (StoreSearchIndex.refresh: every document) against reading only the written document (OwnWrites.apply), alternating
// over 10 uploads of corpus-extra texts. Writes to the directory given: use a copy.
//   npx tsx bench/writer-apply.ts <copy of a data directory>
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Store } from "../index/store/store.ts";
import { StoreSearchIndex } from "../src/search/adapter.ts";
import { OwnWrites } from "../src/search/own-writes.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { SHARED } from "../tests/helpers/paths.ts";

const dir = process.argv[2];
if (!dir) throw new Error("用法：npx tsx bench/writer-apply.ts <数据目录的副本>");
const store = new Store(dir);
let t = performance.now();
const index = StoreSearchIndex.open(store);
console.log(`open ${(performance.now() - t).toFixed(0)} ms, documents ${store.documentCount()}`);
const own = new OwnWrites({ store, index });
const extra = join(SHARED, "corpus-extra");
const files = readdirSync(extra).filter((f) => f.endsWith(".txt")).sort().slice(0, 10);
const full: number[] = [];
const mine: number[] = [];
for (const [i, f] of files.entries()) {
  const text = `${readFileSync(join(extra, f), "utf8")}\n（写入测量 ${Date.now()} ${i}）`;
  own.note();
  const { id } = await ingestBuffer(store, Buffer.from(text), `bench-writer/${i}-${f}`, "new");
  t = performance.now();
  if (i % 2 === 0) {
    const r = own.apply([id]);
    mine.push(performance.now() - t);
    if (r.how !== "documents") throw new Error(`expected the written document only: ${JSON.stringify(r)}`);
  } else {
    index.refresh();
    full.push(performance.now() - t);
  }
  if (index.search({ q: "", doc: id, limit: 1, offset: 0 } as never).total === 0) throw new Error(`not found: ${id}`);
}
const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(" / ");
console.log(`full check (refresh): ${fmt(full)} ms`);
console.log(`written document only: ${fmt(mine)} ms`);
store.close();
