import { AsyncLocalStorage } from "node:async_hooks";
import { withTimeout } from "@/lib/timeout";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { sealLegacyEntries } from "@/lib/audit/verify";
import { applyMigrations } from "@/lib/db/migrations";
import { releaseJobsOfDeadWorkers } from "@/lib/jobs";
import { abandonRedactionJob, REDACT_JOB } from "@/lib/artefacts/job";
import { openDatabase, type Database } from "@/lib/db/open";
import { isS3ConfigurationError, openBlobStore, type BlobStoreConfig } from "@/lib/blobstore";
import { isEmptyDatabase, seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { loadOrCreateSigningKey, signingKeyFromPem } from "@/lib/release/keys";
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

/** The demo history (lib/demo/history.ts) on the data folder's blob store and release key, with its one log line. */
export async function seedHistory(database: Database, e: Env): Promise<void> {
  const days = 90;
  // The services the history runs import next/headers (through lib/auth/session), which needs the
  // global AsyncLocalStorage that Next provides once it starts; boot runs before Next, so it is
  // provided here the way Next does it (next/dist/server/node-environment-baseline.js), and the
  // history is loaded only now.
  const g = globalThis as { AsyncLocalStorage?: unknown };
  if (typeof g.AsyncLocalStorage !== "function") g.AsyncLocalStorage = AsyncLocalStorage;
  const { seedDemoHistory } = await import("@/lib/demo/history");
  const signingKey = e.RELEASE_SIGNING_KEY ? signingKeyFromPem(e.RELEASE_SIGNING_KEY) : await loadOrCreateSigningKey(e.dataDir);
  const history = await seedDemoHistory(database.prisma, { now: new Date(), days, store: openBlobStore(blobStoreConfigOf(e)), signingKey });
  if (history.seeded) logger.info(`demo history: ${history.cases} cases over ${days} days in ${(history.ms / 1000).toFixed(1)} s`);
}

/** The configured store; tests pass only a folder. */
function blobStoreConfigOf(e: Pick<Env, "blobDir" | "dataDir"> & { blobStore?: BlobStoreConfig }): BlobStoreConfig {
  return e.blobStore ?? { kind: "local", dir: e.blobDir ?? path.join(e.dataDir, "blobs") };
}

/**
 * An object store (BLOB_STORE_URL) is checked before serving: a missing bucket or rejected
 * credentials refuse the start with the reason; one that does not answer (an outage) is logged and
 * reported by /api/health, and the portal starts (pages that need no file work).
 */
export async function checkBlobStoreAtStart(e: Pick<Env, "blobDir" | "dataDir"> & { blobStore?: BlobStoreConfig }): Promise<void> {
  const config = blobStoreConfigOf(e);
  if (config.kind !== "s3") return;
  try {
    // Bounded (it runs inside PostgreSQL's start-up lock, which other instances wait on).
    await withTimeout(openBlobStore(config).check(), 10_000);
  } catch (err) {
    if (isS3ConfigurationError(err)) throw new Error(`the blob store BLOB_STORE_URL is not usable: ${(err as Error).message}`, { cause: err });
    logger.warn("the blob store (BLOB_STORE_URL) does not answer; uploads and downloads fail until it does", { err: err instanceof Error ? err.message : "no answer within 10 s" });
  }
}

/**
 * What a crash (a kill, a power cut) leaves behind and a start clears before serving: temp files
 * of uploads cut off mid-way, and jobs still marked as run by a worker that is gone. On the
 * embedded default the folder lock is held, so every one of them is an orphan; on PostgreSQL
 * (several instances may share the database and the blob folder) only this host's dead processes'.
 */
export async function recoverAfterCrash(database: Database, e: Pick<Env, "embedded" | "blobDir" | "dataDir"> & { blobStore?: BlobStoreConfig }): Promise<void> {
  const jobs = await releaseJobsOfDeadWorkers(database.prisma, {
    everyHolder: e.embedded,
    onGivenUp: { [REDACT_JOB]: (job) => abandonRedactionJob(database.prisma, job) },
  });
  if (jobs.requeued || jobs.failed) logger.info("jobs of a stopped server released", jobs);
  // An object store is shared by whatever uses the bucket: only this host's dead writers' temps go now (s3.ts).
  const temp = await openBlobStore(blobStoreConfigOf(e))
    .sweepTemp(undefined, { orphans: e.embedded ? "all" : "dead-writers" })
    .catch((err: unknown) => {
      logger.warn("temporary uploads not swept at start (the blob store did not answer); the background sweep retries", { err: (err as Error).message });
      return 0;
    });
  if (temp) logger.info("temporary upload files of a stopped server removed", { files: temp });
}

export interface BootResult {
  database: Database;
  applied: string[];
  seededDemo: boolean;
}

/** pg_advisory_lock key of an instance's start-up work on PostgreSQL ("LDST"). */
export const STARTUP_LOCK_KEY = 0x4c445354;

/**
 * Runs `fn` holding a PostgreSQL session advisory lock on its own connection: several instances
 * started at once on one database do their start-up work (migrations, the activity chain's seal,
 * reference data, the demo seed, releasing dead workers' jobs) one after the other, so the second
 * finds the first's migrations applied and its demo data there instead of racing it. The lock goes
 * with the connection if this process dies.
 */
export async function withStartupLock<T>(url: string, fn: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK_KEY]);
    try {
      return await fn();
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end().catch(() => {});
  }
}

