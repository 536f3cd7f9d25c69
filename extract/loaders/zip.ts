// ZIP containers (DOCX) read under limits: the central directory is checked for entry count and declared
// uncompressed size before anything is inflated (inspectZip, cheap enough for the main thread), and every
// entry is then inflated as a stream with its size and CRC-32 enforced (verifyZip), before mammoth sees it.
import yauzl from "yauzl";
import { crc32 } from "node:zlib";
import { IngestError } from "../errors.ts";
import { LIMITS, formatMb } from "./limits.ts";

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  crc32: number;
}


/** yauzl's English messages, as one specific Chinese reason; `label` names the format (DOCX, OFD). */
function zipError(e: unknown, label: string): IngestError {
  if (e instanceof IngestError) return e;
  const msg = String((e as Error)?.message ?? e);
  if (/end of central directory record signature not found/i.test(msg)) {
    return new IngestError("corrupt", `${label} 文件已损坏（找不到压缩包目录，文件可能不完整）`);
  }
  if (/too many bytes|not enough bytes|stream size/i.test(msg)) {
    return new IngestError("corrupt", `${label} 文件已损坏（解压后的大小与压缩包目录不符）`);
  }
  if (/unsupported compression method/i.test(msg)) {
    return new IngestError("corrupt", `${label} 文件已损坏（不支持的压缩方式）`);
  }
  if (/encrypt/i.test(msg)) return new IngestError("encrypted", `${label} 已加密，无法读取`);
  if (/invalid (block|code|distance|stored|literal)|incorrect|unexpected end|header check|too many length|invalid bit length/i.test(msg)) {
    return new IngestError("corrupt", `${label} 文件已损坏（压缩数据无法解压）`);
  }
  if (/central directory|signature|offset|file name|comment|zip64|extra field|entry/i.test(msg)) {
    return new IngestError("corrupt", `${label} 文件已损坏（压缩包目录无效）`);
  }
  return new IngestError("corrupt", `${label} 文件已损坏（压缩包无法读取）`);
}

/** The container opened, refused (closed) when its directory lists more entries than the limit. */
async function open(buf: Buffer, label: string): Promise<yauzl.ZipFile> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false }, (err, zip) =>
      err || !zip ? reject(zipError(err, label)) : resolve(zip),
    ),
  );
  const { maxEntries } = LIMITS.zip;
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw new IngestError("limit", `压缩包条目过多（${zip.entryCount} 个，上限 ${maxEntries} 个）`);
  }
  return zip;
}

/** Read the central directory and refuse, before inflating anything, a container over the limits. */
export async function inspectZip(buf: Buffer, label = "DOCX"): Promise<ZipEntryInfo[]> {
  const zip = await open(buf, label);
  const { maxUncompressedBytes } = LIMITS.zip;
  const entries: ZipEntryInfo[] = [];
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (e: unknown) => {
      zip.close();
      reject(zipError(e, label));
    };
    zip.on("error", fail);
    zip.on("entry", (entry: yauzl.Entry) => {
      if (entry.isEncrypted()) return fail(new IngestError("encrypted", `${label} 已加密，无法读取`));
      total += entry.uncompressedSize;
      if (total > maxUncompressedBytes) {
        return fail(new IngestError("limit", `解压后超过 ${formatMb(maxUncompressedBytes)}（压缩包目录声明的内容至少 ${formatMb(total)}）`));
      }
      entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, crc32: entry.crc32 });
      zip.readEntry();
    });
    zip.on("end", () => resolve(entries));
    zip.readEntry();
  });
}

/** Counts "<w:p" elements (paragraphs: "<w:p>", "<w:p ", "<w:p/") across the chunks of a stream. */
class ParagraphCounter {
  count = 0;
  private tail = Buffer.alloc(0);
  push(chunk: Buffer): void {
    const buf = this.tail.length ? Buffer.concat([this.tail, chunk]) : chunk;
    let i = buf.indexOf("<w:p");
    for (; i >= 0 && i + 4 < buf.length; i = buf.indexOf("<w:p", i + 4)) {
      const next = buf[i + 4];
      if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x0a || next === 0x0d || next === 0x09) this.count++;
    }
    // Keep the last bytes in case a tag is cut between chunks.
    const keepFrom = i >= 0 ? i : Math.max(0, buf.length - 4);
    this.tail = Buffer.from(buf.subarray(keepFrom));
  }
}

/**
 * Inflate every entry as a stream (zlib's thread pool), enforcing the uncompressed limit while
 * streaming and checking each entry's CRC-32; count the paragraphs of the entries `countIn` selects and
 * return the contents of those `keep` selects (nothing else is kept). Refuses
 * a container whose data does not match its directory ("DOCX 文件已损坏（CRC 校验失败）").
 */
export async function verifyZip(
  buf: Buffer,
  countIn: (name: string) => boolean,
  label = "DOCX",
  keep: (name: string) => boolean = () => false,
): Promise<{ paragraphs: number; kept: Map<string, Buffer> }> {
  const zip = await open(buf, label);
  const { maxUncompressedBytes } = LIMITS.zip;
  let paragraphs = 0;
  let total = 0;
  const kept = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    let done = false;
    const fail = (e: unknown) => {
      if (done) return;
      done = true;
      zip.close();
      reject(zipError(e, label));
    };
    zip.on("error", fail);
    zip.on("entry", (entry: yauzl.Entry) => {
      if (done) return;
      if (entry.isEncrypted()) return fail(new IngestError("encrypted", `${label} 已加密，无法读取`));
      if (entry.fileName.endsWith("/")) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err);
        let crc = 0;
        const counter = countIn(entry.fileName) ? new ParagraphCounter() : null;
        const chunks: Buffer[] | null = keep(entry.fileName) ? [] : null;
        stream.on("data", (chunk: Buffer) => {
          if (done) return;
          total += chunk.length;
          if (total > maxUncompressedBytes) {
            stream.destroy();
            return fail(new IngestError("limit", `解压后超过 ${formatMb(maxUncompressedBytes)}`));
          }
          crc = crc32(chunk, crc);
          counter?.push(chunk);
          chunks?.push(chunk);
        });
        stream.on("error", fail);
        stream.on("end", () => {
          if (done) return;
          if (crc >>> 0 !== entry.crc32 >>> 0) return fail(new IngestError("corrupt", `${label} 文件已损坏（CRC 校验失败）`));
          paragraphs += counter?.count ?? 0;
          if (chunks) kept.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on("end", () => {
      if (done) return;
      done = true;
      resolve({ paragraphs, kept });
    });
    zip.readEntry();
  });
}

/** Everything checked before a DOCX is handed to mammoth: directory, sizes, CRCs, paragraphs. */
export async function checkDocx(buf: Buffer): Promise<void> {
  await inspectZip(buf);
  const { paragraphs } = await verifyZip(buf, (name) => /^word\/[^/]+\.xml$/i.test(name));
  if (paragraphs > LIMITS.docx.maxParagraphs) {
    throw new IngestError("limit", `DOCX 段落过多（${paragraphs} 段，上限 ${LIMITS.docx.maxParagraphs} 段）`);
  }
}
