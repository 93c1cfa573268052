// The release-signing key (Ed25519). Configured as PEM text or its base64 (one line, for an
// environment variable); on the embedded default generated once into the data folder.
// No `server-only` and no process.env here: the caller passes the PEM or the data directory.
import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

export interface SigningKey {
  privateKey: crypto.KeyObject;
  /** SPKI PEM */
  publicKeyPem: string;
  /** "ed25519:" + first 16 hex of sha256(SPKI DER) */
  keyId: string;
}

export const SIGNING_KEY_FILENAME = "release-signing-key.pem";

function describeType(k: crypto.KeyObject): string {
  return k.asymmetricKeyType ?? k.type;
}

function fromPrivateKeyObject(privateKey: crypto.KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(`release signing key must be an Ed25519 private key, not ${describeType(privateKey)}`);
  }
  const publicKeyPem = crypto.createPublicKey(privateKey).export({ type: "spki", format: "pem" }).toString();
  return { privateKey, publicKeyPem, keyId: publicKeyId(publicKeyPem) };
}

/** From configured PEM text (PKCS#8 "BEGIN PRIVATE KEY") or its base64 (so it fits an env var on one line). Refuses non-Ed25519 keys with a clear message. */
export function signingKeyFromPem(pemOrBase64: string): SigningKey {
  const text = (pemOrBase64 ?? "").trim();
  if (!text) throw new Error("release signing key is empty");
  let pem: string;
  if (text.includes("-----BEGIN")) {
    pem = text;
  } else {
    if (!/^[A-Za-z0-9+/=\s_-]+$/.test(text)) {
      throw new Error("release signing key is neither PEM text nor base64 of PEM text");
    }
    pem = Buffer.from(text, "base64").toString("utf8").trim();
    if (!pem.includes("-----BEGIN")) {
      throw new Error("release signing key: the base64 does not decode to PEM text (expected -----BEGIN PRIVATE KEY-----)");
    }
  }
  // The messages below never quote the key.
  if (/-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem)) {
    throw new Error("release signing key is encrypted; configure an unencrypted PKCS#8 Ed25519 key");
  }
  if (/-----BEGIN PUBLIC KEY-----/.test(pem) && !/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new Error("release signing key is a public key; configure the Ed25519 private key (BEGIN PRIVATE KEY)");
  }
  let key: crypto.KeyObject;
  try {
    key = crypto.createPrivateKey({ key: pem, format: "pem" });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`release signing key could not be read as a PEM private key${code ? ` (${code})` : ""}`);
  }
  return fromPrivateKeyObject(key);
}

/** "ed25519:" + the first 16 hex of SHA-256 over the SPKI DER of an Ed25519 public key. */
export function publicKeyId(publicKeyPem: string): string {
  let key: crypto.KeyObject;
  try {
    key = crypto.createPublicKey({ key: publicKeyPem, format: "pem" });
  } catch {
    throw new Error("not a PEM public key (expected -----BEGIN PUBLIC KEY-----)");
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new Error(`release keys are Ed25519, not ${describeType(key)}`);
  }
  const der = key.export({ type: "spki", format: "der" });
  return `ed25519:${crypto.createHash("sha256").update(der).digest("hex").slice(0, 16)}`;
}

function isErrno(e: unknown, ...codes: string[]): boolean {
  return typeof e === "object" && e !== null && codes.includes((e as NodeJS.ErrnoException).code ?? "");
}

export async function readKeyFile(file: string): Promise<SigningKey | null> {
  let text: string;
  try {
    text = await fs.readFile(file, "utf8");
  } catch (e) {
    if (isErrno(e, "ENOENT")) return null;
    throw e;
  }
  try {
    return signingKeyFromPem(text);
  } catch (e) {
    throw new Error(`${file}: ${(e as Error).message}`);
  }
}

/**
 * Embedded default: `<dataDir>/release-signing-key.pem`, generated once, then reused.
 * The new key is written in full (mode 0o600, flag "wx") to a temporary name and then hard-linked
 * to the final name, which fails when it exists: so a concurrent caller never reads a
 * half-written key, and whoever lost the race reads the winner's. Filesystems without hard links
 * fall back to writing the final name directly with flag "wx" (and the loser re-reads briefly).
 */
export async function loadOrCreateSigningKey(dataDir: string, filename = SIGNING_KEY_FILENAME): Promise<SigningKey> {
  const file = path.join(dataDir, filename);
  const existing = await readKeyFile(file);
  if (existing) return existing;

  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = crypto.generateKeyPairSync("ed25519");
  const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const created = fromPrivateKeyObject(privateKey);

  const tmp = `${file}.${crypto.randomBytes(8).toString("hex")}.tmp`;
  let linkUnsupported = false;
  try {
    const h = await fs.open(tmp, "wx", 0o600);
    try {
      await h.writeFile(pem, "utf8");
      await h.sync();
    } finally {
      await h.close();
    }
    try {
      await fs.link(tmp, file);
      return created;
    } catch (e) {
      if (isErrno(e, "EEXIST")) return await readExistingAfterRace(file);
      if (isErrno(e, "EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV")) linkUnsupported = true;
      else throw e;
    }
  } finally {
    await fs.rm(tmp, { force: true }).catch(() => {});
  }

  if (linkUnsupported) {
    try {
      await fs.writeFile(file, pem, { flag: "wx", mode: 0o600 });
      return created;
    } catch (e) {
      if (isErrno(e, "EEXIST")) return await readExistingAfterRace(file);
      throw e;
    }
  }
  throw new Error("unreachable");
}

/** Another process created the key; without hard links it may still be writing it. */
async function readExistingAfterRace(file: string): Promise<SigningKey> {
  let last: unknown;
  for (let i = 0; i < 20; i++) {
    try {
      const k = await readKeyFile(file);
      if (k) return k;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw last instanceof Error ? last : new Error(`${file}: could not read the release signing key`);
}
