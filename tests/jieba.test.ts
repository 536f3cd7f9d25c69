// The lean jieba addon (index/native/jieba) cuts exactly as nodejieba does: same dictionaries, same
// words added, on real documents' text, in every mode the project uses.
import { describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LEAN_JIEBA_PATH, jiebaAddon } from "../index/search/jieba.ts";
import { CORPUS, CORPUS_EXTRA } from "./helpers/paths.ts";

type Binding = {
  load(dict: string, hmm: string, user: string, idf: string, stop: string): boolean;
  cut(s: string, hmm?: boolean): string[];
  cutAll(s: string): string[];
  tag(s: string): { word: string; tag: string }[];
  insertWord(w: string, tag?: string): boolean;
};

describe.skipIf(process.env.POLICY_NATIVE === "0")("lean jieba", () => {
  it("is built by npm install and used", () => {
    expect(jiebaAddon, "index/native/jieba 未编译：运行 npm run build:native").toBe("lean");
  });

  it("cuts, cuts all, tags and takes new words exactly as nodejieba", () => {
    const require = createRequire(import.meta.url);
    const lean = require(LEAN_JIEBA_PATH) as Binding;
    const stock = require("nodejieba/build/Release/nodejieba.node") as Binding;
    const d = require("nodejieba") as Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), "policy-jieba-"));
    try {
      const user = join(dir, "user.txt");
      writeFileSync(user, "风险补偿金 2000 n\n科技支行 2000 n\n银保监 2000 n\n");
      const [idf, stop] = [join(dir, "idf.txt"), join(dir, "stop.txt")];
      writeFileSync(idf, "的 1.0\n");
      writeFileSync(stop, "的\n");
      for (const b of [lean, stock]) expect(b.load(d.DEFAULT_DICT, d.DEFAULT_HMM_DICT, user, idf, stop)).toBe(true);
      const texts = [
        ...readdirSync(CORPUS).map((f) => join(CORPUS, f)),
        ...readdirSync(CORPUS_EXTRA).filter((f) => f.endsWith(".txt")).slice(0, 6).map((f) => join(CORPUS_EXTRA, f)),
      ].map((f) => readFileSync(f, "utf8"));
      const lines = texts.flatMap((t) => t.split(/\n+/)).filter((l) => l.trim()).slice(0, 3000);
      expect(lines.length).toBeGreaterThan(500);
      const same = (label: string) => {
        for (const l of lines) {
          expect(lean.cut(l), `${label} cut ${l}`).toEqual(stock.cut(l));
          expect(lean.cut(l, true), `${label} cut+HMM ${l}`).toEqual(stock.cut(l, true));
          expect(lean.cutAll(l), `${label} cutAll ${l}`).toEqual(stock.cutAll(l));
          expect(lean.tag(l), `${label} tag ${l}`).toEqual(stock.tag(l));
        }
      };
      same("loaded");
      // Words added later (unit names found in documents), with and without a tag.
      for (const [w, tag] of [["市地方金融监管局", undefined], ["知识产权质押融资", "n"], ["投贷联动试点", "x"]] as const) {
        expect(tag === undefined ? lean.insertWord(w) : lean.insertWord(w, tag)).toBe(tag === undefined ? stock.insertWord(w) : stock.insertWord(w, tag));
      }
      same("words added");
      expect(lean.cut("由市地方金融监管局牵头")).toContain("市地方金融监管局");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("loads on another thread: words added meanwhile are queued, a cut made meanwhile waits, the cuts are the same", async () => {
    const require = createRequire(import.meta.url);
    const lean = require(LEAN_JIEBA_PATH) as Binding & { loadAsync(...p: string[]): Promise<boolean> };
    const stock = require("nodejieba/build/Release/nodejieba.node") as Binding;
    const d = require("nodejieba") as Record<string, string>;
    const dir = mkdtempSync(join(tmpdir(), "policy-jieba-"));
    try {
      const [user, idf, stop] = ["user.txt", "idf.txt", "stop.txt"].map((f) => join(dir, f));
      writeFileSync(user, "科技支行 2000 n\n");
      writeFileSync(idf, "的 1.0\n");
      writeFileSync(stop, "的\n");
      stock.load(d.DEFAULT_DICT, d.DEFAULT_HMM_DICT, user, idf, stop);
      const text = readFileSync(join(CORPUS, readdirSync(CORPUS)[0]), "utf8").split(/\n+/).slice(0, 200).join("");
      // A cut made while it builds waits for it.
      const built = lean.loadAsync(d.DEFAULT_DICT, d.DEFAULT_HMM_DICT, user, idf, stop);
      expect(lean.insertWord("市地方金融监管局")).toBe(true); // queued
      stock.insertWord("市地方金融监管局");
      expect(lean.cut(text)).toEqual(stock.cut(text));
      expect(lean.cut("由市地方金融监管局牵头")).toContain("市地方金融监管局");
      await expect(built).resolves.toBe(true);
      // Settled before any cut: the same.
      const again = lean.loadAsync(d.DEFAULT_DICT, d.DEFAULT_HMM_DICT, user, idf, stop);
      lean.insertWord("市地方金融监管局");
      await again;
      expect(lean.cutAll(text)).toEqual(stock.cutAll(text));
      expect(lean.tag(text)).toEqual(stock.tag(text));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("says what is wrong with a call it cannot take, instead of crashing", () => {
    const lean = createRequire(import.meta.url)(LEAN_JIEBA_PATH) as Binding;
    expect(() => lean.cut(42 as unknown as string)).toThrow("参数应为字符串");
    expect(() => lean.load("a", "b", "c", "d", undefined as never)).toThrow("参数应为字符串");
    expect(lean.cut("")).toEqual([]);
  });
});
