// Uploads read in the background (issue 18): a scanned file takes seconds to minutes of OCR, longer than a
// request should wait. POST /api/documents?async=1 (and every image upload, always a scan) answers 202 with a
// job; GET /api/jobs/:id tells its state and the page being read; DELETE /api/jobs/:id cancels it (the OCR
// worker is terminated; nothing of the file is stored). The reading runs in the OCR worker, so searches are
// answered meanwhile. Job state lives in the store (index/store/jobs.ts, issue 19 item 1), so every replica
// answers for every job: the replica running a job writes its progress at most once per JOB_POLL_MS and reads
// the row as often, so that a DELETE on another replica (a cancel request in the row) stops it. On start a
// replica marks the jobs it was running when it stopped as failed (recoverJobs); the runner touches its job's row every
// JOB_HEARTBEAT_MS, and a replica that reads a running job whose heartbeat is older than JOB_STALE_MS (its runner died and
// did not come back) marks it failed in the store (readJob). The file's bytes stay in the
// process that accepted the upload. A finished job is kept for JOB_KEEP_MS to be polled.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Context } from "hono";
import { z } from "zod";
import { IngestError } from "../../../extract/errors.ts";
import { StoreWriteError, type IngestOptions, type IngestOutcome } from "../../../index/store/store.ts";
import { JobOutcome, JobState, type JobEnd, type JobRecord } from "../../../index/store/jobs.ts";
import type { StoreEngine } from "../../../index/store/engine.ts";
import { ingestBuffer } from "../../documents/ingest.ts";
import { ErrorBody } from "../api-schemas.ts";
import type { RouteKit } from "../kit.ts";

const envMs = (name: string, fallback: number) => (Number(process.env[name]) > 0 ? Number(process.env[name]) : fallback);
/** How long a finished job can still be polled. */
const JOB_KEEP_MS = envMs("JOB_KEEP_MS", 60 * 60 * 1000);
/** Progress written at most this often per job; the row read as often for a cancel request from another replica. */
const JOB_POLL_MS = envMs("JOB_POLL_MS", 1000);
/** A running job whose row (its heartbeat, updated_at) was not touched for this long: its replica stopped; any replica reading it marks it failed. */
const STALE_MS = envMs("JOB_STALE_MS", 30_000);
/** The replica running a job touches its row at least this often (while a long page is read), well inside STALE_MS. */
const HEARTBEAT_MS = Math.min(envMs("JOB_HEARTBEAT_MS", 5000), Math.floor(STALE_MS / 3));
/** Unfinished jobs at most in this process (each holds its file in memory; the OCR queue itself holds LIMITS.ocr.maxQueue). */
const MAX_ACTIVE_JOBS = 16;

const INTERRUPTED = "服务重启，识别中断，请重新上传";
const STALE = "处理该任务的服务已停止，请重新上传";

/** This replica's name in the jobs table: REPLICA_ID, else host and port (stable across a restart). */
function replicaId(env: NodeJS.ProcessEnv = process.env): string {
  return env.REPLICA_ID?.trim() || `${hostname()}:${env.PORT ?? 8787}`;
}

export { JobState };

export const JobStatus = z
  .object({
    id: z.string(),
    file: z.string().meta({ description: "上传的文件名" }),
    state: JobState.meta({ description: "running 进行中；done 已入库；failed 失败（见 error）；cancelled 已取消" }),
    page: z.number().int().meta({ description: "已识别的页数（不需要文字识别的文件为 0）" }),
    pages: z.number().int().meta({ description: "需要文字识别的页数（开始识别前为 0）" }),
    error: z.string().optional().meta({ description: "失败原因" }),
    documentId: z.string().optional().meta({ description: "入库后的文件编号" }),
    status: JobOutcome.optional(),
    replica: z.string().optional().meta({ description: "处理该任务的服务实例（REPLICA_ID）" }),
    cancelRequested: z.boolean().optional().meta({ description: "已请求取消，等待处理该任务的服务实例停止识别" }),
  })
  .meta({ id: "JobStatus" });
