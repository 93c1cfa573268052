import "server-only";
import { db, type Tx } from "@/lib/db";
import { FORGET_AFTER_MS, remainingBlockMs, type ThrottleKey } from "./throttle-rule";

type Client = ReturnType<typeof db> | Tx;
type ThrottleRow = { key: string; failures: number; lastFailure: Date };

/** Milliseconds until every key may try again (0 = now), from the keys' rows. */
function blockedMs(rows: ThrottleRow[], keys: ThrottleKey[], now: Date): number {
  return Math.max(0, ...rows.map((r) => remainingBlockMs(r.failures, r.lastFailure, keys.find((k) => k.key === r.key)!.free, now)));
}

/**
 * Counts one failure against a key in one statement: the database adds it atomically (INSERT ...
 * ON CONFLICT DO UPDATE), so parallel guesses are all counted. A key whose last failure is older
 * than an hour starts again at 1. Returns the key's count.
 */
async function countFailure(client: Client, key: string, now: Date): Promise<number> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const rows = await client.$queryRaw<{ failures: number }[]>`
    INSERT INTO "SignInThrottle" ("key", "failures", "lastFailure") VALUES (${key}, 1, ${now})
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN "SignInThrottle"."lastFailure" < ${forgetBefore} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
      "lastFailure" = GREATEST("SignInThrottle"."lastFailure", EXCLUDED."lastFailure")
    RETURNING "failures"`;
  return Number(rows[0]!.failures);
}

/** Milliseconds until every key may try again (0 = now), read without a lock. */
export async function signInBlockedFor(keys: ThrottleKey[], now = new Date()): Promise<number> {
  return blockedMs(await db().signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } }), keys, now);
}

/** Counts one failure against each key (countFailure); the count per key. */
export async function recordSignInFailure(keys: ThrottleKey[], now = new Date()): Promise<number[]> {
  const counts: number[] = [];
  for (const { key } of keys) counts.push(await countFailure(db(), key, now));
  return counts;
}

/**
 * Checks and counts one sign-in attempt against every key at once, before the password is
 * verified: the keys' rows are locked (in key order) in one short transaction, the pure rule
 * decides whether the attempt is blocked, and if not the attempt is counted as a failure
 * straight away (countFailure). So twenty guesses sent in parallel cannot all pass the check
 * before any of them is counted: the ones after the free allowance are refused. A blocked attempt
 * changes nothing (it neither counts nor moves the block's start). A success then gives the
 * attempt back (`signInSucceeded`).
 */
export async function reserveSignInAttempt(keys: ThrottleKey[], now = new Date()): Promise<{ blockedMs: number; counts: number[] }> {
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return db().$transaction(async (tx) => {
    const rows: ThrottleRow[] = [];
    for (const { key } of ordered) {
      await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures", "lastFailure") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
      const [row] = await tx.$queryRaw<ThrottleRow[]>`SELECT "key", "failures", "lastFailure" FROM "SignInThrottle" WHERE "key" = ${key} FOR UPDATE`;
      rows.push(row!);
    }
    const blocked = blockedMs(rows, keys, now);
    if (blocked > 0) return { blockedMs: blocked, counts: keys.map((k) => rows.find((r) => r.key === k.key)!.failures) };
    const counted = new Map<string, number>();
    for (const { key } of ordered) counted.set(key, await countFailure(tx, key, now));
    return { blockedMs: 0, counts: keys.map((k) => counted.get(k.key)!) };
  });
}

/** A right password: this person's count at this address is cleared; the address's count gets its attempt back. */
export async function signInSucceeded(own: ThrottleKey, shared: ThrottleKey[]) {
  await clearSignInFailures([own]);
  for (const { key } of shared) {
    await db().$executeRaw`UPDATE "SignInThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = ${key}`;
  }
}

export async function clearSignInFailures(keys: ThrottleKey[]) {
  await db().signInThrottle.deleteMany({ where: { key: { in: keys.map((k) => k.key) } } });
}
