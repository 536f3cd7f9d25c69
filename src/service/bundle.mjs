// `npm start`'s prestart: the service as one JavaScript module, .build/server.mjs, bundled by esbuild from
// src/service/server.ts and the project's modules it imports (packages stay imports), so that a start neither
// compiles TypeScript nor registers tsx's module hooks (together 1.5–3 s of a start). Built again only
// when one of its sources changed (each input's size and modification time are recorded beside it).
// The worker threads' entries are bundled beside it, one .build/<name>.mjs each (WORKERS; worker-file.ts
// picks them when the process runs from the bundle: the banner records the bundle's folder in
// globalThis.__policyBundle), with their dynamic imports as modules of their own (chunk-*.mjs), so that
// a parser is loaded when its format first comes, as from the sources. Each module keeps its own
// import.meta.url (data files and native addons are found next to their source). Without esbuild, or when
// the bundle cannot be built, .build/server.mjs runs src/service/server.ts through tsx as before; when only the
// workers cannot be built, their modules are removed and the workers run their sources through tsx.
// Plain JavaScript: it runs before anything is compiled. `node src/service/bundle.mjs --force` rebuilds;
// `--out <dir>` builds into another folder (tests; it must lie inside the project, for the packages).
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const outArg = process.argv.indexOf("--out");
const OUT_DIR = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(ROOT, ".build");
const OUT = join(OUT_DIR, "server.mjs");
const STAMP = join(OUT_DIR, "server.json");
const ENTRY = join(ROOT, "src", "service", "server.ts");

/** The worker threads' entries (worker-file.ts's names), bundled as .build/<name>.mjs. */
const WORKERS = {
  "library-worker": "index/library/build-worker.ts",
  "comparison-worker": "src/comparison/worker.ts",
  "export-worker": "src/exports/worker.ts",
  "loader-worker": "extract/loaders/worker-entry.mjs",
  "ocr-worker": "extract/loaders/ocr-worker-entry.mjs",
  "postgres-worker": "index/store/postgres/worker.ts",
};
const WORKERS_STAMP = join(OUT_DIR, "workers.json");

/** What the bundle was built from: node and esbuild versions, and each input's size and mtime. */
function stampOf(inputs, esbuildVersion) {
  const files = {};
  for (const f of inputs) {
    const st = statSync(join(ROOT, f));
    files[f] = [st.size, st.mtimeMs];
  }
  return { node: process.version, esbuild: esbuildVersion, files };
}

/** Whether the outputs exist and `stampFile` records the sources as they are now. */
function upToDate(stampFile, outputs) {
  try {
    const stamp = JSON.parse(readFileSync(stampFile, "utf8"));
    for (const f of outputs) statSync(f);
    if (stamp.node !== process.version || stamp.fallback) return false;
    for (const [f, [size, mtime]] of Object.entries(stamp.files)) {
      const st = statSync(join(ROOT, f));
      if (st.size !== size || st.mtimeMs !== mtime) return false;
    }
    return true;
  } catch {
    return false;
  }
}

// Packages that serving searches does not need at start: spreadsheets (exports, task imports), the
// PostgreSQL driver and its synchronous bridge (only with DATABASE_URL), the worker pools (started after
// ready), ZIP and legacy-encoding readers (uploads). Together 0.3–0.5 s of a start.
const LAZY = /^(exceljs|pg|piscina|synckit|yauzl|iconv-lite)$/;
// In the workers the same, but piscina: the export worker reads its symbols (transferableSymbol), and a
// pool's worker has loaded it anyway.
const LAZY_IN_WORKERS = /^(exceljs|pg|synckit|yauzl|iconv-lite)$/;

/**
 * A module standing for CommonJS package `name`, required when first used: its default export and each
 * named export (classes and functions: called, constructed or read through) forward to the real one.
 */
