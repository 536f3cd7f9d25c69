// OpenAPI 3.1 document generated from the same zod schemas that validate requests. Schemas with an id
// (`.meta({ id })`) become components; every operation carries an operationId, a Chinese summary,
// request and response examples (also as a curl sample) and its security (bearerAuth on writes).
import { z } from "zod";
import PARAM_DESCRIPTION_FILE from "./param-descriptions.json" with { type: "json" };

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export interface RouteExamples {
  /** A typical request: path parameters, query parameters, body (JSON; for a form, its fields, `file` naming the file sent). */
  request?: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
  /** The 2xx answer to it: JSON, or the text of a file (put under the response's first text/* type). */
  response: unknown;
}

export interface RouteSpec {
  method: HttpMethod;
  path: string; // Hono style: /api/documents/:id
  /** Unique, camelCase: the method name in generated clients. */
  operationId?: string;
  summary: string; // Chinese
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { contentType: string; schema: z.ZodType };
  responses: Record<number, { description: string; schema?: z.ZodType; contentTypes?: string[] }>;
  /** Needs `Authorization: Bearer <API_TOKEN>` (writes). */
  auth?: boolean;
  /** Required for every route (tests/openapi.test.ts checks them against the schemas). */
  examples?: RouteExamples;
}

type Json = Record<string, unknown>;
const SCHEMA_PREFIX = "#/components/schemas/";

/** Component schemas shared by the operations: `$defs` of each converted schema, renamed where input and output differ. */
class Components {
  readonly schemas: Record<string, Json> = {};
  private readonly raw = new Map<string, string>();

  /** The JSON schema of a zod schema, with its named parts moved to components (refs rewritten). */
  convert(schema: z.ZodType, io: "input" | "output"): Json {
    const s = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
    delete s.$schema;
    const defs = (s.$defs ?? {}) as Record<string, Json>;
    delete s.$defs;
    const names = new Map<string, string>();
    for (const [name, def] of Object.entries(defs)) names.set(name, this.place(name, def, io));
    const rewrite = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(rewrite);
      if (v && typeof v === "object") {
        const o: Json = {};
        for (const [k, x] of Object.entries(v)) {
          if (k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/")) o[k] = SCHEMA_PREFIX + (names.get(x.slice(8)) ?? x.slice(8));
          else o[k] = rewrite(x);
        }
        return o;
      }
      return v;
    };
    for (const [name, final] of names) this.schemas[final] ??= rewrite(defs[name]) as Json;
    return rewrite(s) as Json;
  }

  /** The component name of a definition: its id, or id+Input/Output when the other direction differs. */
  private place(name: string, def: Json, io: "input" | "output"): string {
    const clean = name.replace(/[^A-Za-z0-9._-]/g, "_");
    const text = JSON.stringify(def);
    for (let i = 0; ; i++) {
      const candidate = i === 0 ? clean : i === 1 ? `${clean}${io === "input" ? "Input" : "Output"}` : `${clean}${i}`;
      const have = this.raw.get(candidate);
      if (have === undefined) this.raw.set(candidate, text);
      if (have === undefined || have === text) return candidate;
    }
  }
}

function parameters(components: Components, obj: z.ZodObject | undefined, where: "path" | "query", examples: Record<string, string> | undefined, operationId: string) {
  if (!obj) return [];
  const schema = components.convert(obj, "input") as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === "path" || (schema.required ?? []).includes(name),
    ...paramDescription(operationId, name, s),
    schema: s,
    ...(examples?.[name] !== undefined ? { example: typed(examples[name], s) } : {}),
  }));
}

const PARAM_DESCRIPTIONS: Record<string, string> = PARAM_DESCRIPTION_FILE;

/** A parameter's description: its schema's own, else the curated one (param-descriptions.json: "operationId:name", then name). */
function paramDescription(operationId: string, name: string, s: Json): { description?: string } {
  const d = typeof s.description === "string" ? s.description : (PARAM_DESCRIPTIONS[`${operationId}:${name}`] ?? PARAM_DESCRIPTIONS[name]);
  return d ? { description: d } : {};
}

