// `cli openapi`: the OpenAPI document of the HTTP API on stdout (the same as GET /api/openapi.json), for
// generating clients without a running service: npm run --silent cli -- openapi > openapi.json
import { createApp } from "../http/app.ts";
import type { StoreEngine as Store } from "../../index/store/engine.ts";

export const OPENAPI_USAGE = "  npm run --silent cli -- openapi > openapi.json                接口的 OpenAPI 3.1 文档（用于生成客户端）";

export async function cmdOpenapi(args: string[]): Promise<void> {
  if (args.length > 0) throw new Error(`openapi 不接受参数：${args.join(" ")}`);
  // Routes are only described, never called: no data directory is opened.
  const app = createApp({ store: null as unknown as Store, index: null, ready: false });
  const res = await app.request("/api/openapi.json");
  process.stdout.write(`${JSON.stringify(await res.json(), null, 2)}\n`);
}
