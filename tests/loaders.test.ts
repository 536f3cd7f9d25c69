// Loaders: encodings, HTML pages, format sniffing, and every kind of bad input.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { loadBuffer } from "../extract/loaders/index.ts";
import { IngestError } from "../extract/errors.ts";
import { repairText } from "../extract/structure/repair.ts";
import { CORPUS, FIXTURES, OWN_FIXTURES, listDir } from "./helpers/paths.ts";
import { pdfFromObjects } from "./helpers/pdf.ts";

const seed = readFileSync(join(CORPUS, "shanxi-2018-keji-jinrong.txt"), "utf8");
const sample = "一、主要任务\n(一)设立风险补偿金。由市财政局牵头，市科技局配合。\n";

async function refusal(buf: Buffer, name: string): Promise<IngestError> {
  try {
    await loadBuffer(buf, name);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    const err = e as IngestError;
    expect(err.message.startsWith(`${name}：`)).toBe(true);
    expect(err.message).not.toContain("\n");
    return err;
  }
  throw new Error(`${name} was accepted`);
}

describe("text encodings", () => {
  it("UTF-8 with and without BOM", async () => {
    expect((await loadBuffer(Buffer.from(seed), "a.txt")).text).toBe(seed);
    expect((await loadBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)]), "a.txt")).text).toBe(seed);
  });
  it("UTF-16 LE and BE, with BOM and without", async () => {
    const le = iconv.encode(sample, "utf-16le");
    const be = iconv.encode(sample, "utf-16be");
    expect((await loadBuffer(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), "a.txt")).text).toBe(sample);
    expect((await loadBuffer(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "a.txt")).text).toBe(sample);
    expect((await loadBuffer(iconv.encode("ab\n" + sample, "utf-16le"), "a.txt")).text).toBe("ab\n" + sample);
  });
  it("GB18030 / GBK, and Big5", async () => {
    expect((await loadBuffer(iconv.encode(seed, "gb18030"), "a.txt")).encoding).toBe("gb18030");
    expect((await loadBuffer(iconv.encode(seed, "gbk"), "a.txt")).text).toBe(seed);
    const trad = "一、主要任務\n(一)設立風險補償金。由市財政局牽頭，市科技局配合，加強金融支持科技創新。\n";
    const big5 = await loadBuffer(iconv.encode(trad, "big5"), "b.txt");
    expect(big5.encoding).toBe("big5");
    expect(big5.text).toBe(trad);
  });
  it("the GB18030 fixture reads without mojibake", async () => {
    const f = listDir(FIXTURES).find((x) => x.includes("gb18030"))!;
    const t = await loadBuffer(readFileSync(join(FIXTURES, f)), f);
    expect(t.text).toContain("攀枝花市促进科技与金融结合特色");
    expect(t.text).not.toMatch(/[\ufffd]/);
  });
});

