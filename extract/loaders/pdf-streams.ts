// A PDF's Flate streams carry zlib (Adler-32) checksums that pdf.js never checks: a flipped bit in a content
// stream gives wrong or missing characters without an error. Inflating every non-image Flate stream once with
// zlib, which checks them, refuses such a file, and bounds the bytes pdf.js will inflate later. The inflating
// is streamed in zlib's thread pool and nothing is kept, so the main thread neither blocks nor grows.
import { createInflate } from "node:zlib";
import { IngestError } from "../errors.ts";
import { LIMITS, formatMb } from "./limits.ts";

const STREAM = Buffer.from("stream");
const ENDSTREAM = Buffer.from("endstream");
const OBJ = Buffer.from(" obj");

/** The data of every stream whose first filter is Flate, images excepted (their pixels are never decoded). */
export function flateStreams(buf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const s = buf.indexOf(STREAM, pos);
    if (s < 0) return out;
    pos = s + STREAM.length;
    if (s >= 3 && buf[s - 3] === 0x65 && buf[s - 2] === 0x6e && buf[s - 1] === 0x64) continue; // "endstream"
    // The keyword ends its line: CR LF or LF (a lone CR is tolerated).
    let dataStart = pos;
    if (buf[dataStart] === 0x0d) dataStart++;
    if (buf[dataStart] === 0x0a) dataStart++;
    if (dataStart === pos) continue;
    const dictFrom = buf.lastIndexOf(OBJ, s);
    if (dictFrom < 0 || s - dictFrom > 8192) continue;
    const dict = buf.subarray(dictFrom, s).toString("latin1");
    if (!dict.trimEnd().endsWith(">>")) continue;
    const end = buf.indexOf(ENDSTREAM, dataStart);
    if (end < 0) return out; // a cut file: pdf.js reports it
    pos = end + ENDSTREAM.length;
    if (!/\/Filter\s*\[?\s*\/FlateDecode/.test(dict) || /\/Subtype\s*\/Image/.test(dict)) continue;
    out.push(buf.subarray(dataStart, end));
  }
}

function inflateCount(data: Buffer, budget: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const z = createInflate();
    let n = 0;
    let over = false;
    z.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > budget && !over) {
        over = true;
        z.destroy();
        reject(new IngestError("limit", `PDF 解压后超过 ${formatMb(LIMITS.pdf.maxInflatedBytes)}`));
      }
    });
    z.on("error", () => reject(new IngestError("corrupt", "PDF 文件已损坏（数据流校验失败）")));
    z.on("end", () => resolve(n));
    z.end(data);
  });
}

export async function verifyPdfStreams(buf: Buffer): Promise<void> {
  // Encrypted streams only inflate after decryption: pdf.js reports those files as encrypted.
  if (buf.includes("/Encrypt")) return;
  let total = 0;
  for (const data of flateStreams(buf)) total += await inflateCount(data, LIMITS.pdf.maxInflatedBytes - total);
}