/** A query-string example as the value its schema describes (limit "20" → 20). */
function typed(value: string, schema: Json): unknown {
  const types = ([] as unknown[]).concat(schema.type ?? []);
  if ((types.includes("integer") || types.includes("number")) && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  if (types.includes("boolean") && (value === "true" || value === "false")) return value === "true";
  return value;
}

/** The path of a route in OpenAPI form (/api/documents/{id}). */
const openApiPath = (path: string) => path.replace(/:([A-Za-z_]+)/g, "{$1}");

/** A curl command for a route's example request (query values written out, curl encodes them). */
function curlExample(r: RouteSpec): string {
  const req = r.examples?.request ?? {};
  const path = r.path.replace(/:([A-Za-z_]+)/g, (_, k: string) => encodeURIComponent(req.params?.[k] ?? `<${k}>`));
  const query = Object.entries(req.query ?? {});
  const url = `http://127.0.0.1:8787${path}`;
  const parts = ["curl"];
  if (r.method === "get" && query.length) parts.push("-G");
  else if (r.method !== "get") parts.push(`-X ${r.method.toUpperCase()}`);
  if (r.auth) parts.push(`-H "Authorization: Bearer $API_TOKEN"`);
  if (r.body?.contentType === "application/json" && req.body !== undefined) parts.push(`-H "Content-Type: application/json"`, `-d '${JSON.stringify(req.body)}'`);
  else if (r.body?.contentType === "multipart/form-data") {
    // Form fields of the example body; the file field is sent from a file (@path).
    const form = Object.entries((req.body ?? { file: "文件" }) as Record<string, unknown>);
    for (const [k, v] of form) parts.push(`-F "${k}=${k === "file" ? "@" : ""}${String(v)}"`);
  }
  if (r.method === "get") {
    parts.push(`"${url}"`);
    for (const [k, v] of query) parts.push(/^[\w.-]*$/.test(v) ? `-d ${k}=${v}` : `--data-urlencode "${k}=${v}"`);
  } else parts.push(`"${url}${query.length ? `?${new URLSearchParams(query)}` : ""}"`);
  return parts.join(" ");
}

export function openApiDocument(routes: RouteSpec[]): Json {
  const components = new Components();
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const p = openApiPath(r.path);
    paths[p] ??= {};
    const ex = r.examples;
    const success = Object.keys(r.responses).map(Number).filter((c) => c >= 200 && c < 300).sort()[0];
    const responses = Object.fromEntries(
      Object.entries(r.responses).map(([code, resp]) => {
        const types = resp.contentTypes ?? (resp.schema ? ["application/json"] : []);
        const textType = types.find((t) => t.startsWith("text/"));
        const exampleType = Number(code) !== success || !ex ? null : typeof ex.response === "string" && textType ? textType : types.includes("application/json") ? "application/json" : null;
        const content = Object.fromEntries(
          types.map((ct) => [
            ct,
            {
              ...(resp.schema ? { schema: components.convert(resp.schema, "output") } : ct.startsWith("text/") ? { schema: { type: "string" } } : { schema: { type: "string", contentMediaType: ct } }),
              ...(ct === exampleType ? { example: ex!.response } : {}),
            },
          ]),
        );
        return [code, { description: resp.description, ...(types.length ? { content } : {}) }];
      }),
    );
    paths[p][r.method] = {
      ...(r.operationId ? { operationId: r.operationId } : {}),
      summary: r.summary,
      tags: r.tags,
      security: r.auth ? [{ bearerAuth: [] }] : [],
      parameters: [...parameters(components, r.params, "path", ex?.request?.params, r.operationId ?? ""), ...parameters(components, r.query, "query", ex?.request?.query, r.operationId ?? "")],
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: { [r.body.contentType]: { schema: components.convert(r.body.schema, "input"), ...(ex?.request?.body !== undefined ? { example: ex.request.body } : {}) } },
            },
          }
        : {}),
      responses,
      "x-codeSamples": [{ lang: "Shell", label: "curl", source: curlExample(r) }],
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "政策知识服务 API",
      version: "0.1.0",
      description: "政策文件的措施、牵头单位、配合单位、完成时限与量化目标的查询接口。读取接口无需令牌；写入接口需要 `Authorization: Bearer <API_TOKEN>`。",
      license: { name: "UNLICENSED", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", description: "写入接口（上传等）需要服务端环境变量 API_TOKEN 中的令牌" } },
    },
  };
}
