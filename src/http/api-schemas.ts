// Response and request schemas of the HTTP API (source of truth for validation and the OpenAPI document).
import { z } from "zod";
import { Deadline, DocFormat, Measure, PolicyDocument, Region, UnitRole, isoDate } from "../../extract/schema.ts";
import { DocRef } from "../../index/schema.ts";
import { CORRECTABLE, hasSomeField, MetadataFields, NOTHING_TO_CORRECT } from "../../index/store/overrides.ts";
import { DOCUMENT_SORTS } from "../../index/store/find.ts";
import { OcrQuality } from "../../extract/loaders/ocr-quality.ts";
import { DocumentLibraryFacts, Unplaced } from "../../index/library/library.ts";
import { SIMILAR_FOCI, SIMILAR_MAX } from "../../index/similar/types.ts";

export const ErrorBody = z.object({ error: z.string() }).meta({ id: "Error" });

export const Health = z.object({
  status: z.enum(["ok", "starting"]),
  documents: z.number().int().optional(),
  engine: z.enum(["sqlite", "postgres"]).optional().meta({ description: "存储引擎" }),
  changes: z
    .object({
      position: z.number().int().nullable().meta({ description: "变更日志的最新位置" }),
      applied: z.number().int().nullable().meta({ description: "本副本索引已应用到的位置" }),
      lagEntries: z.number().int().nullable().meta({ description: "尚未应用的变更条数" }),
      lagMs: z.number().int().nullable().meta({ description: "最早一条未应用变更的时长，毫秒" }),
      appliedAt: z.string().nullable().meta({ description: "最近一次应用变更的时间" }),
    })
    .optional(),
  readOnly: z.string().nullable().optional().meta({ description: "拒绝写入的原因（只读、磁盘已满、数据库连接中断），可写时为 null" }),
  degraded: z.string().nullable().optional().meta({ description: "降级原因（数据库连接中断时只从内存提供检索），正常时为 null" }),
  standby: z
    .object({ position: z.number().int().nullable(), lagEntries: z.number().int().nullable(), replayLagMs: z.number().int().nullable(), error: z.string().optional() })
    .optional()
    .meta({ description: "读库（DATABASE_READ_URL 备库）已回放到的位置与延迟" }),
});

/** Metadata as extraction read it (beside the corrected values in a document's answer). */
export const ExtractedMetadata = z.object({
  title: z.string().nullable(),
  docNumber: z.string().nullable(),
  issuer: z.string().nullable(),
  region: Region,
  issuedDate: z.string().nullable(),
  publishedDate: z.string().nullable(),
});

/** A document without a place: 国家层面 or 地区未识别, as the region facet counts it (src/documents/scope.ts). */
const DocScope = z.enum(["国家层面", "地区未识别"]).optional().meta({ description: "没有地区的文件：国家层面或地区未识别（与地区分面一致）" });

export const DocumentSummary = z
  .object({
    id: z.string(),
    source: z.string(),
    format: z.string(),
    ...ExtractedMetadata.shape,
    measureCount: z.number().int(),
    corrected: z.boolean(), // some metadata corrected by a person (the values above are the corrected ones)
    status: z.enum(["现行", "已到期", "已被替代"]).nullable().optional().meta({ description: "效力（文件列表中给出）" }),
    scope: DocScope,
  })
  .meta({ id: "DocumentSummary" });

export const DocumentList = z.object({ total: z.number().int(), documents: z.array(DocumentSummary) });

const OutlineEntry = z.object({ path: z.string(), heading: z.string(), depth: z.number().int(), measure: z.boolean() });

export const Corrections = z.object({ fields: z.array(z.enum(CORRECTABLE)), updatedBy: z.string(), updatedAt: z.string() });

export const DocumentDetail = PolicyDocument.extend({
  format: DocFormat,
  measureCount: z.number().int(),
  parts: z.object({ preamble: z.string(), closing: z.string(), outline: z.array(OutlineEntry) }),
  extracted: ExtractedMetadata,
  corrections: Corrections.nullable(), // null: nothing corrected
  ocr: OcrQuality.nullable().meta({ description: "经文字识别（OCR）读出的页、置信度与低置信度行；null：没有经 OCR 读出的页" }),
  scope: DocScope,
  ...DocumentLibraryFacts.partial().shape, // validity (现行/已到期/已被替代 with reason), cites, citedBy
}).meta({ id: "DocumentDetail" });

