// `npm start`'s prestart: the service as one JavaScript module, .build/server.mjs, bundled by esbuild from
// src/server.ts and the project's modules it imports (packages stay imports), so that a start neither
// compiles TypeScript nor registers tsx's module hooks (together 1.5–3 s of a start). Built again only
// when one of its sources changed (each input's size and modification time are recorded beside it).
// Each module keeps its own import.meta.url (data files and worker scripts are found next to their
// source, and the workers still run the TypeScript sources through tsx). Without esbuild, or when the
// bundle cannot be built, .build/server.mjs runs src/server.ts through tsx as before.
// Plain JavaScript: it runs before anything is compiled. `node src/bundle.mjs --force` rebuilds.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(ROOT, ".build");
const OUT = join(OUT_DIR, "server.mjs");
const STAMP = join(OUT_DIR, "server.json");
const ENTRY = join(ROOT, "src", "server.ts");

/** What the bundle was built from: node and esbuild versions, and each input's size and mtime. */
function stampOf(inputs, esbuildVersion) {
  const files = {};
  for (const f of inputs) {
    const st = statSync(join(ROOT, f));
    files[f] = [st.size, st.mtimeMs];
  }
  return { node: process.version, esbuild: esbuildVersion, files };
}

function upToDate() {
  try {
    const stamp = JSON.parse(readFileSync(STAMP, "utf8"));
    statSync(OUT);
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
const ownUrls = {
  name: "own-import-meta",
  setup(build) {
    // Packages that serving searches does not need (LAZY) are required on first use instead of at start.
    build.onResolve({ filter: LAZY }, (args) => (args.importer.includes(`${sep}node_modules${sep}`) ? undefined : { path: args.path, namespace: "lazy" }));
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
};

const BANNER = [
  'import { fileURLToPath as __pkPath } from "node:url";',
  'import { dirname as __pkDirname } from "node:path";',
  "const __pkFile = (rel) => __pkPath(new URL(rel, import.meta.url));",
  "const __pkDir = (rel) => __pkDirname(__pkFile(rel));",
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

async function build() {
  mkdirSync(OUT_DIR, { recursive: true });
  let esbuild;
  try {
    esbuild = await import("esbuild");
  } catch {
    writeFallback("没有 esbuild");
    process.stderr.write("未找到 esbuild：服务经 tsx 从源代码启动（较慢）\n");
    return;
  }
  const tmp = `${OUT}.${process.pid}.tmp`;
  const started = Date.now();
  try {
    const r = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      bundle: true,
      platform: "node",
      format: "esm",
      target: `node${process.versions.node.split(".")[0]}`,
      packages: "external",
      outfile: tmp,
      banner: { js: BANNER },
      plugins: [ownUrls],
      metafile: true,
      logLevel: "silent",
      legalComments: "none",
    });
    const inputs = Object.keys(r.metafile.inputs).filter((f) => !f.includes("node_modules/") && !f.startsWith("lazy:"));
    const stamp = stampOf(inputs, esbuild.version);
    renameSync(tmp, OUT);
    // A source changed while it was bundled: no stamp, so that the next start builds again.
    if (Object.values(stamp.files).some(([, mtime]) => mtime >= started - 1000)) rmSync(STAMP, { force: true });
    else put(STAMP, JSON.stringify(stamp));
  } catch (e) {
    // esbuild's first error (file, line, text) rather than its summary line.
    const first = e.errors?.[0];
    const reason = first ? `${first.location ? `${first.location.file}:${first.location.line}：` : ""}${first.text}` : String(e.message).split("\n")[0];
    writeFallback(reason.slice(0, 200));
    process.stderr.write(`服务未能打包（${reason}）：经 tsx 从源代码启动（较慢）\n`);
  }
}

try {
  if (process.argv.includes("--force") || !upToDate()) await build();
} catch (e) {
  // .build/ cannot be written (a read-only checkout): say how to start without it.
  process.stderr.write(`无法生成 ${relative(process.cwd(), OUT)}（${e.message}）：可用 node --import tsx src/server.ts 直接从源代码启动\n`);
  process.exit(1);
}
