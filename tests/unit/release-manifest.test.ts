// lib/release: canonical JSON, signing keys (configured or generated once), manifest signatures,
// and verifyRelease over the files as the customer received them.
import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadOrCreateSigningKey, publicKeyId, signingKeyFromPem } from "@/lib/release/keys";
import {
  MANIFEST_FORMAT,
  canonicalJson,
  parseSignedManifest,
  signManifest,
  verifyManifestSignature,
  type ReleaseManifest,
  type SignedManifest,
} from "@/lib/release/manifest";
import { publicKeyFromText, verifyRelease } from "@/lib/release/verify";

function newKeyPem(): string {
  return crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

const KEY = signingKeyFromPem(newKeyPem());
const OTHER = signingKeyFromPem(newKeyPem());

const sha = (b: string | Buffer) => crypto.createHash("sha256").update(b).digest("hex");

const BODY = "2026-01-31T10:00:00Z GET /api/v4/projects user=[user-1]\n";

function manifest(): ReleaseManifest {
  return {
    format: MANIFEST_FORMAT,
    case: { reference: "LD-2026-0042", account: "Acme Corp" },
    release: {
      id: "rel_01",
      sharedBy: { name: "Sam Support", email: "sam@example.com" },
      sharedAt: "2026-02-01T09:30:00.000Z",
      recipient: "security@acme.example",
      channel: "portal-download",
    },
    artefacts: [
      {
        filename: "api-2026-01-31.redacted.log",
        sha256: sha(BODY),
        size: Buffer.byteLength(BODY),
        form: "redacted",
        rawSha256: sha("raw"),
        redactions: { user: 1, ip: 0 },
        lines: 1,
        approvals: [
          { kind: "security", decision: "approved", by: "Sid Sirt", at: "2026-02-01T08:00:00.000Z" },
          { kind: "legal", decision: "approved", by: "Lee Legal", at: "2026-02-01T09:00:00+01:00" },
        ],
      },
    ],
  };
}

describe("canonicalJson", () => {
  it.each<[string, unknown, string]>([
    ["sorts keys", { b: 1, a: 2 }, '{"a":2,"b":1}'],
    ["sorts at every depth", { z: { y: 1, x: [{ d: 1, c: 2 }] }, a: null }, '{"a":null,"z":{"x":[{"c":2,"d":1}],"y":1}}'],
    ["keeps array order", [3, 1, 2], "[3,1,2]"],
    ["sorts by UTF-16 code units, not locale", { b: 1, B: 2, "é": 3, "10": 4, "9": 5 }, '{"10":4,"9":5,"B":2,"b":1,"é":3}'],
    ["astral keys sort by code unit", { "\u{1F600}": 1, "\uFFFF": 2 }, '{"\u{1F600}":1,"\uFFFF":2}'],
    ["escapes strings as JSON", { s: 'quote " backslash \\ newline \n tab \t nul \u0000' }, '{"s":"quote \\" backslash \\\\ newline \\n tab \\t nul \\u0000"}'],
    ["escapes lone surrogates", "\ud800", '"\\ud800"'],
    ["no whitespace", { a: [1, { b: true }], c: "x y" }, '{"a":[1,{"b":true}],"c":"x y"}'],
    ["leaves out undefined properties (as JSON does)", { a: undefined, b: 1 }, '{"b":1}'],
    ["negative zero is 0", -0, "0"],
    ["safe integer bounds", [Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER], "[9007199254740991,-9007199254740991]"],
    ["literals", [true, false, null], "[true,false,null]"],
    ["empty containers", { a: {}, b: [] }, '{"a":{},"b":[]}'],
  ])("%s", (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ["a fraction", { a: 1.5 }],
    ["an unsafe integer", { a: 2 ** 53 }],
    ["NaN", [NaN]],
    ["Infinity", Infinity],
    ["a bigint", 1n],
    ["undefined in an array", [undefined]],
    ["a function", { f: () => 1 }],
    ["a Date", new Date(0)],
  ])("throws on %s", (_name, value) => {
    expect(() => canonicalJson(value)).toThrow(/canonicalJson/);
  });

  it("throws on a cycle, but not on a shared (acyclic) object", () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => canonicalJson(cyc)).toThrow(/cycle/);
  });

  it("gives the same bytes after a JSON round trip", () => {
    const m = manifest();
    expect(canonicalJson(JSON.parse(JSON.stringify(m, null, 2)))).toBe(canonicalJson(m));
  });
});

