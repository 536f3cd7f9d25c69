import { defineConfig } from "vitest/config";
// Test files run one after another: several start real services, OCR and the loader fuzz run keep both
// cores busy, and on a 2-core machine running them side by side made browser waits time out at random.
export default defineConfig({
  test: { include: ["tests/**/*.test.ts"], testTimeout: 60000, hookTimeout: 120000, pool: "forks", fileParallelism: false },
});
