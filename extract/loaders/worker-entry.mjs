// Worker bootstrap (see isolate.ts). The parsing libraries are imported natively first: under tsx's module
// hooks the same imports take seconds (pdf.js alone ~1 s), natively a few hundred milliseconds. tsx is then
// registered for the project's own TypeScript, and worker.ts runs the job found in workerData. Bundled
// (.build/loader-worker.mjs, src/service/bundle.mjs) there is no TypeScript left: tsx is not registered, and
// worker.ts and each parser are modules of their own beside it, loaded when first needed.
import { workerData } from "node:worker_threads";

// The libraries' warnings (pdf.js writes them with console.log) are not the service's output, nor the CLI's
// JSON on stdout.
for (const k of ["log", "info", "warn", "error", "debug"]) console[k] = () => {};

const PACKAGES = {
  html: ["linkedom", "@mozilla/readability", "iconv-lite"],
  pdf: ["pdf-parse", "iconv-lite"],
  docx: ["mammoth", "linkedom", "yauzl", "iconv-lite"],
  doc: ["word-extractor", "iconv-lite"],
  ofd: ["@xmldom/xmldom", "yauzl"],
};
await Promise.all((PACKAGES[workerData?.format] ?? []).map((p) => import(p)));
if (workerData?.format === "pdf") {
  // pdf.js runs its parser in this thread ("fake worker"); handing it the module avoids a second, hooked import.
  globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
}
if (!globalThis.__policyBundle) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./worker.ts");
