// Public types and tuning of the similarity index (similarity.ts).
import type { Measure } from "../../extract/schema.ts";
import type { DocRef } from "../schema.ts";

export interface SimilarityEntry {
  measure: Measure;
  doc: DocRef;
}

export interface SimilarHit {
  measure: Measure;
  document: DocRef;
  /** Similarity of the two feature vectors (cosine-like, about 0…1; pivoted normalisation can exceed 1 slightly). */
  score: number;
  /** The words both sides share, most telling first (as written in the hit's text). */
  sharedTerms: string[];
  /** True when the hit is a near-verbatim copy of the query measure (not a discovery). */
  nearDuplicate: boolean;
  /** Character-shingle overlap with the query measure: max(Jaccard, containment), 0…1. */
  overlap: number;
}

export interface TextHit extends SimilarHit {
  /** Share of the query's weight that the hit covers, 0…1 (short queries: the better relevance cut). */
  coverage: number;
}

/**
 * What "similar" favours. area (the default): the same policy area, as the labelled topic groups test
 * (smoothed across the best hits' own neighbours); instrument: the same narrow instrument inside a field,
 * as the labelled seed pairs test (风险补偿 / 科技保险 within 科技金融; little smoothing).
 */
export const SIMILAR_FOCI = ["area", "instrument"] as const;
export type SimilarFocus = (typeof SIMILAR_FOCI)[number];

export interface SimilarOptions {
  /** What to favour (default "area"; see SimilarFocus). */
  focus?: SimilarFocus;
  /** Number of hits (default 10). */
  limit?: number;
  /** Leave out measures of the query's own document (default true). */
  excludeSameDoc?: boolean;
  /** Leave out measures of documents with the same (non-empty) region as the query's document (default false). */
  excludeSameRegion?: boolean;
  /** Leave out near-verbatim copies (default false: they are returned, flagged). */
  excludeCopies?: boolean;
  /** Minimum score (default 0). */
  minScore?: number;
  /** Hits from one document at most (default 3), so that one long plan on the subject does not fill the list. */
  maxPerDocument?: number;
}

/** Similar measures a reader can page through, best first (GET /api/measures/:id/similar pages within them). */
export const SIMILAR_MAX = 100;

export interface TextOptions {
  limit?: number;
  minScore?: number;
  /** Minimum coverage of the query's weight (default 0). */
  minCoverage?: number;
  /** Hits from one document at most (default: no limit). */
  maxPerDocument?: number;
}

/** The measures most like one measure, split into copies and discoveries. */
export interface Related {
  copies: SimilarHit[];
  similar: SimilarHit[];
}