/** Query of GET /api/documents. */
export const DocumentsQuery = z.object({
  q: z.string().max(200, "查询过长（上限 200 字）").optional().meta({ description: "标题、文号（任意括号写法，空格不计）、发文机关或文件名中的文字（未识别标题的文件以文件名列出）" }),
  issuer: z.string().max(100).optional().meta({ description: "发文机关（包含）" }),
  province: z.string().max(50).optional(),
  city: z.string().max(50).optional(),
  county: z.string().max(50).optional(),
  from: isoDate.optional().meta({ description: "成文（否则发布）日期不早于" }),
  to: isoDate.optional().meta({ description: "成文（否则发布）日期不晚于" }),
  status: z.enum(["现行", "已到期", "已被替代"], { error: "应为 现行、已到期 或 已被替代" }).optional(),
  sort: z.enum(DOCUMENT_SORTS, { error: "应为 date（新到旧）、date-asc（旧到新）或 title" }).default("date"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** Body of PATCH /api/documents/:id: the fields to correct (null removes a correction) and who corrects. */
export const DocumentPatch = z
  .object({ ...MetadataFields, editor: z.string().trim().min(1).max(50, "editor 过长（上限 50 字）").optional().meta({ description: "更正人（记入更正记录）" }) })
  .strict()
  .refine(hasSomeField, { message: NOTHING_TO_CORRECT })
  .meta({ id: "DocumentPatch" });

export const DeleteResult = z.object({ deleted: z.literal(true), id: z.string() });

export const MeasureDetail = z
  .object({ measure: Measure, document: DocRef, context: z.array(OutlineEntry), validity: DocumentLibraryFacts.shape.validity.nullable().optional() })
  .meta({ id: "MeasureDetail" });

export const DocIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, "文件编号应为 16 位十六进制") });
export const MeasureIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{16}:.{1,200}$/, "措施编号应为 <文件编号>:<路径>") });

export const UnitSummary = z
  .object({
    name: z.string(), // canonical name as most documents write it
    key: z.string(), // alias-independent key
    names: z.array(z.string()), // spellings seen in the corpus
    count: z.number().int(), // measures naming the unit
    lead: z.number().int(),
    coop: z.number().int(),
    responsible: z.number().int(),
  })
  .meta({ id: "UnitSummary" });

export const UnitsQuery = z.object({ q: z.string().max(80).default(""), province: z.string().max(50).optional(), city: z.string().max(50).optional(), role: UnitRole.optional(), limit: z.coerce.number().int().min(1).max(500).default(50), offset: z.coerce.number().int().min(0).max(100000).default(0) });
/** Documents without a place, to correct; an untitled one carries its file name. */
const UnplacedNamed = Unplaced.extend({ documents: z.array(Unplaced.shape.documents.element.extend({ fileName: z.string().optional() })) });
export const UnitList = z.object({ total: z.number().int(), units: z.array(UnitSummary), unplaced: UnplacedNamed.optional() }); // unplaced: documents without a place, to correct

const UnitDuty = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string().nullable(),
  roles: z.array(UnitRole), // the unit's roles in this measure
  deadlines: z.array(Deadline),
});
export const UnitDetail = z
  .object({
    query: z.string(),
    units: z.array(UnitSummary), // the units the name matched (one per region-qualified key)
    total: z.number().int(), // measures found
    documents: z.array(z.object({ document: DocRef, measures: z.array(UnitDuty) })),
  })
  .meta({ id: "UnitDetail" });

export const UploadResult = z.object({
  status: z.enum(["added", "replaced", "unchanged", "duplicate"]),
  id: z.string(),
  title: z.string().nullable(),
  measureCount: z.number().int(),
  existingSource: z.string().optional(),
});

// ------------------------------------------------------------------ comparison (similar measures, topics)

export const SimilarQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
  offset: z.coerce.number().int().min(0).max(SIMILAR_MAX - 1).default(0).meta({ description: `跳过的条数（相似措施按相似度排出，至多 ${SIMILAR_MAX} 条可翻阅）` }),
  excludeSameDoc: z.enum(["true", "false", "1", "0"]).default("true").transform((v) => v === "true" || v === "1"),
  focus: z
    .enum(SIMILAR_FOCI, { error: "应为 area（同一政策领域）或 instrument（同一政策工具）" })
    .default("area")
    .meta({ description: "相似的含义：area 同一政策领域（默认，同一政策方向的各类措施），instrument 同一政策工具（如风险补偿、科技保险，更窄）" }),
});