export type JobStatus = z.infer<typeof JobStatus>;

export const JobAccepted = JobStatus.extend({ url: z.string().meta({ description: "查询任务状态的地址" }) });

const JobIdParam = z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, "任务编号格式不对") });

function publicView(r: JobRecord): JobStatus {
  return {
    id: r.id, file: r.file, state: r.state, page: r.page, pages: r.pages,
    ...(r.error ? { error: r.error } : {}),
    ...(r.documentId ? { documentId: r.documentId } : {}),
    ...(r.status ? { status: r.status } : {}),
    replica: r.replica,
    ...(r.cancelRequested && r.state === "running" ? { cancelRequested: true } : {}),
  };
}

/** A job this process runs: its cancel switch, its progress (ahead of the row by at most JOB_POLL_MS). */
interface LocalJob {
  store: StoreEngine;
  record: JobRecord;
  controller: AbortController;
  timer: NodeJS.Timeout;
  lastWrite: number;
  dirty: boolean;
  /** How it ended, while the row could not be written yet (the timer retries). */
  end?: JobEnd;
}

const local = new Map<string, LocalJob>();

function logFailure(what: string, e: unknown): void {
  process.stderr.write(`任务记录写入失败（${what}）：${(e as Error)?.message ?? e}\n`);
}

let lastPurge = 0;
function purge(store: StoreEngine, now = Date.now()): void {
  if (now - lastPurge < 60_000) return;
  lastPurge = now;
  try {
    if (!store.writeRefusal) store.jobs().purge(new Date(now - JOB_KEEP_MS));
  } catch (e) {
    logFailure("清理", e);
  }
}

/**
 * On start: the jobs this replica was running when it stopped (crash, kill, restart) can no longer go on (their
 * files were only in its memory): marked failed. Returns their ids. A store that cannot be reached is left as is.
 */
export function recoverJobs(store: StoreEngine, replica = replicaId()): string[] {
  if (store.writeRefusal) return [];
  try {
    const jobs = store.jobs();
    return jobs.running(replica).filter((j) => !local.has(j.id) && jobs.finish(j.id, { state: "failed", error: `${j.file}：${INTERRUPTED}` })).map((j) => j.id);
  } catch (e) {
    logFailure("启动时检查中断的任务", e);
    return [];
  }
}

/** Write a local job's end (or retry it later); cancel it when the row asks; keep the row's progress current. */
function tick(job: LocalJob, now = Date.now()): void {
  const jobs = job.store.jobs();
  try {
    if (job.end) {
      // The last pages read, when they came within the throttle before the end (a one-page file: page 1 of 1).
      if (job.dirty) jobs.progress(job.record.id, job.record.page, job.record.pages);
      jobs.finish(job.record.id, job.end);
      return forget(job);
    }
    const row = job.dirty || now - job.lastWrite >= HEARTBEAT_MS ? jobs.progress(job.record.id, job.record.page, job.record.pages) : jobs.get(job.record.id);
    if (job.dirty || now - job.lastWrite >= HEARTBEAT_MS) Object.assign(job, { dirty: false, lastWrite: now });
    // Cancelled from another replica (or ended by a restart of a replica of the same name): stop reading.
    if (!row || row.state !== "running" || row.cancelRequested) {
      job.controller.abort();
      if (row?.state === "running") jobs.finish(job.record.id, { state: "cancelled" });
      forget(job);
    }
  } catch (e) {
    logFailure(job.record.id, e);
  }
}

