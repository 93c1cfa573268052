import "server-only";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { entryHash, type ChainEntry } from "./chain";
import { now } from "@/lib/clock";

/** Who did something: a staff member, an API token, or the system itself. */
export type Actor =
  | { kind: "user"; id: string; role: string }
  | { kind: "token"; id: string }
  | { kind: "system" };

export interface ActivityInput {
  actor: Actor;
  action: string; // "case.submit", "user.deactivate", ...
  entityType: string;
  entityId: string;
  caseId?: string | null;
  before?: unknown;
  after?: unknown;
  meta?: unknown;
}

const json = (v: unknown) => (v === undefined || v === null ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue));

/** A transaction's client lacks $disconnect (Prisma's deny list for interactive transactions). */
const isClient = (c: Tx | PrismaClient): c is PrismaClient => typeof (c as { $disconnect?: unknown }).$disconnect === "function";

/**
 * Writes one activity-log entry. Takes the transaction of the change it
 * describes, so the entry and the change commit or roll back together (given
 * the client itself, it writes in a transaction of its own).
 *
 * The entry is sealed into the hash chain (lib/audit/chain.ts): the chain's
 * head row is locked FOR UPDATE, so concurrent writers queue here and keep
 * one chain; the id is drawn after the lock, so id order is chain order. The
 * lock is held until the transaction ends, so record activity LAST in it (docs/decisions/0011,
 * "Lock order"): after this call a transaction may only touch rows it has already locked or
 * insert rows nobody else can hold (fresh ids, no unique key another writer may be inserting).
 * Taking a new row lock here (another account, a case not locked before) can deadlock with a
 * writer that locked that row first and now waits for the chain; a loop that writes several
 * records collects its entries with activityBatch() and writes them at the end.
 */
export async function recordActivity(client: Tx | PrismaClient, input: ActivityInput): Promise<void> {
  if (isClient(client)) {
    await client.$transaction((tx) => recordActivity(tx, input));
    return;
  }
  const tx = client;
  // One round trip: lock the head, then draw the id (evaluated above the lock, so id order is chain order).
  const [head] = await tx.$queryRaw<{ hash: string; id: bigint }[]>`
    WITH "head" AS MATERIALIZED (SELECT "hash" FROM "ActivityChainHead" WHERE "id" = 1 FOR UPDATE)
    SELECT "head"."hash", nextval(pg_get_serial_sequence('"ActivityLog"', 'id')) AS "id" FROM "head"`;
  if (!head) throw new Error("The activity chain head is missing: apply the migrations (npm run db -- migrate:apply).");
  const before = json(input.before);
  const after = json(input.after);
  const meta = json(input.meta);
  const entry: ChainEntry = {
    id: BigInt(head.id),
    at: now(),
    actorId: input.actor.kind === "system" ? null : input.actor.id,
    actorRole: input.actor.kind === "user" ? input.actor.role : input.actor.kind,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    caseId: input.caseId ?? null,
    before: before ?? null,
    after: after ?? null,
    meta: meta ?? null,
  };
  const hash = entryHash(head.hash, entry);
  const jsonb = (v: Prisma.InputJsonValue | undefined) => (v === undefined ? null : JSON.stringify(v));
  // A second round trip: the sealed entry and the head moved to it, in one statement.
  await tx.$executeRaw`
    WITH "entry" AS (
      INSERT INTO "ActivityLog" ("id", "at", "actorId", "actorRole", "action", "entityType", "entityId", "caseId", "before", "after", "meta", "prevHash", "hash")
      VALUES (${entry.id}, (${entry.at.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${entry.actorId}, ${entry.actorRole}, ${entry.action}, ${entry.entityType}, ${entry.entityId}, ${entry.caseId},
              ${jsonb(before)}::jsonb, ${jsonb(after)}::jsonb, ${jsonb(meta)}::jsonb, ${head.hash}, ${hash})
      RETURNING "id"
    )
    UPDATE "ActivityChainHead" SET "hash" = ${hash}, "lastId" = (SELECT "id" FROM "entry"), "count" = "count" + 1 WHERE "id" = 1`;
}

/**
 * For a transaction that changes several records in a loop (an import): collect the entries and
 * write them together at the end, so the chain's lock is taken after every row lock, not between.
 */
export function activityBatch() {
  const pending: ActivityInput[] = [];
  return {
    add(input: ActivityInput): Promise<void> {
      pending.push(input);
      return Promise.resolve();
    },
    async flush(tx: Tx): Promise<void> {
      for (const input of pending.splice(0)) await recordActivity(tx, input);
    },
  };
}

/** Writes the entry now (the default) or hands it to a batch: how a shared helper lets its caller decide. */
export type RecordFn = (input: ActivityInput) => Promise<void>;

export const SYSTEM: Actor = { kind: "system" };

/** The actor of a signed-in staff member's session (or any user row with its role). */
export function actorOf(user: { id: string; role: string }): Actor {
  return { kind: "user", id: user.id, role: user.role };
}
