import { createHash } from "node:crypto";

/**
 * The activity log's hash chain (pure: no database). Every entry carries
 *
 *   hash = SHA-256( prevHash + "\n" + canonicalEntry(entry) )   (UTF-8, lower-case hex)
 *
 * where prevHash is the hash of the entry before it in id order, or GENESIS
 * (64 zeros) for the first. Changing, deleting, inserting or reordering an
 * entry breaks the hash of that entry or the link of the one after it.
 *
 * The canonical content of an entry is the canonical JSON (below) of the object
 *   { v: 1, id, at, actorId, actorRole, action, entityType, entityId, caseId, before, after, meta }
 * - id: the entry's id as a decimal string (ids exceed 2^53 in principle)
 * - at: `Date.toISOString()`, UTC with milliseconds (the column keeps milliseconds)
 * - actorId, actorRole, caseId: the string, or null when absent
 * - before, after, meta: the JSON value, or null when absent (SQL NULL and
 *   JSON null are the same here)
 *
 * Canonical JSON: no whitespace; object keys sorted by Unicode code point and
 * keys whose value is undefined left out (as JSON.stringify does); arrays in
 * order, undefined elements as null; strings and numbers exactly as
 * JSON.stringify writes them (shortest round-trip numbers, \u00xx escapes for
 * control characters); a Date as its ISO string. Non-finite numbers, bigints
 * and functions are refused: they cannot be stored in a JSON column anyway.
 * A value read back from PostgreSQL's jsonb gives the same text as the value
 * written, because jsonb keeps numbers exactly and the keys are sorted here.
 */

export const GENESIS = "0".repeat(64);
export const CANONICAL_VERSION = 1;

export type JsonLike = null | boolean | number | string | Date | JsonLike[] | { [k: string]: JsonLike | undefined };

export interface ChainEntry {
  id: bigint;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string;
  caseId: string | null;
  before: unknown;
  after: unknown;
  meta: unknown;
}

export interface SealedEntry extends ChainEntry {
  prevHash: string | null;
  hash: string | null;
}

/** Compares two strings by Unicode code point (not UTF-16 code unit, which sorts astral characters differently). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("canonicalJson: invalid date");
    return JSON.stringify(value.toISOString());
  }
  switch (typeof value) {
    case "boolean":
    case "string":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort(compareCodePoints);
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} is not JSON`);
  }
}

export function canonicalEntry(e: ChainEntry): string {
  return canonicalJson({
    v: CANONICAL_VERSION,
    id: e.id.toString(),
    at: e.at.toISOString(),
    actorId: e.actorId ?? null,
    actorRole: e.actorRole ?? null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    caseId: e.caseId ?? null,
    before: e.before ?? null,
    after: e.after ?? null,
    meta: e.meta ?? null,
  });
}

export function entryHash(prevHash: string, e: ChainEntry): string {
  return createHash("sha256").update(`${prevHash}\n${canonicalEntry(e)}`, "utf8").digest("hex");
}

export interface ChainHead {
  lastId: bigint | null;
  hash: string;
  count: bigint;
}

/** The first entry that does not fit, and why. `id` is null only when the head itself is damaged with no entry to name. */
export interface Misfit {
  id: bigint | null;
  reason: string;
}

/**
 * Walks the entries in id order and stops at the first that does not fit:
 * not sealed, content not matching its hash (changed), not linked to the entry
 * before it (one deleted, inserted or moved before it), beyond the recorded
 * head (appended behind the portal's back), or the chain ending before the
 * head (entries at the end deleted).
 */
export class ChainWalker {
  private prev = GENESIS;
  private prevId: bigint | null = null;
  count = 0n;

  constructor(private readonly head: ChainHead) {}

  get headHash(): string {
    return this.prev;
  }

  push(e: SealedEntry): Misfit | null {
    if (!e.hash || !e.prevHash) return { id: e.id, reason: "it is not sealed (no hash): written without the chain" };
    if (this.count >= this.head.count) {
      return { id: e.id, reason: `it comes after the chain's recorded head (${this.head.count} entries, ending at id ${this.head.lastId ?? "none"}): added behind the portal's back` };
    }
    if (e.prevHash !== this.prev) {
      const after = this.prevId === null ? "the start of the chain" : `entry ${this.prevId}`;
      return { id: e.id, reason: `it does not follow ${after}: an entry before it was deleted, inserted or moved` };
    }
    if (entryHash(e.prevHash, e) !== e.hash) return { id: e.id, reason: "its content does not match its hash: changed after it was written" };
    this.prev = e.hash;
    this.prevId = e.id;
    this.count++;
    return null;
  }

  finish(): Misfit | null {
    if (this.count < this.head.count) {
      return {
        id: this.head.lastId,
        reason: `the chain ends after ${this.count} entries${this.prevId === null ? "" : ` (at id ${this.prevId})`} but its head records ${this.head.count}, ending at id ${this.head.lastId}: entries at the end were deleted`,
      };
    }
    if (this.prev !== this.head.hash || (this.head.count > 0n && this.prevId !== this.head.lastId)) {
      return { id: this.head.lastId ?? this.prevId, reason: "the chain's recorded head does not match its last entry: the head or the last entry was replaced" };
    }
    return null;
  }
}
