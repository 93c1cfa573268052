import crypto from "node:crypto";
import path from "node:path";
import type { PrismaClient } from "@/generated/prisma/client";
import { loadOrCreateSigningKey, readKeyFile, signingKeyFromPem } from "@/lib/release/keys";
import { checkpointsDocument, checkSignature, signCheckpoint, type SignedCheckpoint } from "./checkpoint-sign";

/**
 * Signed checkpoints of the activity chain's head (lib/audit/checkpoint-sign.ts signs): written by
 * the background worker on a schedule (AUDIT_CHECKPOINT_MINUTES, default hourly) and by
 * `npm run audit:checkpoint`, only when the head moved; exported from the activity page with the
 * public key, to keep elsewhere; checked by `npm run audit:verify`.
 *
 * No `server-only`: the scripts use it too. The key comes from AUDIT_CHECKPOINT_KEY or the file
 * below in the data folder (generated once); the caller passes either.
 */
export const CHECKPOINT_KEY_FILENAME = "audit-checkpoint-key.pem";

export interface KeySource {
  /** AUDIT_CHECKPOINT_KEY: PKCS#8 PEM or its base64. */
  configured?: string;
  dataDir: string;
}

/** The signing key: configured, or the data folder's (generated on first use). */
export async function checkpointSigningKey(src: KeySource): Promise<crypto.KeyObject> {
  const k = src.configured ? signingKeyFromPem(src.configured) : await loadOrCreateSigningKey(src.dataDir, CHECKPOINT_KEY_FILENAME);
  return k.privateKey;
}

/** The public key to check with, without creating one: null when there is none yet. */
export async function checkpointPublicKey(src: KeySource): Promise<crypto.KeyObject | null> {
  if (src.configured) return crypto.createPublicKey(signingKeyFromPem(src.configured).privateKey);
  const k = await readKeyFile(path.join(src.dataDir, CHECKPOINT_KEY_FILENAME));
  return k ? crypto.createPublicKey(k.privateKey) : null;
}

const toSigned = (r: { at: Date; count: bigint; lastId: bigint | null; headHash: string; keyId: string; signature: string }): SignedCheckpoint => ({
  at: r.at, count: BigInt(r.count), lastId: r.lastId === null ? null : BigInt(r.lastId), headHash: r.headHash, keyId: r.keyId, signature: r.signature,
});

export async function listCheckpoints(prisma: PrismaClient): Promise<SignedCheckpoint[]> {
  const rows = await prisma.activityCheckpoint.findMany({ orderBy: { count: "asc" } });
  return rows.map(toSigned);
}

export async function latestCheckpoint(prisma: PrismaClient): Promise<SignedCheckpoint | null> {
  const row = await prisma.activityCheckpoint.findFirst({ orderBy: { count: "desc" } });
  return row ? toSigned(row) : null;
}

/**
 * Signs the chain's head as committed now and stores it, unless the latest checkpoint already has
 * that many entries (the head did not move). The head row is read without its lock: it commits
 * with the entries it counts, so a committed head is a consistent one, and no writer waits here.
 * Two instances racing write one: the count is unique.
 */
export async function writeCheckpoint(prisma: PrismaClient, key: crypto.KeyObject, at = new Date()): Promise<{ written: boolean; checkpoint: SignedCheckpoint | null }> {
  const [head] = await prisma.$queryRaw<{ lastId: bigint | null; hash: string; count: bigint }[]>`
    SELECT "lastId", "hash", "count" FROM "ActivityChainHead" WHERE "id" = 1`;
  if (!head) throw new Error("The activity chain head is missing: apply the migrations (npm run db -- migrate:apply).");
  const count = BigInt(head.count);
  const latest = await latestCheckpoint(prisma);
  if (count === 0n || (latest && latest.count >= count)) return { written: false, checkpoint: latest };
  const signed = signCheckpoint({ count, lastId: head.lastId === null ? null : BigInt(head.lastId), headHash: head.hash, at }, key);
  try {
    await prisma.activityCheckpoint.create({ data: signed });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return { written: false, checkpoint: await latestCheckpoint(prisma) };
    throw err;
  }
  return { written: true, checkpoint: signed };
}

/** The export: every checkpoint with the public key, as a JSON document. */
export async function exportCheckpoints(prisma: PrismaClient, key: crypto.KeyObject) {
  return checkpointsDocument(await listCheckpoints(prisma), crypto.createPublicKey(key));
}

export interface CheckpointMisfit {
  count: bigint;
  at: Date;
  reason: string;
}

/**
 * Checks stored checkpoints against the key and against the chain as it is: `hashAt(count)` is
 * the hash of the chain's entry number `count` (1-based, id order), or undefined when the chain
 * has fewer entries. Returns the first checkpoint that does not hold, or null.
 */
export function checkCheckpoints(checkpoints: SignedCheckpoint[], publicKey: crypto.KeyObject | null, hashAt: (count: bigint) => string | undefined): CheckpointMisfit | null {
  for (const c of checkpoints) {
    if (!publicKey) return { count: c.count, at: c.at, reason: "there is no checkpoint key to check its signature with (AUDIT_CHECKPOINT_KEY or the data folder's key, or --public-key)" };
    const bad = checkSignature(c, publicKey);
    if (bad) return { count: c.count, at: c.at, reason: bad };
    const h = hashAt(c.count);
    if (h === undefined) return { count: c.count, at: c.at, reason: `the chain has fewer than the ${c.count} entries it recorded: entries were deleted and the chain rewritten` };
    if (h !== c.headHash) return { count: c.count, at: c.at, reason: `the chain's hash at ${c.count} entries is not the one signed: the log before it was rewritten` };
  }
  return null;
}
