import { createHash } from "node:crypto";

/**
 * Whether a query may be a named prepared statement: not a text without parameters (pg sends it
 * as a simple query, and a script of several statements stays possible: a prepared statement holds
 * one), not one with more than 64 (long IN lists, each length a statement of its own), not one
 * past 20,000 characters.
 */
export function nameable(q: { sql: string; args: readonly unknown[] }): boolean {
  return q.args.length >= 1 && q.args.length <= 64 && q.sql.length <= 20_000;
}

/** `ld_` and the SHA-1 of the text: one name per text, so a name is never met with another text. */
export const hashedName = (sql: string) => `ld_${createHash("sha1").update(sql).digest("hex")}`;

/**
 * At most this many texts are named on PostgreSQL (so kept by each connection; lib/db/postgres.ts);
 * past it, unnamed. PGlite keeps its own, smaller, cache (lib/db/pglite-statements.ts).
 */
export const NAMED_STATEMENTS = 2000;
const names = new Map<string, string>();

/**
 * A PostgreSQL query's statement name (hashedName), or none for a text that is not nameable or
 * once NAMED_STATEMENTS texts are named. Only named texts are remembered, so the map holds at most
 * NAMED_STATEMENTS.
 */
export function statementName(q: { sql: string; args: readonly unknown[] }): string | undefined {
  const known = names.get(q.sql);
  if (known) return known;
  if (names.size >= NAMED_STATEMENTS || !nameable(q)) return undefined;
  const name = hashedName(q.sql);
  names.set(q.sql, name);
  return name;
}