function forget(job: LocalJob): void {
  clearInterval(job.timer);
  local.delete(job.record.id);
}

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
  // A store that cannot be written refuses now, as the synchronous upload does (503 read-only, 507 disk full).
  const refusal = kit.state.store.writeRefusal;
  if (refusal) return c.json({ error: `${upload.name}：${refusal.reason}` }, refusal.code === "disk-full" ? 507 : 503);
  if (local.size >= MAX_ACTIVE_JOBS) {
    return c.json({ error: `正在后台处理的文件过多（上限 ${MAX_ACTIVE_JOBS} 个），请稍后重试` }, 503, { "Retry-After": "30" });
  }
  return adoptIngestJob(kit, c, upload, beginIngest(kit.state.store, upload));
}

/**
 * Turn an ingest already under way into a job (a synchronous upload that turned out to need OCR) and answer
 * 202 with it. The job follows the ingest's pages from now on; DELETE /api/jobs/:id cancels it.
 */
export function adoptIngestJob(kit: Pick<RouteKit, "state" | "changed">, c: Context, upload: Pick<Upload, "name" | "corrections" | "identity">, run: RunningIngest): Response {
  const store = kit.state.store;
  purge(store);
  let record: JobRecord;
  try {
    record = store.jobs().create({ id: randomUUID(), file: upload.name, replica: replicaId(), page: run.progress.page, pages: run.progress.pages });
  } catch (e) {
    // No job row, no job: the reading stops and nothing is stored.
    run.controller.abort();
    run.outcome.catch(() => undefined);
    logFailure("新建", e);
    const known = e instanceof StoreWriteError ? e : null;
    return c.json({ error: `${upload.name}：${known?.reason ?? "无法记录后台任务（数据库不可用），文件未保存，请稍后重试"}` }, known?.code === "disk-full" ? 507 : 503, { "Retry-After": "5" });
  }
  const job: LocalJob = { store, record, controller: run.controller, timer: setInterval(() => tick(job), JOB_POLL_MS), lastWrite: Date.now(), dirty: false };
  job.timer.unref();
  local.set(record.id, job);
  run.progress.listener = (page, pages) => {
    Object.assign(job.record, { page, pages });
    job.dirty = true;
    if (Date.now() - job.lastWrite >= JOB_POLL_MS) tick(job);
  };
  const end = (e: JobEnd) => {
    if (!local.has(record.id)) return; // cancelled meanwhile: the cancellation stands
    job.end = e;
    Object.assign(job.record, { state: e.state, error: e.state === "failed" ? e.error : null, documentId: e.state === "done" ? e.documentId : null, status: e.state === "done" ? e.status : null });
    tick(job);
  };
  run.outcome.then(
    (out) => {
      end({ state: "done", documentId: out.id, status: out.status });
      if (out.status === "added" || out.status === "replaced" || upload.corrections) kit.changed(typeof upload.identity === "object" ? [out.id, upload.identity.replace] : [out.id]);
    },
    (e) => {
      if (e instanceof IngestError && e.code === "cancelled") return end({ state: "cancelled" });
      if (e instanceof IngestError || e instanceof StoreWriteError) return end({ state: "failed", error: `${upload.name}：${e.reason}` });
      process.stderr.write(`后台入库出错 ${upload.name}: ${(e as Error)?.message}\n`);
      end({ state: "failed", error: `${upload.name}：处理时出现意外错误（已记录在服务日志中）` });
    },
  );
  return c.json({ ...publicView(record), url: `/api/jobs/${record.id}` }, 202, { Location: `/api/jobs/${record.id}` });
}

/**
 * A job's row as the store has it; a running job of another replica whose heartbeat is older than STALE_MS (that
 * replica died and did not come back) is marked failed in the store first (JobStore.failStale: one statement that
 * checks the heartbeat is still old, so that two replicas reading it at once do not race).
 */
function readJob(store: StoreEngine, id: string, now = Date.now()): JobRecord | null {
  const jobs = store.jobs();
  const row = jobs.get(id);
  if (!row || row.state !== "running" || local.has(id) || now - Date.parse(row.updatedAt) <= STALE_MS || store.writeRefusal) return row;
  return jobs.failStale(id, new Date(now - STALE_MS), `${row.file}：${STALE}`, new Date(now));
}

