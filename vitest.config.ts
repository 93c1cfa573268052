import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL(".", import.meta.url));

const shared = {
  resolve: {
    alias: {
      "@/": root,
      // `server-only` throws outside Next's bundler; tests use an empty module.
      "server-only": `${root}tests/support/empty-module.ts`,
    },
  },
};

export default defineConfig({
  ...shared,
  test: {
    // Sized for the 2-core machines CI runs on; PGlite is WebAssembly and CPU-bound.
    maxWorkers: 2,
    projects: [
      {
        ...shared,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        ...shared,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          // Migrates one template database (PGlite snapshot or PostgreSQL template) for every test file.
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
