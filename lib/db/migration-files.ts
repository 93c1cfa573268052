import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";

/** The migration folders on disk. No engine here: the health check reads these too. */
export const PRISMA_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma");
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
export const LOCKFILE = "migration_lock.toml";

export async function readSchema(): Promise<string> {
  return readFile(path.join(PRISMA_DIR, "schema.prisma"), "utf8");
}

/** The migration folders on disk, in the shape the schema engine reads. */
export async function readMigrationList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  let names: string[] = [];
  try {
    const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  let lock: string | null = null;
  try {
    lock = await readFile(path.join(dir, LOCKFILE), "utf8");
  } catch {
    lock = null;
  }
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: lock },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(dir, name, "migration.sql"), "utf8")
            .then((value) => ({ tag: "ok" as const, value }))
            .catch((e: Error) => ({ tag: "error" as const, value: e.message })),
        },
      })),
    ),
  };
}

export async function migrationNames(dir = MIGRATIONS_DIR): Promise<string[]> {
  return (await readMigrationList(dir)).migrationDirectories.map((d) => d.path);
}

