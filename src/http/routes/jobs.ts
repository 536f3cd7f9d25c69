// Uploads read in the background (issue 18): a scanned file takes seconds to minutes of OCR, longer than a
// request should wait. POST /api/documents?async=1 (and every image upload, always a scan) answers 202 with a
// job; GET /api/jobs/:id tells its state and the page being read; DELETE /api/jobs/:id cancels it (the OCR
// worker is terminated; nothing of the file is stored). The reading runs in the OCR worker, so searches are
// answered meanwhile. Jobs live in this process's memory: a finished one is kept for JOB_KEEP_MS to be polled.
import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import { z } from "zod";
import { IngestError } from "../../../extract/errors.ts";
import { StoreWriteError, type IngestOptions, type IngestOutcome } from "../../../index/store/store.ts";
import { ingestBuffer } from "../../ingest.ts";
import { ErrorBody } from "../api-schemas.ts";
import type { RouteKit } from "../kit.ts";

/** How long a finished job can still be polled. */
const JOB_KEEP_MS = 60 * 60 * 1000;
/** Unfinished jobs at most (each holds its file in memory; the OCR queue itself holds LIMITS.ocr.maxQueue). */
const MAX_ACTIVE_JOBS = 16;

export const JobState = z.enum(["running", "done", "failed", "cancelled"]);

export const JobStatus = z
  .object({
    id: z.string(),
    file: z.string().meta({ description: "上传的文件名" }),
    state: JobState.meta({ description: "running 进行中；done 已入库；failed 失败（见 error）；cancelled 已取消" }),
    page: z.number().int().meta({ description: "已识别的页数（不需要文字识别的文件为 0）" }),
    pages: z.number().int().meta({ description: "需要文字识别的页数（开始识别前为 0）" }),
    error: z.string().optional().meta({ description: "失败原因" }),
    documentId: z.string().optional().meta({ description: "入库后的文件编号" }),
    status: z.enum(["added", "replaced", "unchanged", "duplicate"]).optional(),
  })
  .meta({ id: "JobStatus" });
export type JobStatus = z.infer<typeof JobStatus>;

export const JobAccepted = JobStatus.extend({ url: z.string().meta({ description: "查询任务状态的地址" }) });

const JobIdParam = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, "任务编号格式不对") });

interface Job extends JobStatus {
  controller: AbortController;
  finishedAt?: number;
}

const jobs = new Map<string, Job>();

function publicView(j: Job): JobStatus {
  const { controller: _c, finishedAt: _f, ...view } = j;
  return view;
}

function prune(now: number): void {
  for (const [id, j] of jobs) if (j.finishedAt !== undefined && now - j.finishedAt > JOB_KEEP_MS) jobs.delete(id);
}

const activeJobs = () => [...jobs.values()].filter((j) => j.state === "running").length;

type Upload = { buf: Buffer; name: string; source: string; identity: IngestOptions["identity"]; corrections?: IngestOptions["corrections"] };

/** An ingest under way: its outcome, its cancel switch and a progress listener that can be switched over. */
export interface RunningIngest {
  outcome: Promise<IngestOutcome>;
  controller: AbortController;
  /** Resolves when OCR begins (never, for a file with a text layer). */
  ocrBegun: Promise<void>;
  progress: { page: number; pages: number; listener?: (page: number, pages: number) => void };
}

/** Start reading and storing an uploaded file (what the synchronous upload and a job both run). */
export function beginIngest(store: RouteKit["state"]["store"], upload: Upload): RunningIngest {
  const controller = new AbortController();
  let begun!: () => void;
  const ocrBegun = new Promise<void>((resolve) => (begun = resolve));
  const progress: RunningIngest["progress"] = { page: 0, pages: 0 };
  const outcome = ingestBuffer(store, upload.buf, upload.source, upload.identity, upload.corrections, {
    signal: controller.signal,
    onPage: (page, pages) => {
      Object.assign(progress, { page, pages });
      begun();
      progress.listener?.(page, pages);
    },
  });
  return { outcome, controller, ocrBegun, progress };
}

/**
 * Start reading and storing an uploaded file in the background; answers 202 with the job (503 when too many
 * are running). `identity` and the rest are what the synchronous upload would pass to ingestBuffer.
 */
