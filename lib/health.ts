import "server-only";
import { db } from "@/lib/db";
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
  health.ok = health.database.ok && health.migrations.ok;
  return health;
}
