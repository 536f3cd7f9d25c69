// `npm run bench`: throughput and memory figures, printed as a table. Not a test: nothing here asserts.
import { benchIngest } from "./ingest.ts";

const TARGETS = { txtCharsPerSec: 500_000, pdfPagesPerSec: 20 };

const ingest = await benchIngest(Number(process.env.BENCH_ROUNDS ?? 5));
const rows: [string, string, string][] = [
  ["TXT 入库（加载、修复、分段、抽取、写库）", `${ingest.txtCharsPerSec.toLocaleString("en")} 字符/秒（${ingest.txtDocs} 篇，${ingest.txtChars.toLocaleString("en")} 字符）`, `≥ ${TARGETS.txtCharsPerSec.toLocaleString("en")}`],
  ["PDF 入库", `${ingest.pdfPagesPerSec} 页/秒（${ingest.pdfPages} 页）`, `≥ ${TARGETS.pdfPagesPerSec}`],
  ["峰值内存 RSS", `${ingest.peakRssMb} MB`, ""],
];
for (const [name, value, target] of rows) process.stdout.write(`${name.padEnd(28, "　")}  ${value}${target ? `  目标 ${target}` : ""}\n`);
