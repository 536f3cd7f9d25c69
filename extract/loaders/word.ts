// DOCX with mammoth (tables kept as tab-separated rows), DOC with word-extractor.
import mammoth from "mammoth";
import WordExtractor from "word-extractor";
import { htmlFragmentToText } from "./html-text.ts";
import { IngestError } from "../errors.ts";

export async function docxText(buf: Buffer): Promise<string> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: buf })).value;
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (/encrypt|password/i.test(msg)) throw new IngestError("encrypted", "DOCX 已加密，无法读取");
    throw new IngestError("corrupt", `DOCX 文件已损坏或格式无效（${msg.slice(0, 80)}）`);
  }
  return htmlFragmentToText(html);
}

export async function docText(buf: Buffer): Promise<string> {
  try {
    const doc = await new WordExtractor().extract(buf);
    return doc.getBody();
  } catch (e) {
    const msg = String((e as Error).message ?? e);
    if (/encrypt|password/i.test(msg)) throw new IngestError("encrypted", "DOC 已加密，无法读取");
    throw new IngestError("corrupt", `DOC 文件已损坏或格式无效（${msg.slice(0, 80)}）`);
  }
}
