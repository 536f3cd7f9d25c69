// Task progress in the store, without the HTTP service: ids and progress survive a restart and a
// re-ingest, a bad change in a batch changes nothing; on both engines, a correction renaming units
// carries tasks over to their new ids, and the comparison worker ignores task writes.
import { describe, expect, it, vi } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Store } from "../index/store/store.ts";
import { collectFiles, emptyReport, ingestFile } from "../src/documents/ingest.ts";
import { documentTasks } from "../src/exports/index.ts";
import { CORPUS } from "./helpers/paths.ts";
import { testEngines } from "./helpers/engines.ts";
import { openStore } from "../index/store/engine.ts";
import { ingestBuffer } from "../src/documents/ingest.ts";
import { taskSlots } from "../index/store/task-match.ts";
import { Comparison } from "../src/comparison/comparison.ts";
import compareAnswer from "../src/comparison/worker.ts";

const { engines } = await testEngines();

describe("task store", () => {
  it("progress and ids survive a restart and a re-ingest of the same document; a bad change in a batch changes nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-tasks-"));
    try {
      const file = collectFiles([CORPUS]).files.find((f) => f.includes("mianyang"))!;
      let store = new Store(join(dir, "data"));
      await ingestFile(store, file, emptyReport());
      const ctx = () => ({ progress: store.tasks().all(), asOf: "2022-06-01", yellowDays: 15 });
      const docs = () => store.listDocuments().map((d) => store.getDocument(d.id)!);
      const before = documentTasks(docs(), ctx());
      const t = before.find((x) => x.path === "二/(二)/5")!;
      store.tasks().apply([{ task: t, status: "推进中", note: "已起草" }], "张三", "api");
      store.close();

      store = new Store(join(dir, "data"));
      const report = emptyReport();
      await ingestFile(store, file, report);
      expect(report.unchanged.length).toBe(1);
      const after = documentTasks(docs(), ctx());
      expect(after.map((x) => x.id)).toEqual(before.map((x) => x.id));
      expect(after.find((x) => x.id === t.id)).toMatchObject({ status: "推进中", note: "已起草", updatedBy: "张三" });

      const snapshot = store.tasks().snapshot();
      const other = after.find((x) => x.path === "二/(四)/12")!;
      expect(() => store.tasks().apply([{ task: other, status: "已完成" }, { task: t, status: "搞定" as never }], "李四", "import")).toThrow();
      expect(() => store.tasks().apply([{ task: other, note: "长".repeat(5000) }], "李四", "import")).toThrow(/过长/);
      expect(store.tasks().snapshot()).toBe(snapshot);
      expect(store.tasks().history(t.id).map((h) => h.editor)).toEqual(["张三"]);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.each(engines)("on $name", (engine) => {
  const MIANYANG = join(CORPUS, "mianyang-2022-jinrong-shitiao.txt");

  it("a correction that renames the units carries each task over to its new id: status, note, history; the old id points to it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-rename-"));
    const store = openStore(await engine.target(dir));
    try {
      const { id } = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
      const before = taskSlots(id, store.measuresOf(id)).filter((s) => s.unit);
      const [a, b] = [before.find((s) => s.unit === "市财政局")!, before.find((s) => s.unit !== "市财政局")!];
      expect(a && b).toBeTruthy();
      const task = (s: typeof a) => ({ id: s.id, docId: id, measureId: s.measure.id, unit: s.unit });
      store.tasks().apply([{ task: task(a), status: "推进中", note: "已起草细则" }], "张三", "api");
      store.tasks().apply([{ task: task(a), note: "已报审" }, { task: task(b), status: "已完成", completedOn: "2022-05-01" }], "李四", "import");
      // The region corrected: canonical unit names, and with them the tasks' ids, change.
      store.setCorrections(id, { region: { province: "云南省", city: "昆明市", county: null } }, "王五");
      const after = taskSlots(id, store.measuresOf(id));
      const now = (s: typeof a) => after.find((x) => x.measure.id === s.measure.id && x.unit === s.unit)!;
      expect(now(a).id).not.toBe(a.id);
      const tasks = store.tasks();
      for (const [old, want] of [[a, { status: "推进中", note: "已报审", updatedBy: "李四" }], [b, { status: "已完成", completedOn: "2022-05-01" }]] as const) {
        expect(tasks.get(old.id)).toBeNull();
        expect(tasks.movedTo(old.id)).toBe(now(old).id);
        expect(tasks.removed(old.id)).toBeNull();
        expect(tasks.get(now(old).id)).toMatchObject({ ...want, docId: id, measureId: old.measure.id, unit: old.unit });
      }
      expect(tasks.history(now(a).id).map((h) => [h.editor, h.note])).toEqual([["张三", "已起草细则"], ["李四", "已报审"]]);
      expect(tasks.history(now(b).id).map((h) => h.status)).toEqual(["已完成"]);
      // The correction undone: back to the first ids, every id pointing to them, nothing recorded as removed.
      store.setCorrections(id, { region: null }, "王五");
      expect(tasks.get(a.id)).toMatchObject({ status: "推进中", note: "已报审" });
      expect(tasks.history(a.id)).toHaveLength(2);
      expect([tasks.movedTo(now(a).id), tasks.movedTo(a.id), tasks.removed(now(a).id)]).toEqual([a.id, null, null]);
      // A correction that renames nothing (the title) moves nothing.
      const snapshot = tasks.snapshot();
      store.setCorrections(id, { title: "更正后的标题" }, "王五");
      expect(tasks.snapshot()).toBe(snapshot);
    } finally {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the comparison worker rebuilds after a document write, not after task progress (a task entry in the change log on PostgreSQL)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "policy-cmp-version-"));
    const target = await engine.target(dir);
    const store = openStore(target);
    const rebuilt = vi.spyOn(Comparison.prototype, "refresh");
    try {
      const { id } = await ingestBuffer(store, readFileSync(MIANYANG), "corpus/m.txt");
      const ask = (op: "warm" | "topicList") => compareAnswer({ op, dataDir: target.dataDir!, databaseUrl: target.databaseUrl });
      ask("warm");
      const s = taskSlots(id, store.measuresOf(id)).find((x) => x.unit)!;
      const position = store.changes();
      store.tasks().apply([{ task: { id: s.id, docId: id, measureId: s.measure.id, unit: s.unit }, status: "推进中" }], "张三", "api");
      if (engine.name === "PostgreSQL") expect(store.changes()).toBeGreaterThan(position!); // logged for the replicas
      ask("topicList");
      expect(rebuilt).not.toHaveBeenCalled();
      store.setCorrections(id, { title: "对比索引版本测试" }, "王五");
      ask("topicList");
      expect(rebuilt).toHaveBeenCalledTimes(1);
      ask("topicList");
      expect(rebuilt).toHaveBeenCalledTimes(1);
    } finally {
      rebuilt.mockRestore();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
