/**
 * How long sign-in is refused after repeated wrong passwords for one key
 * (an email or a client address): free for the first few, then doubling,
 * capped. Pure, so the table test can state the policy.
 */
export const FREE_FAILURES = 4;
export const FIRST_BLOCK_MS = 15_000;
export const MAX_BLOCK_MS = 15 * 60_000;
/** Failures older than this are forgotten. */
export const FORGET_AFTER_MS = 60 * 60_000;

export function blockAfterFailures(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(FIRST_BLOCK_MS * 2 ** (failures - FREE_FAILURES - 1), MAX_BLOCK_MS);
}