describe("format by content", () => {
  it("a PDF named .txt is read as PDF; a DOCX named .bin as DOCX", async () => {
    const pdf = listDir(FIXTURES).find((f) => f.endsWith(".pdf"))!;
    expect((await loadBuffer(readFileSync(join(FIXTURES, pdf)), "misnamed.txt")).format).toBe("pdf");
    const docx = listDir(FIXTURES).find((f) => f.endsWith(".docx"))!;
    expect((await loadBuffer(readFileSync(join(FIXTURES, docx)), "misnamed.bin")).format).toBe("docx");
  });
  it("HTML from a government site: article kept, chrome dropped", async () => {
    const html = `<!DOCTYPE html><html><head><title>关于印发《某市科技金融实施方案》的通知_某市人民政府</title><script>var x=1;</script></head>
<body><div class="nav"><a href="/">首页</a> <a>政务公开</a> <a>政策文件</a></div>
<div class="breadcrumb">您现在的位置：首页 &gt; 政策文件</div>
<table class="meta"><tr><td>索引号：123/2024-01</td><td>发布机构：绵阳市科技局</td></tr><tr><td>成文日期：2024-05-06</td><td>文号：绵科发〔2024〕3号</td></tr></table>
<div class="article"><h1>关于印发《绵阳市科技金融实施方案》的通知</h1>
<p>各县（市、区）科技局：</p><p>现将《绵阳市科技金融实施方案》印发给你们，请认真贯彻执行。这是一段足够长的正文，用来说明通知的目的和要求，确保正文识别算法能够找到它。</p>
<p>一、主要任务</p><p>（一）设立科技信贷风险补偿金。市财政局牵头，市科技局配合，2024年底前完成。</p>
<p>（二）建立科技支行。力争设立1~2家科技支行，科技信贷额度达5000万元。</p></div>
<div class="footer">主办单位：某市人民政府 版权所有 网站标识码 1234</div><div class="share">分享到：微信 微博</div></body></html>`;
    const t = await loadBuffer(Buffer.from(html), "page.html");
    expect(t.format).toBe("html");
    expect(t.text).toContain("（一）设立科技信贷风险补偿金");
    expect(t.text).toContain("发布机构：绵阳市科技局");
    expect(t.text).not.toMatch(/版权所有|分享到|var x/);
    const repaired = repairText(t.text).text;
    expect(repaired).toContain("(二)建立科技支行。");
  });
  it("DOCX tables come out as tab-separated rows", async () => {
    const { htmlFragmentToText } = await import("../extract/loaders/html-text.ts");
    const t = htmlFragmentToText("<p>任务分工表</p><table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th></tr><tr><td>1</td><td><p>设立风险补偿金</p></td><td>市财政局</td></tr></table>");
    expect(t.split("\n")).toEqual(["任务分工表", "序号\t重点任务\t牵头单位", "1\t设立风险补偿金\t市财政局"]);
  });
});

describe("bad input gets a one-line reason naming the file", () => {
  it("empty file", async () => expect((await refusal(Buffer.alloc(0), "empty.txt")).code).toBe("empty"));
  it("unknown binary format", async () => expect((await refusal(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0, 0, 9, 9]), "prog.bin")).code).toBe("unknown-format"));
  it("a zip that is neither DOCX nor OFD", async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....readme.md....")]);
    expect((await refusal(zip, "x.zip")).code).toBe("unknown-format");
  });
  it("corrupt PDF", async () => expect((await refusal(readFileSync(join(OWN_FIXTURES, "truncated.pdf")), "truncated.pdf")).code).toBe("corrupt"));
  it("a .pdf that is not a PDF", async () => expect((await refusal(Buffer.from("这不是PDF"), "fake.pdf")).code).toBe("corrupt"));
  it("encrypted PDF", async () => expect((await refusal(readFileSync(join(OWN_FIXTURES, "encrypted.pdf")), "encrypted.pdf")).code).toBe("encrypted"));
  it("corrupt DOCX and DOC", async () => {
    const docx = readFileSync(join(FIXTURES, listDir(FIXTURES).find((f) => f.endsWith(".docx"))!));
    expect((await refusal(docx.subarray(0, 3000), "broken.docx")).code).toBe("corrupt");
    const doc = readFileSync(join(FIXTURES, listDir(FIXTURES).find((f) => f.endsWith(".doc"))!));
    expect((await refusal(doc.subarray(0, 1000), "broken.doc")).code).toBe("corrupt");
  });
  it("PDF without text (a scan)", async () => {
    expect((await refusal(blankPdf(), "scan.pdf")).code).toBe("no-text");
  });
  it("text without any Chinese", async () => expect((await refusal(Buffer.from("hello world\n"), "en.txt")).code).toBe("no-text"));
  it("bytes in no Chinese encoding", async () => {
    const junk = Buffer.from(Array.from({ length: 3000 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    expect(["encoding", "no-text"]).toContain((await refusal(junk, "junk.txt")).code);
  });
  it("a broken OFD package is refused as corrupt, naming OFD", async () => {
    const ofd = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("....OFD.xml....")]);
    const e = await refusal(ofd, "a.ofd");
    expect(e.code).toBe("corrupt");
    expect(e.reason).toMatch(/OFD/);
  });
  it("huge file", async () => expect((await refusal(Buffer.alloc(51 * 1024 * 1024, 0x41), "huge.txt")).code).toBe("too-large"));
});

/** A valid one-page PDF with no text on it. */
function blankPdf(): Buffer {
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    "<< /Length 0 >>\nstream\n\nendstream",
  ];
  return pdfFromObjects(objs);
}
