// DOCX with mammoth (tables kept as tab-separated rows), DOC with word-extractor. Both run in a worker
// (see isolate.ts); a DOCX's container is checked first (sizes, CRCs, paragraphs: zip.ts).
import mammoth from "mammoth";
import WordExtractor from "word-extractor";
import { htmlFragmentToText } from "./html-text.ts";
import { IngestError } from "../errors.ts";
import { LIMITS } from "./limits.ts";

function mammothError(e: unknown): IngestError {
  if (e instanceof IngestError) return e;
  const msg = String((e as Error)?.message ?? e);
  if (/encrypt|password/i.test(msg)) return new IngestError("encrypted", "DOCX 已加密，无法读取");
  if (/main document part/i.test(msg)) return new IngestError("corrupt", "DOCX 文件已损坏（缺少正文部分）");
  if (/central directory|zip|corrupted|end of data|invalid/i.test(msg)) return new IngestError("corrupt", "DOCX 文件已损坏（压缩包无法读取）");
  if (e instanceof RangeError) return new IngestError("limit", "DOCX 结构过于复杂，超出解析限制");
  if (/xml|tag|attribute|element|unexpected|unclosed|entity/i.test(msg)) return new IngestError("corrupt", "DOCX 文件已损坏（文档内容不是有效的 XML）");
  return new IngestError("corrupt", "DOCX 文件已损坏或格式无效");
}

/** The caller checks the container first (zip.ts checkDocx: sizes, CRCs, paragraphs). */
export async function docxText(buf: Buffer): Promise<string> {
  let html: string;
  try {
    // Images are never read: only their text matters, and base64 copies of them would multiply the memory.
    const convertImage = mammoth.images.imgElement(async () => ({ src: "" }));
    html = (await mammoth.convertToHtml({ buffer: buf }, { convertImage })).value;
  } catch (e) {
    throw mammothError(e);
  }
  if (html.length > LIMITS.maxChars * 8) throw new IngestError("limit", `DOCX 内容过多（超过 ${LIMITS.maxChars / 10000} 万字）`);
  return htmlFragmentToText(html);
}

function docError(e: unknown): IngestError {
  if (e instanceof IngestError) return e;
  const msg = String((e as Error)?.message ?? e);
  if (/encrypt|password/i.test(msg)) return new IngestError("encrypted", "DOC 已加密，无法读取");
  if (e instanceof RangeError) return new IngestError("corrupt", "DOC 文件已损坏（文件结构指向文件之外）");
  return new IngestError("corrupt", "DOC 文件已损坏或格式无效");
}

export async function docText(buf: Buffer): Promise<string> {
  try {
    const doc = await new WordExtractor().extract(buf);
    return doc.getBody();
  } catch (e) {
    throw docError(e);
  }
}