/** Opens the database (taking the PGlite folder lock, or PostgreSQL's start-up lock), applies pending migrations, seeds. */
export async function bootDatabase(e: Env): Promise<BootResult> {
  if (e.DATABASE_URL) {
    const url = e.DATABASE_URL;
    // Unset, each instance would make its own key in its own data folder (README, Several instances).
    const unset = (["AUDIT_CHECKPOINT_KEY", "RELEASE_SIGNING_KEY"] as const).filter((k) => !e[k]);
    if (unset.length) logger.warn(`${unset.join(" and ")} not set: this instance signs with a key made in its data folder; set ${unset.length > 1 ? "them" : "it"} the same on every instance`, { dataDir: e.dataDir });
    return withStartupLock(url, () => bootOpened(openDatabase({ kind: "postgres", url, poolSize: e.DATABASE_POOL_SIZE, preparedStatements: e.DATABASE_PREPARED_STATEMENTS }), e));
  }
  return bootOpened(openDatabase({ kind: "pglite-dir", dataDir: e.dataDir, thread: true, preparedStatements: e.DATABASE_PREPARED_STATEMENTS }), e);
}

async function bootOpened(opening: Promise<Database>, e: Env): Promise<BootResult> {
  const database = await opening;
  try {
    const applied = await applyMigrations(database.factory);
    if (applied.length) logger.info("applied migrations", { applied });
    const sealed = await sealLegacyEntries(database.prisma);
    if (sealed) logger.info("chained activity-log entries written before the chain existed", { sealed });
    await seedReferenceData(database.prisma);
    await checkBlobStoreAtStart(e);
    await recoverAfterCrash(database, e);
    // Demo users go only into the embedded default, or anywhere on explicit request.
    const wantDemo = e.LOGDESK_DEMO_DATA ?? e.embedded;
    let seededDemo = false;
    if (wantDemo && (await isEmptyDatabase(database.prisma))) {
      await seedDemoData(database.prisma);
      seededDemo = true;
      // Example cases over the last 90 days, unless LOGDESK_DEMO_HISTORY=off (the e2e servers).
      // A history that fails half-way (a bug, a full disk) must not keep the portal from starting.
      if (e.LOGDESK_DEMO_HISTORY !== false) {
        await seedHistory(database, e).catch((err: unknown) => logger.error("demo history not made: the portal starts with the demo staff and accounts only", { err }));
      }
    }
    return { database, applied, seededDemo };
  } catch (err) {
    await database.close();
    throw err;
  }
}
