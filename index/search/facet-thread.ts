// Facet counts on a second thread. While the main thread ranks the matches and fetches the page of
// hits, a worker counts the matches by document, facet group and lead unit, with the same kernels
// (their source is handed to it). The arrays it reads and writes are in shared memory; the two
// threads meet on a small control array with Atomics, and new arrays (after one grows) go over a
// message port that the worker reads synchronously before the job that needs them. A job the worker
// has not begun when the main thread wants its counts (the worker not scheduled: a loaded machine) is
// claimed and counted by the main thread instead of waited for.
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { facetKernelSource, type FacetJob } from "./facet-kernels.ts";
import { NATIVE_PATH, nativeKernels } from "./native-kernels.ts";

// Control words.
const SEQ = 0; // job number, raised by the main thread
const DONE = 1; // job number finished, raised by the worker
const FAILED = 2; // 1 when the last job threw
const GEN = 3; // generation of the arrays the job needs
const WORDS = 4;
const NATIVE = 5; // 1: count with the native kernel
const TAKEN = 6; // job number last claimed, by the worker or by the main thread
const COUNTED = 7; // jobs the worker has counted

/** How long a job may take before the thread is given up (it never should). */
const WAIT_MS = 10_000;
/**
 * How long the main thread looks for the worker's signal before it sleeps on it: waking a sleeping
 * thread costs a system call on one side and tens of microseconds on the other (more in a VM),
 * while a count takes a fraction of a millisecond. The worker does not look for the next job: it
 * sleeps as soon as it is done. Woken, it often takes the main thread's core (the other one busy on
 * a loaded machine), and a spin there kept the main thread off it: start() took 2 ms at p50 with a
 * 2 ms spin, 0.5 ms without, and the process 4.0-4.7 against 3.7-4.0 ms of CPU a query (1M
 * measures, load 6-8).
 */
const SPIN_MS = 2;

const WORKER_SOURCE = `
const { workerData, receiveMessageOnPort } = require("node:worker_threads");
${facetKernelSource()}
const { ctrl, port, nativePath } = workerData;
const native = nativePath ? require(nativePath) : null;
let seq = 0, gen = 0, a = null;
for (;;) {
  Atomics.wait(ctrl, ${SEQ}, seq);
  seq = Atomics.load(ctrl, ${SEQ});
  let failed = 0;
  try {
    const want = Atomics.load(ctrl, ${GEN});
    while (gen !== want) {
      const m = receiveMessageOnPort(port);
      if (!m) throw new Error("arrays of generation " + want + " missing");
      gen = m.message.gen;
      a = m.message.job;
    }
  } catch {
    failed = 1;
  }
  // Claimed by the main thread meanwhile (it counts the job itself and waits for nothing), or a later
  // job already started: job numbers claimed only grow.
  const taken = Atomics.load(ctrl, ${TAKEN});
  if (taken >= seq || Atomics.compareExchange(ctrl, ${TAKEN}, taken, seq) !== taken) continue;
  if (!failed)
    try {
      a.words = ctrl[${WORDS}];
      const nat = native && ctrl[${NATIVE}] === 1;
      countFacetJob(a, nat ? native.countFacetsBits : countFacetsBits, nat ? native.countRolesBits : countRolesBits, nat ? native.sumGroupCodes : sumGroupCodes);
    } catch {
      failed = 1;
    }
  if (!failed) Atomics.add(ctrl, ${COUNTED}, 1);
  Atomics.store(ctrl, ${FAILED}, failed);
  Atomics.store(ctrl, ${DONE}, seq);
  Atomics.notify(ctrl, ${DONE});
}
`;

/** A job as the worker takes it: without the arrays that only list counting reads. */
function forWorker(job: FacetJob): FacetJob {
  const { docOf: _, ...cols } = job.cols;
  const { docCount: __, ...counts } = job.counts;
  return { ...job, cols: cols as FacetJob["cols"], counts: counts as FacetJob["counts"] };
}

/** Every typed array of a job, in a fixed order (to tell whether the worker has them). */
function arraysOf(job: FacetJob): Int32Array[] {
  return [job.bits, ...Object.values(job.cols), ...Object.values(job.counts), job.groupCodes, ...job.codeCounts, ...job.codeTouched, job.codesOut, ...job.roles, job.roleOut];
}

export class FacetThread {
  private static instance: FacetThread | null | undefined;

  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8 * 4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private sent: Int32Array[] = [];
  private gen = 0;
  private seq = 0;
  private broken = false;

  private constructor() {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const nativePath = nativeKernels ? NATIVE_PATH : null;
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ctrl: this.ctrl, port: port2, nativePath }, transferList: [port2] });
    this.worker.unref();
    this.port.unref();
    this.worker.on("error", () => (this.broken = true));
  }

  /** The thread of this process, started on first use; null where worker threads cannot start. */
  static get(): FacetThread | null {
    if (FacetThread.instance === undefined) {
      try {
        FacetThread.instance = new FacetThread();
      } catch {
        FacetThread.instance = null;
      }
    }
    return FacetThread.instance;
  }

  /** Start counting (`native`: with the native kernel); false when it cannot run there (the caller counts itself). */
  start(whole: FacetJob, native: boolean): boolean {
    if (native && !nativeKernels) return false;
    if (this.broken) return false;
    const job = forWorker(whole);
    const arrays = arraysOf(job);
    if (!arrays.every((a) => a.buffer instanceof SharedArrayBuffer)) return false;
    if (arrays.length !== this.sent.length || arrays.some((a, i) => a !== this.sent[i])) {
      this.gen++;
      this.port.postMessage({ gen: this.gen, job });
      this.sent = arrays;
      Atomics.store(this.ctrl, GEN, this.gen);
    }
    this.ctrl[WORDS] = job.words;
    this.ctrl[NATIVE] = native ? 1 : 0;
    Atomics.store(this.ctrl, SEQ, ++this.seq);
    Atomics.notify(this.ctrl, SEQ);
    return true;
  }

  /** Jobs the worker has counted so far (for tests). */
  get counted(): number {
    return Atomics.load(this.ctrl, COUNTED);
  }

  /**
   * Claim the job started last when the worker has not begun it: true when the caller is now to count
   * it (its count arrays untouched); false when the worker has it (then wait with finish()).
   */
  claim(): boolean {
    const taken = Atomics.load(this.ctrl, TAKEN);
    return taken < this.seq && Atomics.compareExchange(this.ctrl, TAKEN, taken, this.seq) === taken;
  }

  /**
   * Wait for the job started last (claimed by the worker). False when it failed or never finished: the thread is then given
   * up, and the job's count arrays may hold partial counts (the caller replaces them).
   */
  finish(): boolean {
    const start = performance.now();
    while (Atomics.load(this.ctrl, DONE) !== this.seq && performance.now() - start < SPIN_MS && !this.broken);
    const deadline = start + WAIT_MS;
    while (Atomics.load(this.ctrl, DONE) !== this.seq) {
      const left = deadline - performance.now();
      if (left <= 0 || this.broken) {
        this.broken = true;
        return false;
      }
      Atomics.wait(this.ctrl, DONE, this.seq - 1, left);
    }
    if (Atomics.load(this.ctrl, FAILED)) {
      this.broken = true;
      return false;
    }
    return true;
  }
}
