import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";

/**
 * Prisma's migration engine, WebAssembly build (no native binary, no download).
 * The package's entry imports the .wasm file as an ES module, which Node 20
 * only allows behind a flag; we instantiate the same file by hand instead so
 * that plain `tsx`, vitest and the server can all use it.
 */
type Bg = Record<string, unknown> & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: typeof SchemaEngine;
};

let bgPromise: Promise<Bg> | undefined;

async function loadBindings(): Promise<Bg> {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const bg = (await import(
    /* webpackIgnore: true */ "@prisma/schema-engine-wasm/schema_engine_bg"
  )) as unknown as Bg;
  const bytes = await readFile(path.join(pkgDir, "schema_engine_bg.wasm"));
  const wasm = await WebAssembly.compile(new Uint8Array(bytes));
  const instance = await WebAssembly.instantiate(wasm, { "./schema_engine_bg.js": bg as WebAssembly.ModuleImports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: string,
): Promise<SchemaEngine> {
  bgPromise ??= loadBindings();
  const bg = await bgPromise;
  return bg.SchemaEngine.new(
    { datamodels: [["schema.prisma", schema]] },
    () => {},
    bindMigrationAwareSqlAdapterFactory(factory),
  );
}
