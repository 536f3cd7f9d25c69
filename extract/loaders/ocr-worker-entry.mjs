// OCR worker bootstrap (see ocr-pdf.ts): the libraries are imported natively first (as worker-entry.mjs does
// for the parsers), then tsx is registered for the project's own TypeScript and ocr-worker.ts runs the job.
// Bundled (.build/ocr-worker.mjs, src/service/bundle.mjs) tsx is not registered: nothing is left to compile.
await Promise.all(["pdf-parse", "sharp", "@gutenye/ocr-node"].map((p) => import(p)));
// pdf.js runs its parser in this thread ("fake worker"); handing it the module avoids a second, hooked import.
globalThis.pdfjsWorker = await import("pdfjs-dist/legacy/build/pdf.worker.mjs");
if (!globalThis.__policyBundle) {
  const { register } = await import("tsx/esm/api");
  register();
}
await import("./ocr-worker.ts");