function lazyModule(name, root) {
  const FUNCTION_OWN = new Set(["default", "length", "name", "prototype", "arguments", "caller"]);
  const names = Object.getOwnPropertyNames(createRequire(join(root, "package.json"))(name)).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && !FUNCTION_OWN.has(k));
  return `import { createRequire } from "node:module";
let real;
const load = () => (real ??= createRequire(import.meta.url)(${JSON.stringify(name)}));
const forward = (get) => new Proxy(function () {}, {
  get: (_, k) => get()[k],
  has: (_, k) => k in get(),
  apply: (_, self, args) => Reflect.apply(get(), self, args),
  construct: (_, args) => Reflect.construct(get(), args),
  ownKeys: () => Reflect.ownKeys(get()),
  getOwnPropertyDescriptor: (_, k) => {
    const d = Reflect.getOwnPropertyDescriptor(get(), k);
    return d && { ...d, configurable: true };
  },
  getPrototypeOf: () => Reflect.getPrototypeOf(get()),
});
export default forward(load);
${names.map((k) => `export const ${k} = forward(() => load()[${JSON.stringify(k)}]);`).join("\n")}
`;
}

/** esbuild plugin: a project module's import.meta.url (dirname, filename) stays its source file's, relative to the bundle. */
const ownUrls = (lazy) => ({
  name: "own-import-meta",
  setup(build) {
    // Packages that serving searches does not need (LAZY) are required on first use instead of at start.
    build.onResolve({ filter: lazy }, (args) => (args.importer.includes(`${sep}node_modules${sep}`) ? undefined : { path: args.path, namespace: "lazy" }));
    build.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({ contents: lazyModule(args.path, ROOT), loader: "js" }));
    // A package's JSON imported with { type: "json" } is bundled (an external import would lose the attribute).
    build.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: createRequire(args.importer).resolve(args.path) }));
    build.onLoad({ filter: /\.(ts|mts|js|mjs)$/ }, (args) => {
      if (args.path.includes(`${sep}node_modules${sep}`)) return undefined;
      let text = readFileSync(args.path, "utf8");
      if (text.includes("import.meta.")) {
        const rel = JSON.stringify(relative(OUT_DIR, args.path).split(sep).join("/"));
        text = text
          .replace(/\bimport\.meta\.url\b/g, `new URL(${rel}, import.meta.url).href`)
          .replace(/\bimport\.meta\.filename\b/g, `__pkFile(${rel})`)
          .replace(/\bimport\.meta\.dirname\b/g, `__pkDir(${rel})`);
      }
      return { contents: text, loader: /\.m?ts$/.test(args.path) ? "ts" : "js" };
    });
  },
});

const BANNER = [
  'import { fileURLToPath as __pkPath } from "node:url";',
  'import { dirname as __pkDirname } from "node:path";',
  "const __pkFile = (rel) => __pkPath(new URL(rel, import.meta.url));",
  "const __pkDir = (rel) => __pkDirname(__pkFile(rel));",
  "globalThis.__policyBundle ??= new URL(\".\", import.meta.url).href;",
].join("\n");

/** The fallback: the sources through tsx, as `npm start` ran them before the bundle. */
function writeFallback(reason) {
  const entry = JSON.stringify(pathToFileURL(ENTRY).href);
  put(OUT, `// 未能打包（${reason}）：经 tsx 运行源代码\nimport { register } from "tsx/esm/api";\nregister();\nawait import(${entry});\n`);
  put(STAMP, JSON.stringify({ node: process.version, fallback: true, files: {} }));
}

/** Write a file whole or not at all (several `npm start` may build at once: the last rename wins). */
function put(path, text) {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** esbuild's first error (file, line, text) rather than its summary line. */
function reasonOf(e) {
  const first = e.errors?.[0];
  return first ? `${first.location ? `${first.location.file}:${first.location.line}：` : ""}${first.text}` : String(e.message).split("\n")[0];
}

/** The build's stamp, unless a source changed while it was bundled (then none: the next start builds again). */
function writeStamp(stampFile, metafile, esbuildVersion, started) {
  // This file too: a change of how the bundle is made (its banner, its plugins) builds again.
  const inputs = ["src/service/bundle.mjs", ...Object.keys(metafile.inputs).filter((f) => !f.includes("node_modules/") && !f.startsWith("lazy:"))];
  const stamp = stampOf(inputs, esbuildVersion);
  if (Object.values(stamp.files).some(([, mtime]) => mtime >= started - 1000)) rmSync(stampFile, { force: true });
  else put(stampFile, JSON.stringify(stamp));
}

const COMMON = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  format: "esm",
  target: `node${process.versions.node.split(".")[0]}`,
  packages: "external",
  banner: { js: BANNER },
  metafile: true,
  logLevel: "silent",
  legalComments: "none",
};

