// The reading view's flagging of low-confidence OCR lines (src/web/views/reader.js runs in node too: pure string code).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/paths.ts";

const { lowLineMarker } = (await import(join(ROOT, "src/web/views/reader.js"))) as {
  lowLineMarker: (lines: { page: number; text: string; confidence: number }[]) => { mark: (html: string) => string; missed: () => { text: string }[] };
};

describe("low-confidence OCR lines in the reading view", () => {
  const seed = readFileSync(join(ROOT, "corpus/mianyang-2022-jinrong-shitiao.txt"), "utf8");
  const para = seed.split(/\n/).find((l) => l.length > 60)!;
  const line = para.slice(10, 30);

  it("marks each weak line where it occurs, with its page and confidence, and lists the lines it cannot place", () => {
    const marker = lowLineMarker([
      { page: 3, text: line, confidence: 0.62 },
      { page: 4, text: "此行不在正文中", confidence: 0.4 },
      { page: 5, text: " ", confidence: 0.1 },
    ]);
    const html = marker.mark(para);
    expect(html).toContain(`<mark class="ocr-low" title="OCR 置信度 62%（第 3 页），请对照原文核对">${line}`);
    expect(html.replace(/<[^>]+>|（OCR[^）]*页）[^）]*）/g, "")).toBe(para);
    expect(marker.missed().map((l) => l.text)).toEqual(["此行不在正文中"]);
  });

  it("escaped text stays escaped: a line with markup characters is matched in its escaped form", () => {
    const marker = lowLineMarker([{ page: 1, text: "<b>融资</b>", confidence: 0.5 }]);
    expect(marker.mark("前 &lt;b&gt;融资&lt;/b&gt; 后")).toContain('<mark class="ocr-low"');
    expect(marker.missed()).toEqual([]);
  });
});
