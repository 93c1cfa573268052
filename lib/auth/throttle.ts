import "server-only";
import { db } from "@/lib/db";
import { blockAfterFailures, FORGET_AFTER_MS } from "./throttle-rule";

/** Milliseconds until any of the keys may try again (0 = now). */
export async function signInBlockedFor(keys: string[], now = new Date()): Promise<number> {
  const rows = await db().signInThrottle.findMany({ where: { key: { in: keys } } });
  return Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)));
}

export async function recordSignInFailure(keys: string[], now = new Date()) {
  for (const key of keys) {
    const row = await db().signInThrottle.findUnique({ where: { key } });
    const fresh = !row || now.getTime() - row.lastFailure.getTime() > FORGET_AFTER_MS;
    const failures = fresh ? 1 : row.failures + 1;
    const block = blockAfterFailures(failures);
    const data = { failures, lastFailure: now, blockedUntil: block ? new Date(now.getTime() + block) : null };
    await db().signInThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  }
}

export async function clearSignInFailures(keys: string[]) {
  await db().signInThrottle.deleteMany({ where: { key: { in: keys } } });
}