/** A job as this replica knows it: its own running job from memory (the freshest progress), any other from the store. */
function findJob(store: StoreEngine, id: string): JobRecord | null {
  const mine = local.get(id);
  return mine && !mine.end ? { ...mine.record, updatedAt: new Date().toISOString() } : readJob(store, id);
}

const EXAMPLE: JobStatus = { id: "0f8e2c1a-5b7d-4e8f-9a6b-3c2d1e0f4a5b", file: "扫描件.pdf", state: "running", page: 3, pages: 37, replica: "server-1:8787" };
const ENDED = { done: "已入库", failed: "已失败", cancelled: "已取消", running: "进行中" } as const;

export function jobRoutes({ route, err, hasToken, json400, state }: RouteKit): void {
  route(
    {
      method: "get", path: "/api/jobs/:id", operationId: "getJob", summary: "后台入库任务的状态（扫描件逐页识别的进度；任何一台服务都可查询）", tags: ["文件"], params: JobIdParam,
      responses: { 200: { description: "任务状态", schema: JobStatus }, 404: { description: "没有该任务（或已过期）", schema: ErrorBody }, ...json400 },
      examples: { request: { params: { id: EXAMPLE.id } }, response: EXAMPLE },
    },
    (c, { params }) => {
      purge(state.store);
      const job = findJob(state.store, params.id);
      return job ? c.json(publicView(job)) : err(c, 404, `没有编号为 ${params.id} 的任务（任务结束 ${Math.round(JOB_KEEP_MS / 60_000)} 分钟后不再保留）`);
    },
  );

  route(
    {
      method: "delete", path: "/api/jobs/:id", operationId: "cancelJob", summary: "取消后台入库任务（识别停止，文件不入库；任何一台服务都可取消）", tags: ["文件"], params: JobIdParam, auth: true,
      responses: {
        200: { description: "已取消", schema: JobStatus },
        202: { description: "已请求取消：处理该任务的服务实例尚未停止识别（稍后查询任务状态）", schema: JobStatus },
        401: { description: "缺少或错误的令牌", schema: ErrorBody },
        404: { description: "没有该任务", schema: ErrorBody }, 409: { description: "任务已结束，无法取消", schema: ErrorBody }, ...json400,
      },
      examples: { request: { params: { id: EXAMPLE.id } }, response: { ...EXAMPLE, state: "cancelled" } },
    },
    async (c, { params }) => {
      if (!hasToken(c)) return err(c, 401, "需要有效的令牌（Authorization: Bearer <API_TOKEN>）");
      const jobs = state.store.jobs();
      const mine = local.get(params.id);
      if (mine && !mine.end) {
        // Running here: stop at once.
        mine.controller.abort();
        forget(mine);
        const row = jobs.finish(params.id, { state: "cancelled" });
        return c.json(publicView(row ?? { ...mine.record, state: "cancelled" }));
      }
      const job = readJob(state.store, params.id);
      if (!job) return err(c, 404, `没有编号为 ${params.id} 的任务`);
      const view = publicView(job);
      if (view.state !== "running") return err(c, 409, `任务已结束（${ENDED[view.state]}），无法取消`);
      // Running on another replica: ask it (it reads the row every JOB_POLL_MS), and wait a little for it to stop.
      jobs.requestCancel(params.id);
      for (const deadline = Date.now() + 3 * JOB_POLL_MS + 1000; Date.now() < deadline; ) {
        await new Promise((r) => setTimeout(r, Math.min(200, JOB_POLL_MS)));
        const now = readJob(state.store, params.id);
        if (!now) return err(c, 404, `没有编号为 ${params.id} 的任务`);
        if (now.state === "cancelled") return c.json(publicView(now));
        if (now.state !== "running") return err(c, 409, `任务已结束（${ENDED[now.state]}），无法取消`);
      }
      return c.json(publicView(jobs.get(params.id) ?? job), 202);
    },
  );
}
