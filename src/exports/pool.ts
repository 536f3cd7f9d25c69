// The export pool: files are built on worker threads (piscina), never on the service's event loop, a
// few at a time and with a bounded queue. A request first asks for a place (admit); past the bound it
// is answered at once with 503 and Retry-After, before any work is done for it. Each export has a time
// limit (queue wait included) and each worker a heap cap; a breach stops that worker (piscina starts
// another) and the request gets a Chinese reason.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import { workerFile } from "../../extract/worker-file.ts";
import type { ExportAnswer, ExportJob } from "./worker.ts";
import { envNumber } from "../service/env-number.ts";

export type { ExportAnswer, ExportJob } from "./worker.ts";

export interface ExportPoolOptions {
  /** Exports built at the same time (worker threads). */
  workers: number;
  /** Exports waiting for a worker beyond those; one more is refused with 503. */
  queue: number;
  /** Time limit of one export, its wait in the queue included. */
  timeoutMs: number;
  /** Heap cap of one worker, MB. */
  memoryMb: number;
}


/** EXPORT_WORKERS, EXPORT_QUEUE, EXPORT_TIMEOUT (seconds), EXPORT_MEMORY_MB; see README. */
function exportPoolOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): ExportPoolOptions {
  return {
    workers: Math.floor(envNumber(env, "EXPORT_WORKERS", Math.max(1, Math.min(4, availableParallelism() - 1)), 1)),
    queue: Math.floor(envNumber(env, "EXPORT_QUEUE", 8, 0)),
    timeoutMs: envNumber(env, "EXPORT_TIMEOUT", 60, 0.1) * 1000,
    memoryMb: Math.floor(envNumber(env, "EXPORT_MEMORY_MB", 1024, 64)),
  };
}

/** Why an export was not made, with the HTTP status and (for 503) when to try again. */
export class ExportRefused extends Error {
  constructor(
    readonly status: 422 | 500 | 503,
    message: string,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}

/** A place in the pool, held from admission until the export's answer (or its refusal). */
export interface ExportTicket {
  release(): void;
}

const FORMAT_NAMES: Record<string, string> = { xlsx: "XLSX", docx: "DOCX", csv: "CSV", md: "Markdown", ics: "日历（.ics）" };

const WORKER_SOURCE = new URL("./worker.ts", import.meta.url);

export class ExportPool {
  private pool: Piscina<ExportJob, ExportAnswer> | null = null;
  private admitted = 0;
  /** Handed to piscina (building, or in its own queue until a worker is free). */
  private submitted = 0;
  /** Moving average of an export's time on a worker, for Retry-After. */
  private averageMs = 1000;

  constructor(readonly options: ExportPoolOptions = exportPoolOptionsFromEnv()) {}

  /** Exports building and waiting now. */
  get load(): { running: number; waiting: number } {
    const running = this.submitted - (this.pool?.queueSize ?? 0);
    return { running, waiting: this.admitted - running };
  }

  /** Seconds after which a place is likely free: the queue ahead divided among the workers. */
  retryAfter(): number {
    const ahead = Math.max(0, this.admitted - this.options.workers) + 1;
    return Math.min(120, Math.max(1, Math.ceil((this.averageMs * ahead) / this.options.workers / 1000)));
  }

  /** A place for one export, or a refusal (503) when the workers and the queue are full. */
  admit(): ExportTicket {
    const { workers, queue } = this.options;
    if (this.admitted >= workers + queue) {
      throw new ExportRefused(
        503,
        `导出任务已满：已有 ${this.admitted} 个导出在生成或排队（上限为同时生成 ${workers} 个、另排队 ${queue} 个），请 ${this.retryAfter()} 秒后重试`,
        this.retryAfter(),
      );
    }
    this.admitted++;
    let held = true;
    return {
      release: () => {
        if (held) this.admitted--;
        held = false;
      },
    };
  }

  /** Start the workers now rather than on the first export (they load the renderers, about a second). */
  warm(): void {
    this.workers();
  }

  private workers(): Piscina<ExportJob, ExportAnswer> {
    if (this.pool) return this.pool;
    const { file, execArgv } = workerFile("export-worker", WORKER_SOURCE);
    return (this.pool = new Piscina<ExportJob, ExportAnswer>({
      filename: file,
      minThreads: this.options.workers,
      maxThreads: this.options.workers,
      maxQueue: this.options.workers + this.options.queue,
      idleTimeout: 60_000,
      // Below the event loop's priority: on a busy machine the service keeps answering first.
      niceIncrement: 10,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb },
      execArgv,
    }));
  }

  /**
   * Build one export on a worker; the ticket is released when it ends. `signal`: the client went away
   * (the export is dropped from the queue, or its worker stopped). Rejects with ExportRefused.
   */
  async run(ticket: ExportTicket, job: ExportJob, signal?: AbortSignal): Promise<ExportAnswer> {
    const limit = AbortSignal.timeout(this.options.timeoutMs);
    const format = FORMAT_NAMES[job.format] ?? job.format;
    const t0 = performance.now();
    let started = false;
    try {
      const task = this.workers().run(job, { signal: signal ? AbortSignal.any([signal, limit]) : limit });
      started = true;
      this.submitted++;
      const out = await task;
      this.averageMs = 0.7 * this.averageMs + 0.3 * (performance.now() - t0);
      return out;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (limit.aborted && !signal?.aborted) {
        const s = this.options.timeoutMs / 1000;
        throw new ExportRefused(503, `导出 ${format} 文件未能在 ${s} 秒内完成（含排队），已停止；请缩小范围（加上关键词、地区或单位条件）后重试`, this.retryAfter());
      }
      if (signal?.aborted) throw new ExportRefused(503, "客户端已断开，导出已取消");
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY")
        throw new ExportRefused(422, `导出 ${format} 文件所需内存超过上限（每个导出线程 ${this.options.memoryMb} MB），已停止；请缩小范围后重试`);
      if (/queue is at limit/i.test(err.message ?? "")) throw new ExportRefused(503, `导出任务已满，请 ${this.retryAfter()} 秒后重试`, this.retryAfter());
      process.stderr.write(`导出 ${format} 出错：${err.stack ?? err.message}\n`);
      throw new ExportRefused(500, `生成 ${format} 文件时出错，请稍后重试或改用其他格式`);
    } finally {
      if (started) this.submitted--;
      ticket.release();
    }
  }

  async close(): Promise<void> {
    const p = this.pool;
    this.pool = null;
    await p?.destroy();
  }
}
