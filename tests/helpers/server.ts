// Start `npm start` on a free loopback port with a fresh data directory; stop it afterwards. Upload a
// file to it; serve an app in this process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { serve } from "@hono/node-server";
import { ROOT } from "./paths.ts";

export interface RunningServer {
  base: string;
  dataDir: string;
  /** Kill the service and remove its data directory at once. */
  stop(): void;
  /** Let the service shut down (it saves its index on the way out), then remove its data directory. */
  close(): Promise<void>;
  output(): string;
  /** Process group of `npm start` and its children. */
  group: number;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "policy-srv-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const proc: ChildProcess = spawn("npm", ["start"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: join(dataDir, "data"), ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  proc.stdout!.on("data", (b) => (out += b));
  proc.stderr!.on("data", (b) => (out += b));
  const stop = () => {
    try {
      if (proc.pid) process.kill(-proc.pid, "SIGTERM");
    } catch {
      // already gone
    }
    // A service stopping may still write its data directory (ENOTEMPTY): retry with backoff.
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  const close = async () => {
    try {
      process.kill(-proc.pid!, "SIGTERM");
      for (let i = 0; i < 200; i++) {
        process.kill(-proc.pid!, 0);
        await new Promise((r) => setTimeout(r, 50));
      }
    } catch {
      // the process group is gone
    }
    stop();
  };
  for (let i = 0; i < 1200; i++) {
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.status === 200) return { base, dataDir, stop, close, output: () => out, group: proc.pid! };
    } catch {
      // not listening yet
    }
    if (proc.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  throw new Error(`server did not become ready:\n${out}`);
}

/** Upload a file with a token; its document id (the upload must succeed). */
export async function uploadFile(srv: RunningServer, file: string, token: string): Promise<string> {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(readFileSync(file))]), basename(file));
  const r = await fetch(`${srv.base}/api/documents`, { method: "POST", body: form, headers: { authorization: `Bearer ${token}` } });
  if (r.status !== 200) throw new Error(`upload of ${basename(file)}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { id: string }).id;
}

/** Serve an app in this process on a free loopback port (no `npm start`); close() stops it. */
export async function serveApp(app: { fetch: (req: Request) => Response | Promise<Response> }): Promise<{ base: string; close(): void }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => resolve({ base: `http://127.0.0.1:${info.port}`, close: () => server.close() }));
  });
}
