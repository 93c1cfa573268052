import crypto from "node:crypto";
import { canonicalJson } from "./chain";

/**
 * Signed checkpoints of the activity chain's head (pure: no database, no files). A checkpoint
 * says "after `count` entries (the last with id `lastId`) the chain's hash was `headHash`, at
 * `at`", signed with Ed25519 over the canonical JSON of
 *
 *   { v: 1, kind: "logdesk.activity-checkpoint", count, lastId, headHash, at }
 *
 * (count and lastId as decimal strings, at as an ISO instant). Kept elsewhere, a checkpoint
 * shows that the log was not rewritten after it was taken: a rewritten chain (even one whose
 * hashes were all recomputed) has another hash at that count, and a new signature needs the key.
 */
export interface CheckpointContent {
  count: bigint;
  lastId: bigint | null;
  headHash: string;
  at: Date;
}

export interface SignedCheckpoint extends CheckpointContent {
  keyId: string;
  /** base64 */
  signature: string;
}

export const CHECKPOINT_KIND = "logdesk.activity-checkpoint";

export function checkpointPayload(c: CheckpointContent): string {
  return canonicalJson({
    v: 1,
    kind: CHECKPOINT_KIND,
    count: c.count.toString(),
    lastId: c.lastId === null ? null : c.lastId.toString(),
    headHash: c.headHash,
    at: c.at.toISOString(),
  });
}

/** "ed25519:" + the first 16 hex of SHA-256 over the public key's SPKI DER. */
export function keyIdOf(publicKey: crypto.KeyObject): string {
  const der = publicKey.export({ type: "spki", format: "der" });
  return `ed25519:${crypto.createHash("sha256").update(der).digest("hex").slice(0, 16)}`;
}

export function signCheckpoint(c: CheckpointContent, privateKey: crypto.KeyObject): SignedCheckpoint {
  if (privateKey.asymmetricKeyType !== "ed25519" || privateKey.type !== "private") throw new Error("checkpoint key must be an Ed25519 private key");
  const signature = crypto.sign(null, Buffer.from(checkpointPayload(c), "utf8"), privateKey).toString("base64");
  return { ...c, keyId: keyIdOf(crypto.createPublicKey(privateKey)), signature };
}

/** Why the signature does not hold, or null when it does. */
export function checkSignature(c: SignedCheckpoint, publicKey: crypto.KeyObject): string | null {
  const keyId = keyIdOf(publicKey);
  if (c.keyId !== keyId) return `it was signed with key ${c.keyId}, not ${keyId}`;
  let ok = false;
  try {
    ok = crypto.verify(null, Buffer.from(checkpointPayload(c), "utf8"), publicKey, Buffer.from(c.signature, "base64"));
  } catch {
    ok = false;
  }
  return ok ? null : "its signature does not match its content: changed after it was signed";
}

/** Checkpoints as JSON to keep elsewhere (the export): numbers as decimal strings, the public key as PEM. */
export function checkpointsDocument(checkpoints: SignedCheckpoint[], publicKey: crypto.KeyObject, exportedAt = new Date()) {
  return {
    kind: "logdesk.activity-checkpoints",
    v: 1,
    exportedAt: exportedAt.toISOString(),
    publicKey: publicKey.export({ type: "spki", format: "pem" }).toString(),
    keyId: keyIdOf(publicKey),
    payload: 'Ed25519 over canonical JSON {v:1, kind:"logdesk.activity-checkpoint", count, lastId, headHash, at} (keys sorted, no spaces; count and lastId as decimal strings)',
    checkpoints: checkpoints.map((c) => ({
      count: c.count.toString(),
      lastId: c.lastId === null ? null : c.lastId.toString(),
      headHash: c.headHash,
      at: c.at.toISOString(),
      keyId: c.keyId,
      signature: c.signature,
    })),
  };
}
