// PDF text with pdf-parse, one string per page (page markers are removed later by repair).
import { PDFParse } from "pdf-parse";
import { IngestError } from "../errors.ts";

export async function pdfPages(buf: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(buf) });
  try {
    const result = await parser.getText();
    return result.pages.map((p) => p.text);
  } catch (e) {
    const name = (e as { name?: string }).name ?? "";
    const msg = String((e as Error).message ?? e);
    if (name === "PasswordException" || /password|encrypt/i.test(msg)) throw new IngestError("encrypted", "PDF 已加密，无法读取");
    throw new IngestError("corrupt", `PDF 文件已损坏或格式无效（${msg.slice(0, 80)}）`);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