const SimilarHitBody = z.object({
  measure: Measure,
  document: DocRef,
  score: z.number(),
  sharedTerms: z.array(z.string()),
  nearDuplicate: z.boolean(), // a near-verbatim copy, not a discovery
  overlap: z.number(),
});
export const SimilarList = z
  .object({
    measureId: z.string(),
    focus: z.enum(SIMILAR_FOCI), // what "similar" favoured (the query's focus)
    similar: z.array(SimilarHitBody), // this page of the ranked similar measures
    copies: z.array(SimilarHitBody), // near-verbatim copies, all of them on every page
    total: z.number().int().meta({ description: `可翻阅的相似措施总数（按相似度排出，至多 ${SIMILAR_MAX} 条；不含 copies）` }),
    limit: z.number().int(),
    offset: z.number().int(),
  })
  .meta({ id: "SimilarList" });

const PlaceBody = z.object({ key: z.string(), name: z.string(), fullName: z.string(), level: z.string(), region: Region });
export const TopicSummary = z
  .object({
    id: z.string(),
    name: z.string(), // the policy term: 风险补偿, 科技支行 …
    curated: z.boolean(), // from index/data/topic-terms.txt (else a frequent noun phrase)
    terms: z.array(z.string()),
    measureCount: z.number().int(),
    places: z.array(z.object({ name: z.string(), fullName: z.string(), count: z.number().int() })),
    missingPlaces: z.array(z.string()), // places of the corpus without a measure on the topic
  })
  .meta({ id: "TopicSummary" });
export const TopicList = z.object({ topics: z.array(TopicSummary), unplaced: UnplacedNamed.optional() });

const ComparisonValueBody = z.object({ measureId: z.string(), path: z.string(), text: z.string(), comparator: z.string(), min: z.number().nullable(), max: z.number().nullable(), unit: z.string(), relative: z.boolean(), appliesTo: z.string().nullable(), display: z.string() });
const MeasureRefBody = z.object({ id: z.string(), path: z.string(), title: z.string() }); // full text: GET /api/measures/:id
const RowFigureBody = z.object({ display: z.string(), text: z.string(), columnId: z.string().nullable() });
const RowMeasureBody = z.object({ measure: MeasureRefBody, document: DocRef, score: z.number(), sharedTerms: z.array(z.string()), nearDuplicate: z.boolean(), leadUnits: z.array(z.string()), coopUnits: z.array(z.string()), deadlines: z.array(Deadline), excerpt: z.string(), figures: z.array(RowFigureBody) });
export const ComparisonTableBody = z
  .object({
    subject: z.object({ kind: z.enum(["topic", "measure", "query"]), id: z.string().nullable(), label: z.string(), terms: z.array(z.string()) }),
    matchedBy: z.enum(["terms", "similarity"]), // terms: the topics' matcher; similarity: measures like the subject
    columns: z.array(z.looseObject({ id: z.string(), label: z.string(), primary: z.boolean() })),
    rows: z.array(
      RowMeasureBody.extend({
        place: PlaceBody,
        titleHtml: z.string().nullable(), // shared words in <mark>
        html: z.string(), // the excerpt, shared words in <mark>
        cells: z.record(z.string(), z.object({ status: z.enum(["value", "unquantified", "absent"]), display: z.string(), values: z.array(ComparisonValueBody) })),
        others: z.array(RowMeasureBody), // at most 5, best first
        measureCount: z.number().int(), // all of the place's matching measures (the topics page's count)
      }),
    ),
    missingPlaces: z.array(PlaceBody),
  })
  .meta({ id: "ComparisonTable" });
export const TopicDetail = z.object({ topic: TopicSummary, comparison: ComparisonTableBody }).meta({ id: "TopicDetail" });
export const CompareQuery = z
  .object({
    q: z.string().max(100).optional(),
    measure: z.string().regex(/^[0-9a-f]{16}:.{1,200}$/, "措施编号应为 <文件编号>:<路径>").optional(),
  })
  .refine((x) => !!x.q?.trim() !== !!x.measure, { message: "请给出 q（对比主题）或 measure（措施编号）之一" });
