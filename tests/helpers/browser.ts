// The web page in a real browser: Debian's chromium driven by playwright-core (installed by .ci/run when
// missing), against `npm start` on 127.0.0.1 with the write token; screenshots go to test-artifacts/.
import { afterAll, beforeAll } from "vitest";
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { startServer, type RunningServer } from "./server.ts";
import { ROOT } from "./paths.ts";

const CHROMIUM = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
export const ARTIFACTS = join(ROOT, "test-artifacts");
export const TOKEN = "browser-test-token";
export const EXTRA = join(ROOT, "..", "shared", "corpus-extra");

export interface BrowserSession {
  srv: RunningServer;
  browser: Browser;
  page: Page;
}

/** Registers hooks that start the service and the browser before the file's tests and stop both after; the session is filled in by then. */
export function useBrowser(): BrowserSession {
  const session = {} as BrowserSession;
  beforeAll(async () => {
    if (!CHROMIUM) throw new Error("没有找到 Debian 的 chromium（apt-get install chromium；.ci/run 会自动安装）");
    mkdirSync(ARTIFACTS, { recursive: true });
    session.srv = await startServer({ API_TOKEN: TOKEN });
    session.browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    session.page = await session.browser.newPage({ viewport: { width: 1366, height: 768 }, locale: "zh-CN" });
  });
  afterAll(async () => {
    await session.browser?.close();
    session.srv?.stop();
  });
  return session;
}
