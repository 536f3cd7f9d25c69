// A 街道办事处 signs as any body (issuerEndings in extract/data/metadata-words.json, read by the metadata readers and by
// closing-start.ts): its line over the date closes the document, and is no part of the last item (it was: 办事处 ended no signer).
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extractDocument } from "../extract/document.ts";

// 闵行区古美路街道 2022 独居老人消防安全 实施方案 (tests/data/unseen12d): signed "闵行区古美路街道办事处 / 2022年7月20日".
const FILE = join(import.meta.dirname, "data", "unseen12d", "shanghai-minhang-gumeilu-2022-dujulaoren-xiaofang-anquan-shishi-fangan.txt");

describe("a 街道办事处 signature", () => {
  it("closes the document after its last item: the signer's line is in no measure", () => {
    const lines = readFileSync(FILE, "utf8").split("\n");
    const signer = lines.findIndex((l) => l.trim() === "闵行区古美路街道办事处");
    expect(lines[signer + 1].trim()).toBe("2022年7月20日");
    // The plan itself (its title on, up to its list of enclosures), signed at its end as a 街道 signs a plan issued alone.
    const start = lines.findIndex((l, i) => i > signer && l.startsWith("古美路街道加强独居老人消防安全工作实施方案"));
    const end = lines.findIndex((l, i) => i > start && l.startsWith("附件："));
    const text = [...lines.slice(start, end), lines[signer], lines[signer + 1]].join("\n");
    const doc = extractDocument({ format: "txt", text, pages: null }, "gumeilu.txt").document;
    expect(doc.measures.length).toBeGreaterThan(3);
    for (const m of doc.measures) expect(m.text, m.path).not.toContain("街道办事处");
    expect(doc.issuedDate).toBe("2022-07-20");
  });
});
