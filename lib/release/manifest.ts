// The release manifest: what was handed to the customer (case, artefacts with their SHA-256,
// approvals with names and times), signed with Ed25519 over its canonical JSON.
// No `server-only` here: scripts/verify-manifest.ts uses it.
import crypto from "node:crypto";
import { z } from "zod";
import { publicKeyId, type SigningKey } from "./keys";

export const MANIFEST_FORMAT = "logdesk-release-manifest/1";

export interface ManifestApproval {
  kind: "security" | "legal";
  decision: "approved";
  /** The approver's name. Internal emails and review comments stay in the portal: the manifest goes to the customer. */
  by: string;
  /** ISO */
  at: string;
  /**
   * SHA-256 of the residue inventory the approver reviewed (what was left in the file that looked
   * like an identifier): the portal's record of that review. Absent on older releases.
   */
  residueSha256?: string;
}

export interface ManifestArtefact {
  /** A base name (no directories): what the customer's file is called. */
  filename: string;
  /** 64 lowercase hex, of the released (redacted) file */
  sha256: string;
  size: number;
  form: "redacted";
  /** 64 lowercase hex, of the raw file it was redacted from */
  rawSha256: string;
  redactions: Record<string, number>;
  lines: number;
  approvals: ManifestApproval[];
}

export interface ReleaseManifest {
  format: typeof MANIFEST_FORMAT;
  case: { reference: string; account: string };
  release: {
    id: string;
    sharedBy: { name: string; email: string };
    sharedAt: string;
    recipient: string;
    channel: string;
  };
  artefacts: ManifestArtefact[];
}

export interface SignedManifest {
  manifest: ReleaseManifest;
  signature: { algorithm: "Ed25519"; keyId: string; /** base64 */ value: string };
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * Canonical bytes that are signed: JSON with object keys sorted (by UTF-16 code unit order) at
 * every depth, no whitespace; arrays keep order. Numbers must be safe integers (throw otherwise).
 * Strings are escaped as JSON.stringify does. Object properties whose value is undefined are left
 * out (as JSON.stringify does, so a manifest and its JSON round trip give the same bytes); any
 * other non-JSON value (undefined elsewhere, functions, bigint, symbols, class instances such as
 * Date, cycles) throws.
 */
export function canonicalJson(value: unknown): string {
  const seen = new Set<object>();
  const walk = (v: unknown, at: string): string => {
    if (v === null) return "null";
    switch (typeof v) {
      case "boolean":
        return v ? "true" : "false";
      case "string":
        return JSON.stringify(v);
      case "number":
        if (!Number.isSafeInteger(v)) throw new Error(`canonicalJson: ${at} is ${v}, not a safe integer`);
        return Object.is(v, -0) ? "0" : String(v);
      case "object": {
        if (seen.has(v as object)) throw new Error(`canonicalJson: ${at} is a cycle`);
        seen.add(v as object);
        try {
          if (Array.isArray(v)) {
            return `[${v.map((x, i) => walk(x, `${at}[${i}]`)).join(",")}]`;
          }
          const proto = Object.getPrototypeOf(v);
          if (proto !== Object.prototype && proto !== null) {
            throw new Error(`canonicalJson: ${at} is not a plain object`);
          }
          const rec = v as Record<string, unknown>;
          const parts: string[] = [];
          // Default sort compares UTF-16 code units.
          for (const k of Object.keys(rec).sort()) {
            if (rec[k] === undefined) continue;
            parts.push(`${JSON.stringify(k)}:${walk(rec[k], `${at}.${k}`)}`);
          }
          return `{${parts.join(",")}}`;
        } finally {
          seen.delete(v as object);
        }
      }
      default:
        throw new Error(`canonicalJson: ${at} is ${typeof v}, which JSON cannot carry`);
    }
  };
  return walk(value, "$");
}

// --- schema -------------------------------------------------------------------------------

const HEX64 = /^[0-9a-f]{64}$/;
const ISO_MESSAGE = "expected an ISO 8601 date-time such as 2026-01-31T12:00:00.000Z";

const text = z.string().min(1, "must not be empty");
const isoTime = z.iso.datetime({ offset: true, error: ISO_MESSAGE });
const hex64 = z.string().regex(HEX64, "expected 64 lowercase hex digits (a SHA-256)");
const count = z.number().int("expected a whole number").min(0, "must not be negative").max(Number.MAX_SAFE_INTEGER);
const filename = z
  .string()
  .min(1, "must not be empty")
  .max(255, "longer than 255 characters")
  .refine((s) => !/[/\\\0]/.test(s) && s !== "." && s !== "..", "must be a plain file name, without directories");

const approvalSchema = z.strictObject({
  kind: z.enum(["security", "legal"]),
  decision: z.literal("approved"),
  by: text,
  at: isoTime,
  residueSha256: hex64.optional(),
});

const artefactSchema = z.strictObject({
  filename,
  sha256: hex64,
  size: count,
  form: z.literal("redacted"),
  rawSha256: hex64,
  redactions: z.record(z.string(), count),
  lines: count,
  approvals: z.array(approvalSchema),
});

export const releaseManifestSchema = z.strictObject({
  format: z.literal(MANIFEST_FORMAT, { error: `unsupported manifest format (this verifier reads ${MANIFEST_FORMAT})` }),
  case: z.strictObject({ reference: text, account: text }),
  release: z.strictObject({
    id: text,
    sharedBy: z.strictObject({ name: text, email: text }),
    sharedAt: isoTime,
    recipient: text,
    channel: text,
  }),
  artefacts: z
    .array(artefactSchema)
    .min(1, "a release has at least one artefact")
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((a, i) => {
        if (seen.has(a.filename)) {
          ctx.addIssue({ code: "custom", path: [i, "filename"], message: `"${a.filename}" appears twice` });
        }
        seen.add(a.filename);
      });
    }),
});