describe("signing keys", () => {
  const pem = newKeyPem();

  it.each([
    ["PEM text", pem],
    ["PEM with surrounding whitespace", `\n  ${pem}\n\n`],
    ["base64 of the PEM (one line)", Buffer.from(pem).toString("base64")],
  ])("reads %s", (_name, input) => {
    const k = signingKeyFromPem(input);
    expect(k.privateKey.asymmetricKeyType).toBe("ed25519");
    expect(k.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(k.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(k.keyId).toBe(publicKeyId(k.publicKeyPem));
    expect(k).toEqual(expect.objectContaining({ keyId: signingKeyFromPem(pem).keyId }));
  });

  it("keyId is the first 16 hex of SHA-256 over the SPKI DER", () => {
    const der = crypto.createPublicKey(KEY.publicKeyPem).export({ type: "spki", format: "der" });
    expect(KEY.keyId).toBe(`ed25519:${sha(der).slice(0, 16)}`);
    expect(OTHER.keyId).not.toBe(KEY.keyId);
  });

  const rsaPem = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const ecPem = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  it.each([
    ["an RSA key", rsaPem, /must be an Ed25519 private key, not rsa/],
    ["an RSA key in base64", Buffer.from(rsaPem).toString("base64"), /must be an Ed25519 private key, not rsa/],
    ["an EC key", ecPem, /must be an Ed25519 private key, not ec/],
    ["a public key", KEY.publicKeyPem, /is a public key/],
    ["an empty string", "  ", /empty/],
    ["base64 of something else", Buffer.from("hello").toString("base64"), /does not decode to PEM/],
    ["garbage", "not a key!", /neither PEM/],
    ["a damaged PEM", pem.replace(/\n[A-Za-z0-9+/]{8}/, "\nAAAA"), /could not be read/],
  ])("refuses %s with a clear message", (_name, input, message) => {
    expect(() => signingKeyFromPem(input)).toThrow(message);
  });

  it("publicKeyId refuses a non-Ed25519 public key", () => {
    const rsaPub = crypto.createPublicKey(rsaPem).export({ type: "spki", format: "pem" }).toString();
    expect(() => publicKeyId(rsaPub)).toThrow(/Ed25519, not rsa/);
  });
});

describe("loadOrCreateSigningKey", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-key-"));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("creates the key once, mode 0600, then returns the same key", async () => {
    const dataDir = path.join(dir, "data", "nested");
    const first = await loadOrCreateSigningKey(dataDir);
    const file = path.join(dataDir, "release-signing-key.pem");
    const st = await fs.stat(file);
    expect(st.mode & 0o777).toBe(0o600);
    expect(await fs.readFile(file, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const second = await loadOrCreateSigningKey(dataDir);
    expect(second.keyId).toBe(first.keyId);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
    expect((await fs.readdir(dataDir)).sort()).toEqual(["release-signing-key.pem"]);
  });

  it("concurrent calls agree on one key", async () => {
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateSigningKey(dir)));
    expect(new Set(keys.map((k) => k.keyId)).size).toBe(1);
    expect((await loadOrCreateSigningKey(dir)).keyId).toBe(keys[0].keyId);
    expect(await fs.readdir(dir)).toEqual(["release-signing-key.pem"]);
  });

  it("refuses a key file that is not an Ed25519 key, naming the file", async () => {
    await fs.writeFile(path.join(dir, "release-signing-key.pem"), "junk", { mode: 0o600 });
    await expect(loadOrCreateSigningKey(dir)).rejects.toThrow(/release-signing-key\.pem: /);
  });
});

