/** One address as OutboxMessage.recipients holds it: trimmed and lower-cased. */
export function normalAddress(address: string): string {
  return address.trim().toLowerCase();
}

/**
 * The addresses of a message's `to` (comma-separated, as the outbox and SMTP take it), each as
 * normalAddress makes it, without empties or repeats: what OutboxMessage.recipients holds, so that
 * a staff member's notifications are found by their address through an index (lib/outbox/inbox.ts).
 * The migration that added the column filled it for older messages with the same split.
 */
export function recipientsOf(to: string): string[] {
  return [...new Set(to.split(",").map(normalAddress).filter(Boolean))];
}
