// scripts/verify-manifest.ts run for real, as a child process: exit codes 0, 1 and 2 and what it prints.
import { execFile } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signingKeyFromPem } from "@/lib/release/keys";
import { MANIFEST_FORMAT, signManifest } from "@/lib/release/manifest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BODY = "line one\nline two\n";
const FILE = "app.redacted.log";

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/verify-manifest.ts", ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, npm_lifecycle_event: "" } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let dir: string;
let keyPath: string;
let otherKeyPath: string;
let manifestPath: string;
let keyId: string;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-verify-cli-"));
  const gen = () => signingKeyFromPem(crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  const key = gen();
  keyId = key.keyId;
  keyPath = path.join(dir, "release-key.pem");
  otherKeyPath = path.join(dir, "other-key.pem");
  await fs.writeFile(keyPath, key.publicKeyPem);
  await fs.writeFile(otherKeyPath, gen().publicKeyPem);
  // Stands in for the portal's /api/release-key (JSON with the PEM; plain PEM is read too).
  server = http.createServer((req, res) => {
    if (req.url === "/api/release-key") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ keyId: key.keyId, publicKeyPem: key.publicKeyPem }));
    } else {
      res.statusCode = 404;
      res.end("not found");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await fs.mkdir(path.join(dir, "download"));
  await fs.writeFile(path.join(dir, "download", FILE), BODY);
  await fs.writeFile(path.join(dir, "tampered.log"), BODY.replace("one", "0ne"));
  await fs.mkdir(path.join(dir, "tampered"));
  await fs.writeFile(path.join(dir, "tampered", FILE), BODY.replace("one", "0ne"));
  const signed = signManifest(
    {
      format: MANIFEST_FORMAT,
      case: { reference: "LD-7", account: "Acme" },
      release: {
        id: "rel_7",
        sharedBy: { name: "Sam", email: "sam@example.com" },
        sharedAt: "2026-02-01T09:30:00.000Z",
        recipient: "ops@acme.example",
        channel: "portal-download",
      },
      artefacts: [
        {
          filename: FILE,
          sha256: crypto.createHash("sha256").update(BODY).digest("hex"),
          size: Buffer.byteLength(BODY),
          form: "redacted",
          rawSha256: "0".repeat(64),
          redactions: {},
          lines: 2,
          approvals: [],
        },
      ],
    },
    key,
  );
  manifestPath = path.join(dir, "download", "manifest.json");
  await fs.writeFile(manifestPath, JSON.stringify(signed, null, 2));
});

afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await fs.rm(dir, { recursive: true, force: true });
});

describe("npm run verify-manifest", () => {
  it.each<[string, () => string[], number, RegExp, RegExp | null]>([
    ["all good, file next to the manifest", () => [manifestPath, "--key", keyPath], 0, /signature: valid \(key ed25519:[0-9a-f]{16}\)\napp\.redacted\.log: sha256 matches \(18 bytes\)/, null],
    ["all good, file named, --key=", () => [manifestPath, `--key=${keyPath}`, path.join(dir, "download", FILE)], 0, /sha256 matches/, null],
    ["key fetched from the portal's URL", () => [manifestPath, "--key", `${baseUrl}/api/release-key`], 0, /signature: valid/, null],
    ["a key URL that answers 404", () => [manifestPath, "--key", `${baseUrl}/nope`], 1, /^$/, /key: cannot load .*404/],
    ["a changed file", () => [manifestPath, "--key", keyPath, path.join(dir, "tampered", FILE)], 1, /signature: valid/, /app\.redacted\.log: SHA-256 differs: manifest says [0-9a-f]{64}, file is [0-9a-f]{64}/],
    ["a missing file", () => [manifestPath, "--key", keyPath, path.join(dir, "nowhere", FILE)], 1, /signature: valid/, /app\.redacted\.log: not found/],
    ["another key", () => [manifestPath, "--key", otherKeyPath], 1, /sha256 matches/, /signature: INVALID: keyId mismatch/],
    ["an unreadable key file", () => [manifestPath, "--key", path.join(dir, "nokey.pem")], 1, /^$/, /key: cannot load/],
    ["no arguments", () => [], 2, /^$/, /usage: npm run verify-manifest -- <manifest\.json> --key/],
    ["no --key", () => [manifestPath], 2, /^$/, /no --key given\nusage:/],
    ["--key without a value", () => [manifestPath, "--key"], 2, /^$/, /--key needs a value/],
    ["an unknown option", () => [manifestPath, "--key", keyPath, "--fast"], 2, /^$/, /unknown option --fast/],
  ])("%s", async (_name, args, code, stdout, stderr) => {
    const r = await run(args());
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: code === 0 ? "" : expect.stringMatching(stderr ?? /./) });
    expect(r.stdout).toMatch(stdout);
    if (code === 0) expect(r.stdout).toContain(`key ${keyId}`);
  }, 60_000);
});
