import "server-only";
import { z } from "zod";
import { actorOf, recordActivity } from "@/lib/audit";
import { db } from "@/lib/db";
import { recordSecurityEvent } from "@/lib/security-events/record-security-event";
import { verifyPassword } from "./password";
import { reserveSignInAttempt, signInSucceeded } from "./throttle";
import { signInKeys } from "./throttle-rule";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(1024),
});

export type PasswordSignIn =
  | { ok: true; user: { id: string; email: string; name: string; role: string; sessionVersion: number } }
  | { ok: false; error: "CredentialsSignin" | "RateLimited" | "Deactivated" };

/**
 * Email + password sign-in from a client address (as server.ts decided it).
 * Throttled per email at that address and per address (throttle-rule.ts);
 * every failure is counted atomically and recorded as a security event.
 */
export async function signInWithPassword(raw: unknown, address: string): Promise<PasswordSignIn> {
  const parsed = ZCredentials.safeParse(raw);
  const typed = typeof (raw as { email?: unknown } | null)?.email === "string" ? String((raw as { email: string }).email).slice(0, 320) : null;
  if (!parsed.success) {
    await recordSecurityEvent({ kind: "signInFailed", email: typed, address, target: "signIn:password", outcome: "CredentialsSignin" });
    return { ok: false, error: "CredentialsSignin" };
  }
  const { email, password } = parsed.data;
  const keys = signInKeys(email, address);
  const both = [keys.account, keys.address];
  // Counted before the password is checked, so a burst of parallel guesses cannot all pass the check.
  const attempt = await reserveSignInAttempt(both);
  if (attempt.blockedMs > 0) {
    await recordSecurityEvent({ kind: "signInBlocked", email, address, target: "signIn:password", outcome: "RateLimited", detail: { retryAfterMs: attempt.blockedMs } });
    return { ok: false, error: "RateLimited" };
  }
  const user = await db().user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, sessionVersion: true },
  });
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!user || !ok) {
    const [accountFailures, addressFailures] = attempt.counts;
    await recordSecurityEvent({
      kind: "signInFailed",
      actorId: user?.id ?? null,
      email,
      address,
      target: "signIn:password",
      outcome: "CredentialsSignin",
      detail: { accountFailures, addressFailures },
    });
    return { ok: false, error: "CredentialsSignin" };
  }
  // Only this person's own count at this address is cleared: a success must not reset the address's count for everyone.
  await signInSucceeded(keys.account, [keys.address]);
  if (!user.active) {
    await recordSecurityEvent({ kind: "signInFailed", actorId: user.id, email, address, target: "signIn:password", outcome: "Deactivated" });
    return { ok: false, error: "Deactivated" };
  }
  await markSignedIn(user.id, user.role, "password");
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion } };
}

export async function markSignedIn(userId: string, role: string, method: string) {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
    await recordActivity(tx, { actor: actorOf({ id: userId, role }), action: "user.signIn", entityType: "User", entityId: userId, meta: { method } });
  });
}