export const signedManifestSchema = z.strictObject({
  manifest: releaseManifestSchema,
  signature: z.strictObject({
    algorithm: z.literal("Ed25519", { error: "unsupported signature algorithm (expected Ed25519)" }),
    keyId: z.string().regex(/^ed25519:[0-9a-f]{16}$/, 'expected "ed25519:" and 16 lowercase hex digits'),
    value: z
      .string()
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, "expected base64")
      .refine((s) => Buffer.from(s, "base64").length === 64, "an Ed25519 signature is 64 bytes"),
  }),
});

function formatIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((i) => {
      const where = i.path.reduce<string>(
        (acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${String(p)}`),
        root,
      );
      return `${where}: ${i.message}`;
    })
    .join("; ");
}

/** Parses and validates a signed manifest's JSON text; throws an Error naming each bad field. */
export function parseSignedManifest(text: string): SignedManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`signed manifest is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = signedManifestSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid signed manifest: ${formatIssues(parsed.error, "$")}`);
  return parsed.data as SignedManifest;
}

function manifestBytes(m: ReleaseManifest): Buffer {
  return Buffer.from(canonicalJson(m), "utf8");
}

/** Validates the manifest (the same schema parseSignedManifest applies) and signs its canonical JSON. */
export function signManifest(m: ReleaseManifest, key: SigningKey): SignedManifest {
  const checked = releaseManifestSchema.safeParse(m);
  if (!checked.success) throw new Error(`cannot sign an invalid manifest: ${formatIssues(checked.error, "manifest")}`);
  const value = crypto.sign(null, manifestBytes(m), key.privateKey).toString("base64");
  return { manifest: m, signature: { algorithm: "Ed25519", keyId: key.keyId, value } };
}

/** Checks format, algorithm, that the key is the one that signed (keyId), and the signature itself. Never throws. */
export function verifyManifestSignature(s: SignedManifest, publicKeyPem: string): Verdict {
  if (s?.manifest?.format !== MANIFEST_FORMAT) {
    return { ok: false, reason: `unsupported manifest format ${JSON.stringify(s?.manifest?.format)} (expected ${MANIFEST_FORMAT})` };
  }
  if (s.signature?.algorithm !== "Ed25519") {
    return { ok: false, reason: `unsupported signature algorithm ${JSON.stringify(s.signature?.algorithm)} (expected Ed25519)` };
  }
  let keyId: string;
  let publicKey: crypto.KeyObject;
  try {
    keyId = publicKeyId(publicKeyPem);
    publicKey = crypto.createPublicKey(publicKeyPem);
  } catch (e) {
    return { ok: false, reason: `the public key is unusable: ${(e as Error).message}` };
  }
  if (s.signature.keyId !== keyId) {
    return {
      ok: false,
      reason: `keyId mismatch: the manifest was signed with key ${s.signature.keyId}, but the public key given is ${keyId}`,
    };
  }
  let bytes: Buffer;
  try {
    bytes = manifestBytes(s.manifest);
  } catch (e) {
    return { ok: false, reason: `the manifest cannot be canonicalised: ${(e as Error).message}` };
  }
  const sig = Buffer.from(String(s.signature.value ?? ""), "base64");
  let good = false;
  try {
    good = sig.length === 64 && crypto.verify(null, bytes, publicKey, sig);
  } catch {
    good = false;
  }
  return good
    ? { ok: true }
    : { ok: false, reason: "the signature does not match the manifest (it was altered after signing, or signed by another key)" };
}
