// The store engines a test file runs its cases on: SQLite always, PostgreSQL on a throwaway server when
// the machine can start one (tests/helpers/postgres.ts). Kept apart from postgres.ts, which the benches
// import outside vitest.
import { join } from "node:path";
import { afterAll } from "vitest";
import type { StoreTarget } from "../../index/store/engine.ts";
import { startTestPostgres, type TestPostgres } from "./postgres.ts";

/** A store engine a test file runs its cases on: where the store of a temp directory lives. */
export interface TestEngine {
  name: string;
  target(dir: string): Promise<StoreTarget>;
}

/**
 * A test file's store engines: SQLite, and PostgreSQL on a throwaway server when one can be started
 * (stopped after the file's tests; without one, the reason is printed and only SQLite is listed).
 */
export async function testEngines(): Promise<{
  server: TestPostgres | string;
  engines: TestEngine[];
}> {
  const server = await startTestPostgres();
  if (typeof server === "string") console.warn(server);
  afterAll(async () => {
    if (typeof server !== "string") await server.stop();
  });
  const engines: TestEngine[] = [
    { name: "SQLite", target: async (dir) => ({ dataDir: join(dir, "data") }) },
    ...(typeof server === "string"
      ? []
      : [
          {
            name: "PostgreSQL",
            target: async (dir: string) => ({
              dataDir: join(dir, "data"),
              databaseUrl: await server.fresh(),
            }),
          },
        ]),
  ];
  return { server, engines };
}
