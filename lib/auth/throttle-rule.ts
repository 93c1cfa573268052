/**
 * How long sign-in is refused after repeated wrong passwords for one key:
 * free for the first few, then doubling, capped. Pure, so the table test can
 * state the policy.
 *
 * Two keys count every failure: one email at one client address (a person's
 * own typos, or guessing one account), and the client address alone (guessing
 * many accounts). The address key is generous, so an office behind one
 * address is not blocked by one person's typos. There is no key for an email
 * alone: anyone anywhere could then lock a colleague out.
 */
export const FREE_FAILURES = 4;
/** Failures one client address may make across all emails before it is slowed down. */
export const FREE_FAILURES_PER_ADDRESS = 30;
export const FIRST_BLOCK_MS = 15_000;
export const MAX_BLOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MS = 60 * 60_000;

export function blockAfterFailures(failures: number, free = FREE_FAILURES): number {
  if (failures <= free) return 0;
  return Math.min(FIRST_BLOCK_MS * 2 ** (failures - free - 1), MAX_BLOCK_MS);
}

export interface ThrottleKey {
  key: string;
  free: number;
}

/** The keys a sign-in attempt counts against. */
export function signInKeys(email: string, address: string): { account: ThrottleKey; address: ThrottleKey } {
  return {
    account: { key: `account:${email}@${address}`, free: FREE_FAILURES },
    address: { key: `address:${address}`, free: FREE_FAILURES_PER_ADDRESS },
  };
}

/** Milliseconds still blocked for a key with `failures`, the last at `lastFailure` (0 = may try now). */
export function remainingBlockMs(failures: number, lastFailure: Date, free: number, now: Date): number {
  if (now.getTime() - lastFailure.getTime() > FORGET_AFTER_MS) return 0;
  return Math.max(0, lastFailure.getTime() + blockAfterFailures(failures, free) - now.getTime());
}
