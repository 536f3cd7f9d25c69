// The comparison worker (ComparisonService in comparison.ts): one similarity index per data directory,
// built from the store on first use and rebuilt when the store's change counter has moved since, so
// writes by any process are seen before the next answer.
import { openStore, type StoreEngine as Store } from "../../index/store/engine.ts";
import { Comparison, documentVersion, type ComparisonTask } from "./comparison.ts";

const held = new Map<string, { store: Store; comparison: Comparison; version: string }>();

/** Moves with document writes only, by any process (comparison.ts documentVersion): task progress does not rebuild the index. */
const versionOf = documentVersion;

function comparisonOf(dataDir: string, databaseUrl?: string): Comparison {
  const key = databaseUrl ?? dataDir;
  let h = held.get(key);
  if (!h) {
    const store = openStore({ dataDir, databaseUrl });
    const version = versionOf(store);
    held.set(key, (h = { store, comparison: new Comparison(store), version }));
    return h.comparison;
  }
  const version = versionOf(h.store);
  if (version !== h.version) {
    h.comparison.refresh();
    h.version = version;
  }
  return h.comparison;
}

export default function answer(task: ComparisonTask): unknown {
  const c = comparisonOf(task.dataDir, task.databaseUrl);
  switch (task.op) {
    case "warm":
      return undefined;
    case "similar":
      return c.similar(task.id, task.limit, task.excludeSameDoc, task.offset, task.focus);
    case "topicList":
      return c.topicList();
    case "topicDetail":
      return c.topicDetail(task.id);
    case "compareText":
      return c.compareText(task.q);
    case "compareMeasure":
      return c.compareMeasure(task.id);
    case "exportFile":
      return c.exportFile(task.subject, task.format);
  }
}
