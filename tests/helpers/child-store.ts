// A child process that opens a store and runs a piece of TypeScript: a write killed midway, two
// processes migrating one database at once (tests/store-engines, tests/store-postgres).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { StoreTarget } from "../../index/store/engine.ts";
import { CORPUS, ROOT } from "./paths.ts";

/** A script in `dir` that opens the store at `target` and runs `body` (`s` is the store, `doc` 绵阳 2022 ready to ingest). */
export function childScript(dir: string, target: StoreTarget, body: string): string {
  const file = join(dir, `child-${Math.random().toString(36).slice(2)}.mts`);
  writeFileSync(
    file,
    `import { openStore } from ${JSON.stringify(join(ROOT, "index/store/engine.ts"))};
     import { extractFile } from ${JSON.stringify(join(ROOT, "tests/helpers/extract.ts"))};
     const s = openStore(${JSON.stringify(target)});
     const doc = await extractFile(${JSON.stringify(join(CORPUS, "mianyang-2022-jinrong-shitiao.txt"))}, "m.txt");
     ${body}`,
  );
  return file;
}
