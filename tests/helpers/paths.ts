// Locations of the shared material and the repository's own corpus, for tests.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
export const SHARED = resolve(ROOT, "../shared");
export const SEEDS = join(SHARED, "seeds");
export const FIXTURES = join(SHARED, "fixtures");
export const CORPUS_EXTRA = join(SHARED, "corpus-extra");
export const CORPUS = join(ROOT, "corpus");
export const OWN_FIXTURES = join(ROOT, "tests/fixtures");

/** Seed prefix (000…004) → the readable name it has in corpus/. */
export const SEED_NAMES: Record<string, string> = {
  "000": "panzhihua-2017-keji-jinrong",
  "001": "mianyang-2022-jinrong-shitiao",
  "002": "shanxi-2018-keji-jinrong",
  "003": "panzhihua-2016-zhishichanquan-zhiya",
  "004": "pingyang-2024-keji-jinrong",
};

export function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith(".")).sort() : [];
}