async function buildServer(esbuild) {
  const tmp = `${OUT}.${process.pid}.tmp`;
  const started = Date.now();
  try {
    const r = await esbuild.build({ ...COMMON, entryPoints: [ENTRY], outfile: tmp, plugins: [ownUrls(LAZY)] });
    renameSync(tmp, OUT);
    writeStamp(STAMP, r.metafile, esbuild.version, started);
  } catch (e) {
    const reason = reasonOf(e);
    writeFallback(reason.slice(0, 200));
    process.stderr.write(`服务未能打包（${reason}）：经 tsx 从源代码启动（较慢）\n`);
  }
}

const workerOutputs = () => Object.keys(WORKERS).map((n) => join(OUT_DIR, `${n}.mjs`));

/**
 * The workers' modules, built in a folder of their own and then moved beside server.mjs, the shared chunks
 * first and each entry whole (a worker starting meanwhile loads the old entry or the new one). Chunks are
 * named by their content; those no build uses are removed after a day (a running service may still load one).
 */
async function buildWorkers(esbuild) {
  const tmpDir = join(OUT_DIR, `.workers.${process.pid}.tmp`);
  const started = Date.now();
  try {
    const r = await esbuild.build({
      ...COMMON,
      entryPoints: Object.fromEntries(Object.entries(WORKERS).map(([name, src]) => [name, join(ROOT, src)])),
      outdir: tmpDir,
      splitting: true,
      entryNames: "[name]",
      chunkNames: "chunk-[hash]",
      outExtension: { ".js": ".mjs" },
      plugins: [ownUrls(LAZY_IN_WORKERS)],
    });
    const outputs = Object.keys(r.metafile.outputs).map((f) => basename(f));
    const entries = new Set(Object.keys(WORKERS).map((n) => `${n}.mjs`));
    for (const f of [...outputs.filter((f) => !entries.has(f)), ...outputs.filter((f) => entries.has(f))]) renameSync(join(tmpDir, f), join(OUT_DIR, f));
    writeStamp(WORKERS_STAMP, r.metafile, esbuild.version, started);
    const keep = new Set(outputs);
    for (const f of readdirSync(OUT_DIR)) {
      try {
        if (/^chunk-\w+\.mjs$/.test(f) && !keep.has(f) && Date.now() - statSync(join(OUT_DIR, f)).mtimeMs > 86_400_000) rmSync(join(OUT_DIR, f), { force: true });
      } catch {
        // removed meanwhile by another build
      }
    }
  } catch (e) {
    // The workers run their TypeScript sources through tsx (worker-file.ts finds no bundled module).
    for (const f of [...workerOutputs(), WORKERS_STAMP]) rmSync(f, { force: true });
    process.stderr.write(`工作线程未能打包（${reasonOf(e)}）：工作线程经 tsx 运行源代码（启动较慢）\n`);
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

async function build(force) {
  mkdirSync(OUT_DIR, { recursive: true });
  const server = force || !upToDate(STAMP, [OUT]);
  const workers = force || !upToDate(WORKERS_STAMP, workerOutputs());
  if (!server && !workers) return;
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    if (server) writeFallback("没有 esbuild");
    for (const f of [...workerOutputs(), WORKERS_STAMP]) rmSync(f, { force: true });
    process.stderr.write("未找到 esbuild：服务经 tsx 从源代码启动（较慢）\n");
    return;
  }
  await Promise.all([server && buildServer(esbuild), workers && buildWorkers(esbuild)]);
}

try {
  await build(process.argv.includes("--force"));
} catch (e) {
  // .build/ cannot be written (a read-only checkout): say how to start without it.
  process.stderr.write(`无法生成 ${relative(process.cwd(), OUT)}（${e.message}）：可用 node --import tsx src/service/server.ts 直接从源代码启动\n`);
  process.exit(1);
}
