import "server-only";
import { db } from "@/lib/db";
import { FORGET_AFTER_MS, remainingBlockMs, type ThrottleKey } from "./throttle-rule";

/** Milliseconds until every key may try again (0 = now). */
export async function signInBlockedFor(keys: ThrottleKey[], now = new Date()): Promise<number> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  return Math.max(0, ...rows.map((r) => remainingBlockMs(r.failures, r.lastFailure, keys.find((k) => k.key === r.key)!.free, now)));
}

/**
 * Counts one failure against each key in one statement per key: the database
 * adds it atomically (INSERT ... ON CONFLICT DO UPDATE), so parallel guesses
 * are all counted. A key whose last failure is older than an hour starts again
 * at 1. Returns the count per key.
 */
export async function recordSignInFailure(keys: ThrottleKey[], now = new Date()): Promise<number[]> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const counts: number[] = [];
  for (const { key } of keys) {
    const rows = await db().$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" ("key", "failures", "lastFailure") VALUES (${key}, 1, ${now})
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN "SignInThrottle"."lastFailure" < ${forgetBefore} THEN 1 ELSE "SignInThrottle"."failures" + 1 END,
        "lastFailure" = GREATEST("SignInThrottle"."lastFailure", EXCLUDED."lastFailure")
      RETURNING "failures"`;
    counts.push(Number(rows[0]!.failures));
  }
  return counts;
}

/**
 * Checks and counts one sign-in attempt against every key at once, before the password is
 * verified: the keys' rows are locked (in key order) in one short transaction, the pure rule
 * decides whether the attempt is blocked, and if not the attempt is counted as a failure
 * straight away. So twenty guesses sent in parallel cannot all pass the check before any of
 * them is counted: the ones after the free allowance are refused. A blocked attempt changes
 * nothing (it neither counts nor moves the block's start). A success then gives the attempt
 * back (`signInSucceeded`).
 */
export async function reserveSignInAttempt(keys: ThrottleKey[], now = new Date()): Promise<{ blockedMs: number; counts: number[] }> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS);
  const ordered = [...keys].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return db().$transaction(async (tx) => {
    for (const { key } of ordered) {
      await tx.$executeRaw`INSERT INTO "SignInThrottle" ("key", "failures", "lastFailure") VALUES (${key}, 0, ${now}) ON CONFLICT ("key") DO NOTHING`;
    }
    const rows: { key: string; failures: number; lastFailure: Date }[] = [];
    for (const { key } of ordered) {
      const r = await tx.$queryRaw<{ key: string; failures: number; lastFailure: Date }[]>`
        SELECT "key", "failures", "lastFailure" FROM "SignInThrottle" WHERE "key" = ${key} FOR UPDATE`;
      rows.push(r[0]!);
    }
    const blockedMs = Math.max(0, ...rows.map((r) => remainingBlockMs(r.failures, r.lastFailure, ordered.find((k) => k.key === r.key)!.free, now)));
    if (blockedMs > 0) return { blockedMs, counts: keys.map((k) => rows.find((r) => r.key === k.key)!.failures) };
    const counted = new Map<string, number>();
    for (const { key } of ordered) {
      const r = await tx.$queryRaw<{ failures: number }[]>`
        UPDATE "SignInThrottle" SET
          "failures" = CASE WHEN "lastFailure" < ${forgetBefore} THEN 1 ELSE "failures" + 1 END,
          "lastFailure" = GREATEST("lastFailure", ${now})
        WHERE "key" = ${key} RETURNING "failures"`;
      counted.set(key, Number(r[0]!.failures));
    }
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
