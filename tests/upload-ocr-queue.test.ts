// A scan uploaded while another file's OCR runs (one at a time, LIMITS.ocr) is handed over to a job as soon as it
// joins the queue, on a real `npm start` on 127.0.0.1: the upload was answered only when its own OCR began, so the
// request hung as long as the file before it took (the 37-page 常熟 scan: many minutes). The answer comes while the
// first job is still running, its pages not yet known (0); both jobs are then cancelled.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SHARED, listDir } from "./helpers/paths.ts";
import { startServer, type RunningServer } from "./helpers/server.ts";

const TOKEN = "ocr-queue-token";
const auth = { authorization: `Bearer ${TOKEN}` };
const scanDir = join(SHARED, "scanned-fixtures");
const LONG = 300_000;
let srv: RunningServer;

const upload = (buf: Buffer, name: string, query = "") => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(buf)]), name);
  return fetch(`${srv.base}/api/documents${query}`, { method: "POST", headers: auth, body: form });
};
const job = async (url: string) => (await (await fetch(`${srv.base}${url}`)).json()) as { state: string; page: number; pages: number };

describe.skipIf(!existsSync(scanDir))("a scan queued behind another file's OCR", () => {
  beforeAll(async () => {
    srv = await startServer({ API_TOKEN: TOKEN });
  }, LONG);
  afterAll(() => srv?.stop());

  it("is answered 202 with its job while the first is still read, and cancels", async () => {
    const scan = readFileSync(join(scanDir, listDir(scanDir).find((f) => f.startsWith("changshu-"))!));
    const first = await upload(scan, "常熟扫描件.pdf", "?async=1");
    expect(first.status).toBe(202);
    const a = (await first.json()) as { url: string };
    // wait until the first holds the OCR place (its pages known)
    for (let s = await job(a.url); s.pages === 0 && s.state === "running"; s = await job(a.url)) await new Promise((r) => setTimeout(r, 300));
    // the same scan again, under another name, uploaded synchronously: it waits for the place
    const second = await upload(scan, "常熟扫描件-2.pdf");
    expect(second.status).toBe(202);
    const b = (await second.json()) as { url: string; state: string; pages: number };
    expect(b).toMatchObject({ state: "running", pages: 0 });
    expect((await job(a.url)).state).toBe("running");
    for (const url of [b.url, a.url]) expect((await fetch(`${srv.base}${url}`, { method: "DELETE", headers: auth })).status).toBeLessThan(300);
    for (const url of [b.url, a.url]) {
      let s = await job(url);
      for (let i = 0; s.state === "running" && i < 200; i++, s = await job(url)) await new Promise((r) => setTimeout(r, 300));
      expect(s.state).toBe("cancelled");
    }
  }, LONG);
});
