import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { ChainWalker, entryHash, GENESIS, type ChainHead, type Misfit, type SealedEntry } from "./chain";

const BATCH = 2000;
const ENTRY_FIELDS = {
  id: true, at: true, actorId: true, actorRole: true, action: true, entityType: true, entityId: true,
  caseId: true, before: true, after: true, meta: true, prevHash: true, hash: true,
} as const;

export type ChainReport =
  | { ok: true; count: bigint; headHash: string; lastId: bigint | null; hashesAt: Map<bigint, string> }
  | ({ ok: false; checked: bigint } & Misfit);

const isClient = (c: Tx | PrismaClient): c is PrismaClient => typeof (c as { $disconnect?: unknown }).$disconnect === "function";

async function readHead(tx: Tx): Promise<ChainHead | null> {
  const [head] = await tx.$queryRaw<{ lastId: bigint | null; hash: string; count: bigint }[]>`
    SELECT "lastId", "hash", "count" FROM "ActivityChainHead" WHERE "id" = 1`;
  return head ? { lastId: head.lastId === null ? null : BigInt(head.lastId), hash: head.hash, count: BigInt(head.count) } : null;
}

/**
 * Recomputes the whole chain from the rows as they are now (so it sees
 * changes made with the trigger disabled) and compares its end with the head
 * row. Given the client, reads in one REPEATABLE READ snapshot, so entries
 * written meanwhile do not count as misfits.
 */
export async function verifyActivityChain(client: Tx | PrismaClient, opts: { hashesAt?: ReadonlySet<bigint> } = {}): Promise<ChainReport> {
  if (isClient(client)) {
    return client.$transaction((tx) => verifyActivityChain(tx, opts), { isolationLevel: "RepeatableRead", timeout: 10 * 60_000, maxWait: 60_000 });
  }
  const tx = client;
  const head = await readHead(tx);
  if (!head) return { ok: false, checked: 0n, id: null, reason: "the chain's head row is missing (deleted, or the migrations are not applied)" };
  const walker = new ChainWalker(head);
  // The chain's hash after N entries, for each N a checkpoint names (lib/audit/checkpoint.ts).
  const hashesAt = new Map<bigint, string>();
  let after: bigint | undefined;
  for (;;) {
    const rows = await tx.activityLog.findMany({
      select: ENTRY_FIELDS,
      where: after === undefined ? {} : { id: { gt: after } },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const misfit = walker.push(row);
      if (misfit) return { ok: false, checked: walker.count, ...misfit };
      if (opts.hashesAt?.has(walker.count)) hashesAt.set(walker.count, walker.headHash);
    }
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]!.id;
  }
  const misfit = walker.finish();
  if (misfit) return { ok: false, checked: walker.count, ...misfit };
  return { ok: true, count: walker.count, headHash: walker.headHash, lastId: head.lastId, hashesAt };
}

/**
 * Chains the entries written before the chain existed (hash NULL), in id
 * order, in one transaction holding the head's lock. Runs after the
 * migrations at every start and is idempotent: it acts only while the chain
 * is still empty, so an unsealed row that appears later (possible only with
 * the trigger disabled) is left for audit:verify to report, never sealed.
 * Returns how many entries it sealed.
 */
export async function sealLegacyEntries(prisma: PrismaClient): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const [head] = await tx.$queryRaw<{ hash: string; count: bigint }[]>`
        SELECT "hash", "count" FROM "ActivityChainHead" WHERE "id" = 1 FOR UPDATE`;
      if (!head || BigInt(head.count) !== 0n || head.hash !== GENESIS) return 0;
      let prev = GENESIS;
      let lastId: bigint | null = null;
      let sealed = 0;
      for (;;) {
        const rows: SealedEntry[] = await tx.activityLog.findMany({
          select: ENTRY_FIELDS,
          where: { hash: null, ...(lastId === null ? {} : { id: { gt: lastId } }) },
          orderBy: { id: "asc" },
          take: BATCH,
        });
        for (const row of rows) {
          const hash = entryHash(prev, row);
          await tx.activityLog.update({ where: { id: row.id }, data: { prevHash: prev, hash } });
          prev = hash;
          lastId = row.id;
          sealed++;
        }
        if (rows.length < BATCH) break;
      }
      if (sealed > 0) {
        await tx.$executeRaw`UPDATE "ActivityChainHead" SET "hash" = ${prev}, "lastId" = ${lastId}, "count" = ${sealed} WHERE "id" = 1`;
      }
      return sealed;
    },
    { timeout: 10 * 60_000, maxWait: 60_000 },
  );
}
