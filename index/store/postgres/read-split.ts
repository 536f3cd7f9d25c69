// DATABASE_READ_URL: the reads that need the database go to a streaming standby, everything else (writes,
// task progress, which is read and written in one transaction) to the primary. The change position the
// index follows is the standby's too, so the index never records a position whose documents it has not
// read; the replica's listener (on the primary) looks again until the standby has replayed the head.
import type { StoreEngine } from "../engine.ts";

/** The methods answered by the standby: reads only. Anything not named here goes to the primary. */
const READS = new Set<string>([
  "documentCount", "listDocuments", "findDocuments", "findByDocNumber", "getDocument", "correctionsOf", "originalFile", "getTexts",
  "measuresOf", "getMeasure", "getMeasures", "measureIdsContaining", "documentIds", "unitNames", "ocrQuality", "documentFacts", "changes", "dataVersion", "snapshot",
]);

/** A store whose reads come from `standby` and whose writes go to `primary`; closing closes both. */
export function splitReads(primary: StoreEngine, standby: StoreEngine): StoreEngine {
  return new Proxy(primary, {
    get(target, prop) {
      if (prop === "close")
        return () => {
          primary.close();
          standby.close();
        };
      if (prop === "readsFrom") return "standby";
      const from = typeof prop === "string" && READS.has(prop) ? standby : target;
      const v = Reflect.get(from, prop, from);
      return typeof v === "function" ? v.bind(from) : v;
    },
  });
}
