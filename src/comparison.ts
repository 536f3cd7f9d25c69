// Cross-city comparison for the service: the similarity index and its topics, rebuilt when the store changes.
import { SimilarityIndex } from "../index/similarity.ts";
import { buildTopics, topicById, type Topic } from "../index/topics.ts";
import { compareMeasure, compareQuery, compareTopic, type ComparisonTable } from "../index/compare.ts";
import type { Store } from "../index/store.ts";

export class Comparison {
  private index: SimilarityIndex;
  private topicList: Topic[] | null = null;

  constructor(private readonly store: Store) {
    this.index = SimilarityIndex.fromStore(store);
  }

  /** Rebuild after an ingest (the real corpus takes well under a second). */
  refresh(): void {
    this.index = SimilarityIndex.fromStore(this.store);
    this.topicList = null;
  }

  similar(measureId: string, limit: number, excludeSameDoc: boolean) {
    if (!this.index.entry(measureId)) return null;
    const { copies, similar } = this.index.related(measureId, { limit, excludeSameDoc });
    return { measureId, similar, copies };
  }

  topics(): Topic[] {
    this.topicList ??= buildTopics(this.index);
    return this.topicList;
  }

  topic(id: string): { topic: Topic; comparison: ComparisonTable } | null {
    const t = topicById(this.topics(), id);
    return t ? { topic: t, comparison: compareTopic(this.index, t) } : null;
  }

  compareText(q: string): ComparisonTable {
    return compareQuery(this.index, q);
  }

  compareMeasure(id: string): ComparisonTable | null {
    return compareMeasure(this.index, id);
  }
}

/** Topic as listed: without the measures' full texts. */
export function topicSummary(t: Topic) {
  return {
    id: t.id,
    name: t.name,
    terms: t.terms,
    measureCount: t.measures.length,
    places: t.places.map((p) => ({ name: p.place.name, fullName: p.place.fullName, count: p.measureIds.length })),
    missingPlaces: t.missingPlaces.map((p) => p.name),
  };
}
