// Record schemas: the single source of truth for types, API validation and the OpenAPI document.
// They follow ../shared/contract.md field for field.
import { z } from "zod";
import "./messages-zh.ts"; // zod's validation messages in Chinese

export const isoDate = z.iso.date(); // YYYY-MM-DD, a real calendar date (2022-02-30 is refused)

export const UnitRole = z.enum(["lead", "coop", "responsible"]); // 牵头 / 配合 / 责任
export const Unit = z.object({
  role: UnitRole,
  name: z.string().min(1), // as written, without trailing 等, white space removed
  canonical: z.string().min(1), // qualified by the document's region
}).meta({ id: "Unit" });
export type Unit = z.infer<typeof Unit>;

export const DeadlineKind = z.enum(["date", "period", "recurring", "ongoing"]);
export const Deadline = z.object({
  text: z.string().min(1),
  kind: DeadlineKind,
  start: isoDate.nullable(),
  end: isoDate.nullable(),
  recurrence: z.string().nullable(), // yearly:MM-DD | yearly | half-yearly | quarterly | monthly | weekly
}).meta({ id: "Deadline" });
export type Deadline = z.infer<typeof Deadline>;

export const Comparator = z.enum([">=", ">", "<=", "<", "=", "range"]);
export const Target = z.object({
  text: z.string().min(1),
  metric: z.string().nullable(),
  comparator: Comparator,
  min: z.number().nullable(),
  max: z.number().nullable(),
  unit: z.string().nullable(), // 元, 家, 个, %, ‰, 个百分点, 工作日, 年 ...; null for a bare figure
}).meta({ id: "Target" });
export type Target = z.infer<typeof Target>;

export const Measure = z.object({
  id: z.string(), // <document id>:<path>
  path: z.string().min(1), // numbering labels joined by "/"
  title: z.string().nullable(),
  text: z.string(),
  units: z.array(Unit),
  deadlines: z.array(Deadline),
  targets: z.array(Target),
}).meta({ id: "Measure" });
export type Measure = z.infer<typeof Measure>;

export const Region = z.object({
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
}).meta({ id: "Region" });
export type Region = z.infer<typeof Region>;

export const DocFormat = z.enum(["txt", "html", "pdf", "docx", "doc", "ofd"]);
export type DocFormat = z.infer<typeof DocFormat>;

export const PolicyDocument = z.object({
  id: z.string().regex(/^[0-9a-f]{16}$/), // sha256 of the normalised text, first 16 hex
  source: z.string(),
  format: DocFormat,
  title: z.string().nullable(),
  docNumber: z.string().nullable(), // 文号
  issuer: z.string().nullable(), // 发布机构 / 发文机关
  region: Region,
  issuedDate: isoDate.nullable(), // 成文日期
  publishedDate: isoDate.nullable(), // 发布日期
  measures: z.array(Measure),
});
export type PolicyDocument = z.infer<typeof PolicyDocument>;
