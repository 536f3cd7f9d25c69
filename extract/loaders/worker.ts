// The parsing that cannot be bounded in process, run inside a worker thread (see isolate.ts): HTML pages,
// PDF, DOCX and DOC. Every job answers one message: the text, or an IngestError's code and reason.
import { parentPort, workerData } from "node:worker_threads";
import type { DocFormat } from "../schema.ts";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";
import { decodeText } from "./text-decode.ts";
import type { OfdRender } from "./ofd-render.ts";

export type IsolatedFormat = Extract<DocFormat, "html" | "pdf" | "docx" | "doc" | "ofd">;
export type WorkerAnswer =
  | { ok: true; text: string; pages: string[] | null; properties?: Record<string, string>; render?: OfdRender }
  | { ok: false; code: IngestError["code"]; reason: string };

function tooLong(text: string): void {
  if (text.length > LIMITS.maxChars) throw new IngestError("limit", `文字过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
}

export async function runJob(format: IsolatedFormat, buf: Buffer): Promise<{ text: string; pages: string[] | null; properties?: Record<string, string>; render?: OfdRender }> {
  switch (format) {
    case "ofd": {
      const { ofdText } = await import("./ofd.ts");
      const got = await ofdText(buf);
      tooLong(got.text);
      return got;
    }
    case "html": {
      const { htmlToText } = await import("./html.ts");
      const { text: html } = decodeText(buf);
      const text = htmlToText(html);
      tooLong(text);
      return { text, pages: null };
    }
    case "pdf": {
      const { pdfPages } = await import("./pdf.ts");
      const pages = await pdfPages(buf);
      const text = pages.join("\n");
      tooLong(text);
      return { text, pages };
    }
    case "docx": {
      const { docxText } = await import("./word.ts");
      const text = await docxText(buf);
      tooLong(text);
      return { text, pages: null };
    }
    case "doc": {
      const { docText } = await import("./word.ts");
      const text = await docText(buf);
      tooLong(text);
      return { text, pages: null };
    }
  }
}

const LABEL: Record<IsolatedFormat, string> = { html: "HTML", pdf: "PDF", docx: "DOCX", doc: "DOC", ofd: "OFD" };

/** Anything a library throws, as a Chinese reason; IngestErrors pass through. */
export function workerFailure(format: IsolatedFormat, e: unknown): WorkerAnswer {
  if (e instanceof IngestError) return { ok: false, code: e.code, reason: e.reason };
  if (e instanceof RangeError && /call stack/i.test(String(e.message))) {
    return { ok: false, code: "limit", reason: `${LABEL[format]} 文件结构嵌套过深，超出解析限制` };
  }
  return { ok: false, code: "corrupt", reason: `${LABEL[format]} 文件已损坏或格式无效` };
}

/** One job: its answer, never a throw. */
async function answer(format: IsolatedFormat, data: Uint8Array): Promise<WorkerAnswer> {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  try {
    return { ok: true, ...(await runJob(format, buf)) };
  } catch (e) {
    return workerFailure(format, e);
  }
}

if (parentPort && workerData?.policyLoaderJob) {
  const port = parentPort;
  const { format, data } = workerData as { format: IsolatedFormat; data: Uint8Array };
  port.postMessage(await answer(format, data));
  // A warm worker is handed further files of its format (isolate.ts), one at a time.
  port.on("message", async (job: { format: IsolatedFormat; data: Uint8Array }) => port.postMessage(await answer(job.format, job.data)));
}
