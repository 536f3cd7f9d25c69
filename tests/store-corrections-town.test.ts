// A correction re-qualifies a document's units as extraction does (review of session 30): a town's own bare offices stay as
// written (unit-canonical.ts townDocument: the issuer a 镇 government, or no issuer and a text saying 我镇 …). The stores'
// recanonicalisation left the town out, so correcting only the title of 闵吴府发〔2021〕 吴泾镇 建筑垃圾 (unseen13d) turned its
// 动迁办, 房管办 … into 闵行区动迁办 …, and undoing the correction did not bring them back; 浦江镇 2021 (unseen14a, no issuer) the same
// with 平安建设办. On both engines (PostgreSQL where the machine can start one).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore, type StoreEngine } from "../index/store/engine.ts";
import { MetadataPatch } from "../index/store/overrides.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { testEngines } from "./helpers/engines.ts";

const DATA = join(import.meta.dirname, "data");
const WUJING = join(DATA, "unseen13d", "shanghai-minhang-wujing-2021-jianzhu-laji-zhili-tongzhi.txt");
const PUJIANG = join(DATA, "unseen14a", "shanghai-minhang-pujiang-2021-xiane-yixia-xiaoxing-jianshe-gongcheng-guanli-shishi-yijian.txt");

const { engines } = await testEngines();
let dir: string;
let store: StoreEngine;
const canonicals = (id: string) => [...new Set(store.measuresOf(id).flatMap((m) => m.units.map((u) => `${u.name}=>${u.canonical}`)))].sort();

describe.each(engines)("corrections of a town's document on $name", (engine) => {
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "policy-town-"));
    store = openStore(await engine.target(dir));
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["吴泾镇 (issuer 闵行区吴泾镇人民政府)", WUJING, "房管办=>房管办"],
    ["浦江镇 (no issuer, 结合我镇实际)", PUJIANG, "平安建设办=>平安建设办"],
  ])("%s: its bare offices stay as written after a title correction and its undoing", async (_, file, office) => {
    const a = await ingestBuffer(store, readFileSync(file), `tests/${file.split("/").pop()}`);
    const extracted = canonicals(a.id);
    expect(extracted).toContain(office);
    store.setCorrections(a.id, MetadataPatch.parse({ title: "更正后的标题" }), "测试");
    expect(canonicals(a.id)).toEqual(extracted);
    store.setCorrections(a.id, MetadataPatch.parse({ title: null }), "测试");
    expect(canonicals(a.id)).toEqual(extracted);
  });
});
