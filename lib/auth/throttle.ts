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

export async function clearSignInFailures(keys: ThrottleKey[]) {
  await db().signInThrottle.deleteMany({ where: { key: { in: keys.map((k) => k.key) } } });
}
