import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sealLegacyEntries } from "@/lib/audit/verify";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase, type Database } from "@/lib/db/open";
import { isEmptyDatabase, seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import type { Env } from "@/lib/env";
import { logger } from "@/lib/logger";

/**
 * The embedded default needs no configuration: the session secret is made
 * once and kept in the data folder. With PostgreSQL it must be configured.
 */
export function ensureSessionSecret(dataDir: string): string {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, "session-secret");
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    /* first start */
  }
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

export interface BootResult {
  database: Database;
  applied: string[];
  seededDemo: boolean;
}

/** Opens the database (taking the PGlite folder lock), applies pending migrations, seeds. */
export async function bootDatabase(e: Env): Promise<BootResult> {
  const database = e.DATABASE_URL
    ? await openDatabase({ kind: "postgres", url: e.DATABASE_URL })
    : await openDatabase({ kind: "pglite-dir", dataDir: e.dataDir });
  try {
    const applied = await applyMigrations(database.factory);
    if (applied.length) logger.info("applied migrations", { applied });
    const sealed = await sealLegacyEntries(database.prisma);
    if (sealed) logger.info("chained activity-log entries written before the chain existed", { sealed });
    await seedReferenceData(database.prisma);
    // Demo users go only into the embedded default, or anywhere on explicit request.
    const wantDemo = e.LOGDESK_DEMO_DATA ?? e.embedded;
    let seededDemo = false;
    if (wantDemo && (await isEmptyDatabase(database.prisma))) {
      await seedDemoData(database.prisma);
      seededDemo = true;
    }
    return { database, applied, seededDemo };
  } catch (err) {
    await database.close();
    throw err;
  }
}