export function startIngestJob(kit: Pick<RouteKit, "state" | "changed">, c: Context, upload: Upload): Response {
  prune(Date.now());
  // A store that cannot be written refuses now, as the synchronous upload does (503 read-only, 507 disk full).
  const refusal = kit.state.store.writeRefusal;
  if (refusal) return c.json({ error: `${upload.name}：${refusal.reason}` }, refusal.code === "disk-full" ? 507 : 503);
  if (activeJobs() >= MAX_ACTIVE_JOBS) {
    return c.json({ error: `正在后台处理的文件过多（上限 ${MAX_ACTIVE_JOBS} 个），请稍后重试` }, 503, { "Retry-After": "30" });
  }
  return adoptIngestJob(kit, c, upload, beginIngest(kit.state.store, upload));
}

/**
 * Turn an ingest already under way into a job (a synchronous upload that turned out to need OCR) and answer
 * 202 with it. The job follows the ingest's pages from now on; DELETE /api/jobs/:id cancels it.
 */
export function adoptIngestJob(kit: Pick<RouteKit, "state" | "changed">, c: Context, upload: Pick<Upload, "name" | "corrections">, run: RunningIngest): Response {
  prune(Date.now());
  const job: Job = { id: randomUUID(), file: upload.name, state: "running", page: run.progress.page, pages: run.progress.pages, controller: run.controller };
  jobs.set(job.id, job);
  run.progress.listener = (page, pages) => Object.assign(job, { page, pages });
  const end = (patch: Partial<JobStatus>) => {
    if (job.state !== "running") return; // cancelled meanwhile: the cancellation stands
    Object.assign(job, patch);
    job.finishedAt = Date.now();
  };
  run.outcome.then(
    (out) => {
      end({ state: "done", documentId: out.id, status: out.status });
      if (out.status === "added" || out.status === "replaced" || upload.corrections) kit.changed();
    },
    (e) => {
      if (e instanceof IngestError && e.code === "cancelled") return end({ state: "cancelled" });
      if (e instanceof IngestError || e instanceof StoreWriteError) return end({ state: "failed", error: `${upload.name}：${e.reason}` });
      process.stderr.write(`后台入库出错 ${upload.name}: ${(e as Error)?.message}\n`);
      end({ state: "failed", error: `${upload.name}：处理时出现意外错误（已记录在服务日志中）` });
    },
  );
  return c.json({ ...publicView(job), url: `/api/jobs/${job.id}` }, 202, { Location: `/api/jobs/${job.id}` });
}

const EXAMPLE: JobStatus = { id: "0f8e2c1a-5b7d-4e8f-9a6b-3c2d1e0f4a5b", file: "扫描件.pdf", state: "running", page: 3, pages: 37 };

export function jobRoutes({ route, err, hasToken, json400 }: RouteKit): void {
  route(
    {
      method: "get", path: "/api/jobs/:id", operationId: "getJob", summary: "后台入库任务的状态（扫描件逐页识别的进度）", tags: ["文件"], params: JobIdParam,
      responses: { 200: { description: "任务状态", schema: JobStatus }, 404: { description: "没有该任务（或已过期）", schema: ErrorBody }, ...json400 },
      examples: { request: { params: { id: EXAMPLE.id } }, response: EXAMPLE },
    },
    (c, { params }) => {
      prune(Date.now());
      const job = jobs.get(params.id);
      return job ? c.json(publicView(job)) : err(c, 404, `没有编号为 ${params.id} 的任务（任务结束一小时后不再保留）`);
    },
  );

  route(
    {
      method: "delete", path: "/api/jobs/:id", operationId: "cancelJob", summary: "取消后台入库任务（识别停止，文件不入库）", tags: ["文件"], params: JobIdParam, auth: true,
      responses: {
        200: { description: "已取消", schema: JobStatus }, 401: { description: "缺少或错误的令牌", schema: ErrorBody },
        404: { description: "没有该任务", schema: ErrorBody }, 409: { description: "任务已结束，无法取消", schema: ErrorBody }, ...json400,
      },
      examples: { request: { params: { id: EXAMPLE.id } }, response: { ...EXAMPLE, state: "cancelled" } },
    },
    (c, { params }) => {
      if (!hasToken(c)) return err(c, 401, "需要有效的令牌（Authorization: Bearer <API_TOKEN>）");
      const job = jobs.get(params.id);
      if (!job) return err(c, 404, `没有编号为 ${params.id} 的任务`);
      if (job.state !== "running") return err(c, 409, `任务已结束（${job.state === "done" ? "已入库" : job.state === "failed" ? "已失败" : "已取消"}），无法取消`);
      job.controller.abort();
      job.state = "cancelled";
      job.finishedAt = Date.now();
      return c.json(publicView(job));
    },
  );
}
