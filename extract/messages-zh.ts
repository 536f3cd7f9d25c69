// Chinese validation messages for zod (installed as its global error map by schema.ts, so the API, the CLI
// and every other user of the schemas get them): every issue a request can
// raise reads "参数名：原因" through zodMessage, never zod's English default. Messages given in a schema
// itself ("查询过长（上限 200 字）") take precedence.
import { z } from "zod";
import type { $ZodRawIssue } from "zod/v4/core";

type Issue = $ZodRawIssue;

const TYPES: Record<string, string> = {
  string: "文字", number: "数字", int: "整数", boolean: "布尔值（true 或 false）", array: "列表", object: "对象", date: "日期", bigint: "整数",
};

const FORMATS: Record<string, string> = {
  date: "有效的日期（YYYY-MM-DD，如 2022-03-31）",
  datetime: "有效的日期时间（ISO 8601）",
  email: "电子邮件地址",
  url: "网址",
  uuid: "UUID",
};

const shown = (v: unknown) => (typeof v === "string" ? `“${v.length > 40 ? `${v.slice(0, 40)}…` : v}”` : String(v));

export function zhIssue(issue: Issue): string | undefined {
  switch (issue.code) {
    case "invalid_type": {
      if (issue.input === undefined) return "缺少此参数";
      const want = TYPES[issue.expected] ?? issue.expected;
      if (issue.expected === "number" || issue.expected === "int") return `应为${want}，收到 ${shown(issue.input)}`;
      return `应为${want}`;
    }
    case "too_big": {
      const n = String(issue.maximum);
      if (issue.origin === "string") return `过长（至多 ${n} 个字）`;
      if (issue.origin === "array" || issue.origin === "set") return `过多（至多 ${n} 项）`;
      if (issue.origin === "file") return `文件过大（上限 ${n} 字节）`;
      return issue.inclusive ? `不能大于 ${n}` : `应小于 ${n}`;
    }
    case "too_small": {
      const n = String(issue.minimum);
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "不能为空" : `过短（至少 ${n} 个字）`;
      if (issue.origin === "array" || issue.origin === "set") return `至少 ${n} 项`;
      return issue.inclusive ? `不能小于 ${n}` : `应大于 ${n}`;
    }
    case "invalid_format": {
      const f = issue.format as string;
      if (FORMATS[f]) return `应为${FORMATS[f]}，收到 ${shown(issue.input)}`;
      if (f === "regex") return `格式不正确：${shown(issue.input)}`;
      return `格式不正确（应为 ${f}）`;
    }
    case "not_multiple_of":
      return `应为 ${String(issue.divisor)} 的倍数`;
    case "unrecognized_keys":
      return `未知的参数：${issue.keys.join("、")}`;
    case "invalid_value":
      return `应为以下之一：${issue.values.map((v: unknown) => String(v)).join("、")}，收到 ${shown(issue.input)}`;
    case "invalid_union":
      return "取值无效";
    case "invalid_key":
      return "键无效";
    case "invalid_element":
      return "元素无效";
    case "custom":
      return "取值无效";
    default:
      return "取值无效";
  }
}

z.config({ customError: zhIssue });