describe("signManifest and verifyManifestSignature", () => {
  it("a signed manifest verifies, also after a JSON round trip through parseSignedManifest", () => {
    const signed = signManifest(manifest(), KEY);
    expect(signed.signature).toEqual({ algorithm: "Ed25519", keyId: KEY.keyId, value: expect.stringMatching(/^[A-Za-z0-9+/]{86}==$/) });
    expect(verifyManifestSignature(signed, KEY.publicKeyPem)).toEqual({ ok: true });
    const reparsed = parseSignedManifest(JSON.stringify(signed, null, 2));
    expect(verifyManifestSignature(reparsed, KEY.publicKeyPem)).toEqual({ ok: true });
  });

  it.each<[string, (m: ReleaseManifest) => void]>([
    ["the case reference", (m) => (m.case.reference = "LD-2026-0043")],
    ["the account", (m) => (m.case.account = "Globex")],
    ["an artefact's sha256", (m) => (m.artefacts[0].sha256 = sha("other"))],
    ["an artefact's size", (m) => (m.artefacts[0].size += 1)],
    ["an artefact's filename", (m) => (m.artefacts[0].filename = "other.log")],
    ["an approver's name", (m) => (m.artefacts[0].approvals[1].by = "Mallory")],
    ["an approval time", (m) => (m.artefacts[0].approvals[0].at = "2026-02-01T08:00:01.000Z")],
    ["the approvals' order", (m) => m.artefacts[0].approvals.reverse()],
    ["a redaction count", (m) => (m.artefacts[0].redactions.user = 0)],
    ["the recipient", (m) => (m.release.recipient = "attacker@example.net")],
    ["an added artefact", (m) => m.artefacts.push({ ...m.artefacts[0], filename: "extra.log" })],
  ])("changing %s after signing makes it invalid", (_name, change) => {
    const signed = signManifest(manifest(), KEY);
    change(signed.manifest);
    const v = verifyManifestSignature(signed, KEY.publicKeyPem);
    expect(v).toEqual({ ok: false, reason: expect.stringMatching(/signature does not match/) });
  });

  it("another public key is refused, saying the keyId does not match", () => {
    const signed = signManifest(manifest(), KEY);
    const v = verifyManifestSignature(signed, OTHER.publicKeyPem);
    expect(v.ok).toBe(false);
    expect(!v.ok && v.reason).toMatch(new RegExp(`keyId mismatch.*${KEY.keyId}.*${OTHER.keyId}`));
  });

  it("a signature by another key under the right keyId is invalid", () => {
    const forged = signManifest(manifest(), OTHER);
    forged.signature.keyId = KEY.keyId;
    expect(verifyManifestSignature(forged, KEY.publicKeyPem)).toEqual({ ok: false, reason: expect.stringMatching(/does not match/) });
  });

  it.each<[string, (s: SignedManifest) => void, RegExp]>([
    ["a wrong format", (s) => ((s.manifest as { format: string }).format = "logdesk-release-manifest/2"), /unsupported manifest format/],
    ["a wrong algorithm", (s) => ((s.signature as { algorithm: string }).algorithm = "RSA"), /unsupported signature algorithm/],
    ["a truncated signature", (s) => (s.signature.value = s.signature.value.slice(0, 40)), /does not match/],
    ["an unsafe number", (s) => (s.manifest.artefacts[0].size = 0.5), /cannot be canonicalised/],
  ])("reports %s", (_name, change, reason) => {
    const signed = signManifest(manifest(), KEY);
    change(signed);
    expect(verifyManifestSignature(signed, KEY.publicKeyPem)).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it("reports an unusable public key instead of throwing", () => {
    const signed = signManifest(manifest(), KEY);
    expect(verifyManifestSignature(signed, "nope")).toEqual({ ok: false, reason: expect.stringMatching(/public key is unusable/) });
  });

  it("refuses to sign an invalid manifest", () => {
    const m = manifest();
    m.artefacts[0].filename = "../etc/passwd";
    expect(() => signManifest(m, KEY)).toThrow(/manifest\.artefacts\[0\]\.filename: must be a plain file name/);
  });
});

describe("parseSignedManifest", () => {
  const NOT_JSON = Symbol("not JSON");
  // A signed manifest parsed back from JSON, each case below breaking one field of it by path.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Doc = Record<string, any>;
  const good = () => JSON.parse(JSON.stringify(signManifest(manifest(), KEY))) as Doc;
  it.each<[string, (s: Doc) => unknown, RegExp]>([
    ["not JSON", () => NOT_JSON, /not valid JSON/],
    ["a missing case reference", (s) => delete s.manifest.case.reference, /\$\.manifest\.case\.reference: /],
    ["a bad sha256", (s) => (s.manifest.artefacts[0].sha256 = "ABC"), /\$\.manifest\.artefacts\[0\]\.sha256: expected 64 lowercase hex/],
    ["a path in a filename", (s) => (s.manifest.artefacts[0].filename = "a/b.log"), /filename: must be a plain file name/],
    ["a duplicate filename", (s) => s.manifest.artefacts.push(s.manifest.artefacts[0]), /artefacts\[1\]\.filename: .*appears twice/],
    ["no artefacts", (s) => (s.manifest.artefacts = []), /at least one artefact/],
    ["an unknown format", (s) => (s.manifest.format = "x/9"), /unsupported manifest format/],
    ["a bad approval time", (s) => (s.manifest.artefacts[0].approvals[0].at = "yesterday"), /approvals\[0\]\.at: expected an ISO 8601/],
    ["a rejected decision", (s) => (s.manifest.artefacts[0].approvals[0].decision = "rejected"), /approvals\[0\]\.decision/],
    ["an unknown field", (s) => (s.manifest.extra = 1), /\$\.manifest: .*extra/],
    ["a bad keyId", (s) => (s.signature.keyId = "rsa:1"), /\$\.signature\.keyId: /],
    ["a signature that is not base64", (s) => (s.signature.value = "!!!"), /\$\.signature\.value: expected base64/],
    ["a negative size", (s) => (s.manifest.artefacts[0].size = -1), /size: must not be negative/],
  ])("explains %s", (_name, change, message) => {
    const s = good();
    const out = change(s);
    const text = out === NOT_JSON ? "{" : JSON.stringify(s);
    expect(() => parseSignedManifest(text)).toThrow(message);
  });
});

describe("verifyRelease", () => {
  let dir: string;
  let manifestPath: string;
  const FILE = "api-2026-01-31.redacted.log";

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-release-"));
    manifestPath = path.join(dir, "manifest.json");
    await fs.writeFile(manifestPath, JSON.stringify(signManifest(manifest(), KEY), null, 2));
    await fs.writeFile(path.join(dir, FILE), BODY);
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("passes with the file next to the manifest", async () => {
    const r = await verifyRelease({ manifestPath, publicKeyPem: KEY.publicKeyPem });
    expect(r).toEqual({
      ok: true,
      lines: [
        { ok: true, text: `signature: valid (key ${KEY.keyId})` },
        { ok: true, text: `${FILE}: sha256 matches (${Buffer.byteLength(BODY)} bytes)` },
      ],
    });
  });

  it("prefers a file given by name over the one next to the manifest", async () => {
    const elsewhere = path.join(dir, "elsewhere");
    await fs.mkdir(elsewhere);
    await fs.writeFile(path.join(elsewhere, FILE), BODY);
    await fs.writeFile(path.join(dir, FILE), "tampered");
    const r = await verifyRelease({ manifestPath, publicKeyPem: KEY.publicKeyPem, files: [path.join(elsewhere, FILE)] });
    expect(r.ok).toBe(true);
  });

  it("flipping one byte of the file fails, naming the file and both digests", async () => {
    const bytes = Buffer.from(BODY);
    bytes[10] ^= 0x01;
    await fs.writeFile(path.join(dir, FILE), bytes);
    const r = await verifyRelease({ manifestPath, publicKeyPem: KEY.publicKeyPem });
    expect(r.ok).toBe(false);
    expect(r.lines[0].ok).toBe(true);
    expect(r.lines[1]).toEqual({ ok: false, text: `${FILE}: SHA-256 differs: manifest says ${sha(BODY)}, file is ${sha(bytes)}` });
  });

  it.each<[string, () => Promise<{ files?: string[]; key?: string }>, RegExp]>([
    ["a missing file", async () => (await fs.rm(path.join(dir, FILE)), {}), new RegExp(`^${FILE.replace(/\./g, "\\.")}: not found`)],
    ["a named file that does not exist", async () => ({ files: [path.join(dir, "nope", FILE)] }), /: not found \(.*nope/],
    ["a file not in the manifest", async () => (await fs.writeFile(path.join(dir, "x.log"), "x"), { files: [path.join(dir, "x.log")] }), /x\.log: not listed in the manifest/],
    ["another key", async () => ({ key: OTHER.publicKeyPem }), /^signature: INVALID: keyId mismatch/],
    ["a tampered manifest", async () => {
      const s = JSON.parse(await fs.readFile(manifestPath, "utf8"));
      s.manifest.case.reference = "LD-1";
      await fs.writeFile(manifestPath, JSON.stringify(s));
      return {};
    }, /^signature: INVALID: the signature does not match/],
    ["a manifest that is not JSON", async () => (await fs.writeFile(manifestPath, "nope"), {}), /^manifest: signed manifest is not valid JSON/],
    ["a missing manifest", async () => (await fs.rm(manifestPath), {}), /^manifest: cannot read .*ENOENT/],
  ])("fails on %s", async (_name, setup, failure) => {
    const { files, key } = await setup();
    const r = await verifyRelease({ manifestPath, publicKeyPem: key ?? KEY.publicKeyPem, files });
    expect(r.ok).toBe(false);
    expect(r.lines.filter((l) => !l.ok).map((l) => l.text)).toContainEqual(expect.stringMatching(failure));
  });

  it.each([
    ["PEM", () => KEY.publicKeyPem],
    ["JSON with publicKeyPem", () => JSON.stringify({ keyId: KEY.keyId, publicKeyPem: KEY.publicKeyPem })],
  ])("publicKeyFromText reads %s", (_name, text) => {
    expect(publicKeyId(publicKeyFromText(text()))).toBe(KEY.keyId);
  });

  it.each([["{}", /no publicKeyPem/], ["junk", /not a PEM public key/]])("publicKeyFromText refuses %s", (text, message) => {
    expect(() => publicKeyFromText(text)).toThrow(message);
  });
});
