// Extraction scored against the hand-labelled gold of the five seeds: F1 at least 0.95 on every field.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { evaluateFolders } from "../src/cli/evaluate.ts";
import { FIELDS, GoldDocument, formatReport, scoreDocuments } from "../extract/score.ts";
import { CORPUS, ROOT } from "./helpers/paths.ts";

const GOLD = join(ROOT, "tests/gold");

describe("gold", () => {
  it("has a gold file for every seed, each a valid contract subset", () => {
    const golds = readdirSync(GOLD).filter((f) => f.endsWith(".gold.json"));
    expect(golds.length).toBe(5);
    for (const g of golds) {
      const gold = GoldDocument.parse(JSON.parse(readFileSync(join(GOLD, g), "utf8")));
      const text = readFileSync(join(CORPUS, g.replace(".gold.json", ".txt")), "utf8").replace(/\s+/g, "");
      // Everything labelled is read off the text: names and spans occur in it.
      for (const m of gold.measures) {
        for (const u of m.units) expect(text, `${g} ${m.path} ${u.name}`).toContain(u.name);
        for (const d of m.deadlines) expect(text, `${g} ${m.path} ${d.text}`).toContain(d.text.replace(/\s+/g, ""));
        for (const t of m.targets) expect(text, `${g} ${m.path} ${t.text}`).toContain(t.text.replace(/\s+/g, ""));
      }
    }
  });
});

describe("evaluation on the seeds", () => {
  it("scores F1 >= 0.95 on every field", async () => {
    const { report, unmatched } = await evaluateFolders(GOLD, CORPUS);
    expect(unmatched).toEqual([]);
    process.stdout.write(`${formatReport(report).split("\n").slice(0, 1 + FIELDS.length).join("\n")}\n`);
    for (const f of FIELDS) expect(report.fields[f].f1, `${f}\n${formatReport(report)}`).toBeGreaterThanOrEqual(0.95);
    expect(report.metadata).toEqual([]);
  });

  it("the scorer counts misses and false hits", () => {
    const gold = GoldDocument.parse({ measures: [{ path: "一", units: [{ role: "lead", name: "市财政局", canonical: "攀枝花市财政局" }], deadlines: [], targets: [] }, { path: "二" }] });
    const got = {
      id: "0123456789abcdef", source: "x", format: "txt" as const, title: null, docNumber: null, issuer: null,
      region: { province: null, city: null, county: null }, issuedDate: null, publishedDate: null,
      measures: [
        { id: "a", path: "一", title: null, text: "", units: [{ role: "coop" as const, name: "市财政局", canonical: "攀枝花市财政局" }], deadlines: [], targets: [] },
        { id: "b", path: "三", title: null, text: "", units: [], deadlines: [], targets: [] },
      ],
    };
    const r = scoreDocuments([{ name: "t", gold, got }]);
    expect(r.fields.paths).toMatchObject({ tp: 1, fp: 1, fn: 1 });
    expect(r.fields.unitsByName).toMatchObject({ tp: 0, fp: 1, fn: 1, f1: 0 });
    expect(formatReport(r)).toMatch(/漏报  t  单位（按名称）  一  lead 市财政局/);
  });

  it("cli eval prints the table and one line per finding", () => {
    const r = spawnSync("npm", ["run", "--silent", "cli", "--", "eval", "--gold", GOLD, "--corpus", CORPUS, "--min-f1", "0.95"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^字段/);
    for (const name of ["措施路径", "单位（按名称）", "单位（按规范名）", "完成时限", "量化目标"]) expect(r.stdout).toContain(name);
  });
});
