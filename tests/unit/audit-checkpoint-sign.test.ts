import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { checkCheckpoints } from "@/lib/audit/checkpoint";
import { checkpointPayload, checkpointsDocument, checkSignature, keyIdOf, signCheckpoint } from "@/lib/audit/checkpoint-sign";

const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
const other = crypto.generateKeyPairSync("ed25519");
const content = { count: 12n, lastId: 40n, headHash: "a".repeat(64), at: new Date("2026-12-05T08:00:00.000Z") };

describe("signed checkpoints of the activity chain (pure)", () => {
  it("has a canonical payload: sorted keys, numbers as strings", () => {
    expect(checkpointPayload(content)).toBe(
      `{"at":"2026-12-05T08:00:00.000Z","count":"12","headHash":"${"a".repeat(64)}","kind":"logdesk.activity-checkpoint","lastId":"40","v":1}`,
    );
  });

  it("signs and verifies with the key pair, naming the key", () => {
    const signed = signCheckpoint(content, privateKey);
    expect(signed.keyId).toBe(keyIdOf(publicKey));
    expect(signed.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(checkSignature(signed, publicKey)).toBeNull();
  });

  it.each<[string, (s: ReturnType<typeof signCheckpoint>) => ReturnType<typeof signCheckpoint>, RegExp]>([
    ["count changed", (s) => ({ ...s, count: 13n }), /does not match/],
    ["head hash changed", (s) => ({ ...s, headHash: "b".repeat(64) }), /does not match/],
    ["time changed", (s) => ({ ...s, at: new Date(0) }), /does not match/],
    ["last id changed", (s) => ({ ...s, lastId: null }), /does not match/],
    ["signature garbled", (s) => ({ ...s, signature: "AAAA" }), /does not match/],
    ["key id swapped", (s) => ({ ...s, keyId: "ed25519:0000000000000000" }), /signed with key/],
  ])("refuses a checkpoint with its %s", (_n, tamper, reason) => {
    expect(checkSignature(tamper(signCheckpoint(content, privateKey)), publicKey)).toMatch(reason);
  });

  it("refuses another key's checkpoint", () => {
    expect(checkSignature(signCheckpoint(content, other.privateKey), publicKey)).toMatch(/signed with key/);
  });

  it("refuses to sign with a public or non-Ed25519 key", () => {
    expect(() => signCheckpoint(content, publicKey)).toThrow(/Ed25519 private key/);
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
    expect(() => signCheckpoint(content, ec.privateKey)).toThrow(/Ed25519 private key/);
  });

  it("checks checkpoints against the chain's hash at their count", () => {
    const a = signCheckpoint({ ...content, count: 2n, headHash: "1".repeat(64) }, privateKey);
    const b = signCheckpoint({ ...content, count: 5n, headHash: "2".repeat(64) }, privateKey);
    const chain = new Map([[2n, "1".repeat(64)], [5n, "2".repeat(64)]]);
    expect(checkCheckpoints([a, b], publicKey, (n) => chain.get(n))).toBeNull();
    expect(checkCheckpoints([a, b], publicKey, (n) => (n === 5n ? "3".repeat(64) : chain.get(n)))).toMatchObject({ count: 5n, reason: /rewritten/ });
    expect(checkCheckpoints([a, b], publicKey, (n) => (n === 5n ? undefined : chain.get(n)))).toMatchObject({ count: 5n, reason: /fewer than/ });
    expect(checkCheckpoints([a], null, () => undefined)).toMatchObject({ count: 2n, reason: /no checkpoint key/ });
    expect(checkCheckpoints([], null, () => undefined)).toBeNull();
  });

  it("exports checkpoints with the public key, verifiable from the document alone", () => {
    const doc = checkpointsDocument([signCheckpoint(content, privateKey)], publicKey, new Date("2026-12-05T09:00:00Z"));
    const key = crypto.createPublicKey(doc.publicKey);
    const c = doc.checkpoints[0]!;
    const back = { count: BigInt(c.count), lastId: c.lastId === null ? null : BigInt(c.lastId), headHash: c.headHash, at: new Date(c.at), keyId: c.keyId, signature: c.signature };
    expect(checkSignature(back, key)).toBeNull();
    expect(doc.keyId).toBe(c.keyId);
  });
});
