import "server-only";
import { blobStore } from "@/lib/artefacts/store";
import { isS3ConfigurationError, type BlobStore } from "@/lib/blobstore";
import { db } from "@/lib/db";
import { TIMED_OUT, withTimeout } from "@/lib/timeout";
import { migrationNames } from "@/lib/db/migration-files";
import { VERSION } from "@/lib/version";

/**
 * What /api/health answers. It is public and polled: counts and times only (no addresses, subjects,
 * payloads or hashes), each from one indexed query.
 */
export interface Health {
  ok: boolean;
  version: string;
  database: { ok: boolean; error?: string };
  migrations: { ok: boolean; pending: string[]; applied: number };
  /** Notifications not yet sent (OutboxMessage pending), and how long the oldest has waited. */
  outbox?: { waiting: number; oldestWaitingSeconds: number | null };
  /** The job that has waited longest past its run time (queued, due), or null when none waits. */
  jobs?: { oldestWaiting: { kind: string; ageSeconds: number } | null };
  /** The last signed checkpoint of the activity chain (lib/audit/checkpoint.ts), or null before the first. */
  auditCheckpoint?: { at: string; count: number } | null;
  /**
   * The blob store answers (the folder is writable; the bucket of BLOB_STORE_URL is there and takes
   * the credentials): checked at most every BLOB_CHECK_TTL_MS. It does not decide `ok` (pages other
   * than file uploads and downloads work without it; a load balancer should not drop every instance
   * for it); monitor it on its own. No address or bucket name here: it is public.
   */
  blobStore?: { ok: boolean; kind: "local" | "s3"; error?: string; checkedSecondsAgo: number };
}

/** How long a blob store check is reused: health is polled (and is the load benchmark's page), the store's HEAD is a network round trip. */
export const BLOB_CHECK_TTL_MS = 10_000;
const g = globalThis as unknown as { logdeskBlobHealth?: { store: BlobStore; at: number; result: Promise<{ ok: boolean; error?: string }> } };

/** How long health waits for the blob store's check before it reports the store as not answering. */
export const BLOB_CHECK_TIMEOUT_MS = 3_000;
/** The store's check, reused for BLOB_CHECK_TTL_MS (one check in flight at a time, however many requests). */
export async function blobStoreHealth(store: BlobStore = blobStore(), now = Date.now()): Promise<NonNullable<Health["blobStore"]>> {
  const kind = store.describe().startsWith("s3://") ? "s3" : "local";
  let cached = g.logdeskBlobHealth;
  if (!cached || cached.store !== store || now - cached.at > BLOB_CHECK_TTL_MS) {
    // Bounded: a store that takes connections but never answers must not hold health (and the load
    // balancer's check) for the SDK's two minutes times its retries.
    const result = withTimeout(store.check(), BLOB_CHECK_TIMEOUT_MS).then(
      () => ({ ok: true }),
      (err: unknown) => ({
        ok: false,
        error:
          err === TIMED_OUT
            ? `The file store did not answer within ${BLOB_CHECK_TIMEOUT_MS / 1000} seconds.`
            : isS3ConfigurationError(err)
              ? "The file store refused the portal (a missing bucket or rejected credentials)."
              : "The file store cannot be reached.",
      }),
    );
    cached = g.logdeskBlobHealth = { store, at: now, result };
  }
  const r = await cached.result;
  return { ...r, kind, checkedSecondsAgo: Math.max(0, Math.round((now - cached.at) / 1000)) };
}

const secondsSince = (t: Date, now: Date) => Math.max(0, Math.round((now.getTime() - t.getTime()) / 1000));

/** The backlog figures: indexes OutboxMessage(status, createdAt), Job(status, runAt), ActivityCheckpoint(count). */
async function backlog(now: Date): Promise<Pick<Health, "outbox" | "jobs" | "auditCheckpoint">> {
  const prisma = db();
  const [waiting, oldestMessage, oldestJob, checkpoint] = await Promise.all([
    prisma.outboxMessage.count({ where: { status: "pending" } }),
    prisma.outboxMessage.findFirst({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    prisma.job.findFirst({ where: { status: "queued", runAt: { lte: now } }, orderBy: { runAt: "asc" }, select: { kind: true, runAt: true } }),
    prisma.activityCheckpoint.findFirst({ orderBy: { count: "desc" }, select: { at: true, count: true } }),
  ]);
  return {
    outbox: { waiting, oldestWaitingSeconds: oldestMessage ? secondsSince(oldestMessage.createdAt, now) : null },
    jobs: { oldestWaiting: oldestJob ? { kind: oldestJob.kind, ageSeconds: secondsSince(oldestJob.runAt, now) } : null },
    auditCheckpoint: checkpoint ? { at: checkpoint.at.toISOString(), count: Number(checkpoint.count) } : null,
  };
}

/** One round trip to the database (GET /api/health/db, the load balancer's check); never throws. */
export async function pingDatabase(): Promise<boolean> {
  try {
    await db().$queryRaw`SELECT 1`;
    return true;
  } catch {
    return false;
  }
}

/** Database reachable, every migration on disk applied, the version, and the backlog. Never throws. */
export async function checkHealth(now = new Date()): Promise<Health> {
  const health: Health = { ok: false, version: VERSION, database: { ok: false }, migrations: { ok: false, pending: [], applied: 0 } };
  // Beside the database queries, not after them (usually a cached answer anyway).
  const blob = blobStoreHealth().catch(() => undefined);
  try {
    await db().$queryRaw`SELECT 1`;
    health.database.ok = true;
    const rows = await db().$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    const applied = new Set(rows.map((r) => r.migration_name));
    const pending = (await migrationNames()).filter((m) => !applied.has(m));
    health.migrations = { ok: pending.length === 0, pending, applied: applied.size };
  } catch (err) {
    health.database.error = health.database.ok ? undefined : "The database cannot be reached.";
    if (health.database.ok) health.migrations = { ok: false, pending: ["(could not read the migrations table)"], applied: 0 };
    void err;
  }
  // The backlog only on a migrated database (its tables may not exist before); it does not decide `ok`.
  if (health.migrations.ok) {
    try {
      Object.assign(health, await backlog(now));
    } catch {
      // Reported as absent: the database answered above, so `ok` stands.
    }
  }
  // Absent only when no store can even be made of the configuration (the start refused it already).
  health.blobStore = await blob;
  health.ok = health.database.ok && health.migrations.ok;
  return health;
}