export interface TuningOptions {
  titleWeight: number;
  /** Weight of the title channel (h:): words and terms of a title matched against other titles only. */
  titleMatchWeight: number;
  /** Weight of a dictionary word found inside a longer word, relative to a word of the text. */
  subwordWeight: number;
  bigramWeight: number;
  /** Weight of a policy concept (index/data/metric-columns.json) named in the measure. */
  conceptWeight: number;
  /** Weight of a curated topic term or synonym group (index/data/topic-terms.txt, synonyms.txt) named in any spelling. */
  termWeight: number;
  metricWeight: number;
  /**
   * Discount of a feature that most measures of the same document share (the document's theme, such as
   * 知识产权质押融资 in a plan on exactly that): at share 1 its weight is multiplied by 1 - themeDiscount.
   */
  themeDiscount: number;
  /** Hits from one document at most (default of SimilarOptions.maxPerDocument). */
  maxPerDocument: number;
  /**
   * Hits from one document up to this many (over maxPerDocument) where each further one's title names an
   * area of concept-groups.txt that the query's title names: a plan's chapter on the area holds several
   * measures on it, and natural topic groups gather there (NOTES.md, thirteenth round). Not used when
   * the caller sets SimilarOptions.maxPerDocument. 0: none.
   */
  maxPerDocumentSharedArea: number;
  /** Pivoted length normalisation of indexed vectors: 1 = cosine; lower favours longer measures. */
  pivotSlope: number;
  /** Features in more than this share of measures are dropped as corpus-wide boilerplate. */
  maxDfRatio: number;
  /** Query features used, heaviest first (bounds the cost of very long measures). */
  maxQueryFeatures: number;
  /** Similar measures: nearest measures whose features are added to the query (pseudo-relevance feedback; 0: none). */
  feedbackDocs: number;
  /** Weight of those neighbours' mean against the query's own vector. */
  feedbackWeight: number;
  /**
   * Similar measures: weight of the cosine of the two titles alone, added to the score (0: none). Members
   * of one policy are told by their titles; bodies drift into neighbouring instruments.
   */
  titleSimWeight: number;
  /**
   * Similar measures: the first hits are re-ranked with this weight times the cosine of the two measures'
   * latent rows (LSA over the corpus, latent.ts; 0: none), of latentDims dimensions over the latentFeatures
   * most common features.
   */
  latentWeight: number;
  latentDims: number;
  latentFeatures: number;
  /**
   * Similar measures: weight of the cosine of the two titles' character n-grams (2 … titleGramMax; IDF
   * among titles, n-grams in more than titleGramMaxDf of the titles dropped), added to the score (0: none).
   */
  titleGramWeight: number;
  titleGramMax: number;
  titleGramMaxDf: number;
  /**
   * Title channels: a feature that many titles of the same document share (its theme: 人工智能 in every
   * title of an AI plan) is discounted as in themeDiscount; at share 1 × (1 - titleThemeDiscount).
   */
  titleThemeDiscount: number;
  /**
   * Similar measures, the concept channel: weight of the cosine of the policy-area concepts that two
   * measures' titles name in any spelling (index/data/concept-groups.txt: 技改 / 技术改造, 创新联合体 / 产业联盟 /
   * 产学研 …; IDF among the titles naming any), added to the score (0: none).
   */
  conceptChannelWeight: number;
  /**
   * The concept channel: weight of an area a title names only as the modifier of a longer word (创业 in
   * 创业投资, 试点 in 试点经验, 人才 in 人才中介; word-heads.ts), against 1 for an area named as a word, a word's
   * head or a run of words. Below 1 it counts less beside an area the title names in full (NOTES.md,
   * nineteenth round); a title's only area keeps its place whatever the weight.
   */
  conceptModifierWeight: number;
  /**
   * Similar measures, the title key-phrase channel (keyphrase.ts): weight of the shared key words of two
   * titles (IDF among titles, theme discounted, scaled by the largest weight of any title: a shared rare word
   * counts most; later words, the object's head, up to 1 + keyPhraseHeadBoost), added to the score (0: none).
   * Used only for a query whose title names no area of concept-groups.txt and no term of topic-terms.txt
   * (those lists know it better), and only in the first stage of the query (not the voters' lists).
   */
  keyPhraseWeight: number;
  keyPhraseHeadBoost: number;
  /**
   * Similar measures, neighbours' votes: each of the voteNeighbours best hits lists its own voteDepth
   * nearest measures, and a hit is raised by voteWeight times the mean of its relative score in those
   * lists (0: none). A vote for a broad measure (near the corpus centroid) counts less, by
   * ((1 - cos) / (1 - mean cos))^voteBreadthPower where its cosine with the centroid is above the mean.
   */
  voteNeighbours: number;
  voteDepth: number;
  voteWeight: number;
  voteBreadthPower: number;
  /**
   * Neighbours' votes: where the query's title names an area of concept-groups.txt, the voters are the best
   * hits whose titles name it too, then the best others, so that the votes come from measures on the
   * query's area rather than from its body's neighbours (NOTES.md, seventeenth round). false: the best
   * hits, whatever they are titled.
   */
  voteSharedArea: boolean;
  /**
   * Similar measures: weight of the main channel (the whole text, with feedback) for a query whose title names
   * an area of concept-groups.txt and whose body says something beyond the title (words.ts hasOwnBody); 1 for
   * every other query. Below 1 the title channels outweigh the body where a title names what the measure is
   * about, since bodies drift into neighbouring instruments; a measure that is its title alone keeps 1, as
   * there the main channel is the title itself (NOTES.md, eighteenth round).
   */
  titledBodyWeight: number;
  /**
   * Query-time settings of focus "area" over the ones above (which are focus "instrument"): chosen on the
   * topic groups alone (groups.json + heldout.json, fourth round; + heldout2.json, fifth round: the concept
   * channel); the weights refitted in the eighth round by leave-one-set-out cross-validation over the seven
   * open sets (the same choice on every fold; seed pairs under area kept ≥ 0.71 / 0.81); tests/data/topic-groups/NOTES.md.
   */
  area: Partial<Pick<TuningOptions, FocusKey>>;
}

/** The settings a focus may change (all read at query time). */
export type FocusKey = "titledBodyWeight" | "voteNeighbours" | "voteDepth" | "voteWeight" | "voteBreadthPower" | "voteSharedArea" | "latentWeight" | "feedbackDocs" | "feedbackWeight" | "titleSimWeight" | "titleGramWeight" | "conceptChannelWeight" | "keyPhraseWeight" | "maxPerDocument" | "maxPerDocumentSharedArea";

export const DEFAULT_TUNING: TuningOptions = {
  titleWeight: 2,
  titleMatchWeight: 1,
  subwordWeight: 0.5,
  bigramWeight: 0.3,
  conceptWeight: 1,
  termWeight: 1,
  metricWeight: 1,
  themeDiscount: 0.6,
  maxPerDocument: 3,
  maxPerDocumentSharedArea: 0,
  pivotSlope: 0.75,
  maxDfRatio: 0.3,
  maxQueryFeatures: 96,
  feedbackDocs: 3,
  feedbackWeight: 0.5,
  titleSimWeight: 0.4,
  latentWeight: 0.4,
  latentDims: 32,
  latentFeatures: 50_000,
  titleGramWeight: 0.25,
  titleGramMax: 3,
  titleGramMaxDf: 0.3,
  titleThemeDiscount: 1,
  conceptChannelWeight: 0,
  conceptModifierWeight: 0.5,
  keyPhraseWeight: 0,
  keyPhraseHeadBoost: 2,
  voteNeighbours: 5,
  voteDepth: 20,
  voteWeight: 0.15,
  voteBreadthPower: 4,
  voteSharedArea: false,
  titledBodyWeight: 1,
  area: { voteWeight: 0.3, voteBreadthPower: 1, voteSharedArea: true, titleGramWeight: 0.5, conceptChannelWeight: 0.5, keyPhraseWeight: 0.3, latentWeight: 0.5, maxPerDocumentSharedArea: 10, titledBodyWeight: 0.7 },
};
