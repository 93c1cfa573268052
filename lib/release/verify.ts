// Verifies a release as the customer received it: the manifest's signature against the portal's
// public key, then each artefact's file (SHA-256 and size). Used by scripts/verify-manifest.ts.
import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import { publicKeyId } from "./keys";
import { parseSignedManifest, verifyManifestSignature } from "./manifest";

export interface VerifyLine {
  ok: boolean;
  text: string;
}

export interface VerifyResult {
  ok: boolean;
  lines: VerifyLine[];
}

export interface VerifyReleaseInput {
  manifestPath: string;
  publicKeyPem: string;
  /** Files named on the command line; an artefact is looked up here by base name first, then next to the manifest. */
  files?: string[];
}

/**
 * The public key from what a key file or the portal's /api/release-key holds: PEM text, or JSON
 * with the PEM in `publicKeyPem`, `publicKey` or `pem`. Throws when there is no Ed25519 public key.
 */
export function publicKeyFromText(text: string): string {
  const trimmed = text.trim();
  let pem = trimmed;
  if (trimmed.startsWith("{")) {
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      throw new Error("the key is neither PEM nor valid JSON");
    }
    const found = [obj.publicKeyPem, obj.publicKey, obj.pem].find((v): v is string => typeof v === "string");
    if (!found) throw new Error("the key's JSON has no publicKeyPem field");
    pem = found.trim();
  }
  publicKeyId(pem); // throws unless an Ed25519 public key
  return `${pem}\n`;
}

async function hashFile(file: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

export async function verifyRelease(input: VerifyReleaseInput): Promise<VerifyResult> {
  const lines: VerifyLine[] = [];
  const pass = (text: string) => lines.push({ ok: true, text });
  const fail = (text: string) => lines.push({ ok: false, text });
  const done = (): VerifyResult => ({ ok: lines.length > 0 && lines.every((l) => l.ok), lines });

  let text: string;
  try {
    text = await fs.readFile(input.manifestPath, "utf8");
  } catch (e) {
    fail(`manifest: cannot read ${input.manifestPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return done();
  }
  let signed;
  try {
    signed = parseSignedManifest(text);
  } catch (e) {
    fail(`manifest: ${(e as Error).message}`);
    return done();
  }

  const verdict = verifyManifestSignature(signed, input.publicKeyPem);
  if (verdict.ok) pass(`signature: valid (key ${signed.signature.keyId})`);
  else fail(`signature: INVALID: ${verdict.reason}`);

  // Files are still checked after a bad signature so the report says everything it can;
  // the result fails either way.
  const given = input.files ?? [];
  const byName = new Map<string, string[]>();
  for (const f of given) {
    const name = path.basename(f);
    byName.set(name, [...(byName.get(name) ?? []), f]);
  }
  const manifestDir = path.dirname(input.manifestPath);

  for (const a of signed.manifest.artefacts) {
    const candidates = byName.get(a.filename) ?? [];
    if (candidates.length > 1) {
      fail(`${a.filename}: given more than once (${candidates.join(", ")})`);
      continue;
    }
    const file = candidates[0] ?? path.join(manifestDir, a.filename);
    if (!(await isFile(file))) {
      fail(
        candidates.length
          ? `${a.filename}: not found (${file})`
          : `${a.filename}: not found (not among the files given, nor next to the manifest)`,
      );
      continue;
    }
    let actual: { sha256: string; size: number };
    try {
      actual = await hashFile(file);
    } catch (e) {
      fail(`${a.filename}: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    if (actual.sha256 !== a.sha256) {
      fail(`${a.filename}: SHA-256 differs: manifest says ${a.sha256}, file is ${actual.sha256}`);
    } else if (actual.size !== a.size) {
      fail(`${a.filename}: size differs: manifest says ${a.size} bytes, file is ${actual.size} bytes`);
    } else {
      pass(`${a.filename}: sha256 matches (${actual.size} bytes)`);
    }
  }

  const listed = new Set(signed.manifest.artefacts.map((a) => a.filename));
  for (const f of given) {
    if (!listed.has(path.basename(f))) fail(`${f}: not listed in the manifest`);
  }
  return done();
}
