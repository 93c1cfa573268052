import crypto from "node:crypto";
import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fileTypeLabel, fileTypeOf } from "@/lib/artefacts/file-type";
import { redactedFilename, releaseFilename } from "@/lib/artefacts/rules";
import { signingKeyFromPem } from "@/lib/release/keys";
import { MANIFEST_FORMAT, signManifest, type ReleaseManifest } from "@/lib/release/manifest";
import { verifyRelease } from "@/lib/release/verify";

type Format = "ndjson" | "text";

describe("an upload keeps its type", () => {
  it.each<[string, Format, string, string, string]>([
    // name, what the lines are, label, release name, content type
    ["export.ndjson", "ndjson", "NDJSON", "export.redacted.ndjson", "application/x-ndjson"],
    ["export.ndjson", "text", "NDJSON", "export.redacted.ndjson", "application/x-ndjson"], // mixed lines: still the customer's NDJSON file
    ["events.jsonl", "ndjson", "JSON lines", "events.redacted.jsonl", "application/jsonl"],
    ["events.JSONL.gz", "ndjson", "JSON lines", "events.redacted.jsonl", "application/jsonl"],
    ["dump.json", "text", "JSON", "dump.redacted.json", "application/json"],
    ["access.csv", "text", "CSV", "access.redacted.csv", "text/csv; charset=utf-8"],
    ["access.csv.gz", "text", "CSV", "access.redacted.csv", "text/csv; charset=utf-8"],
    ["access.tsv", "text", "TSV", "access.redacted.tsv", "text/tab-separated-values; charset=utf-8"],
    ["app.log", "text", "Text log", "app.redacted.log", "text/plain; charset=utf-8"],
    ["app.log", "ndjson", "NDJSON", "app.redacted.log", "application/x-ndjson"], // JSON lines in a .log: labelled by content, named as uploaded
    ["notes.txt", "text", "Text", "notes.redacted.txt", "text/plain; charset=utf-8"],
    ["dump", "text", "Text log", "dump.redacted.log", "text/plain; charset=utf-8"],
    ["dump", "ndjson", "NDJSON", "dump.redacted.ndjson", "application/x-ndjson"],
    ["archive.tar", "text", "Text log", "archive.tar.redacted.log", "text/plain; charset=utf-8"],
  ])("%s (%s lines): %s, downloaded as %s", (name, format, label, release, contentType) => {
    const type = fileTypeOf(name, format);
    expect(type.label).toBe(label);
    expect(type.contentType).toBe(contentType);
    expect(releaseFilename(name, format)).toBe(release);
    expect(redactedFilename(name, format)).toBe(release);
  });

  it("says gzip when the upload came compressed", () => {
    expect(fileTypeLabel("events.jsonl.gz", "ndjson", "gzip")).toBe("JSON lines, gzip");
    expect(fileTypeLabel("events.jsonl", "ndjson", "none")).toBe("JSON lines");
  });

  it.each(["events.jsonl", "access.csv.gz", "x/../../y.ndjson", "a\"b.tsv"])("a release of %s, saved under its release name, verifies against its signed manifest", async (name) => {
    const filename = releaseFilename(name, "text");
    const body = "2026-01-31T10:00:00Z GET /api/v4/projects user=[user-1]\n";
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-filetype-"));
    try {
      const key = signingKeyFromPem(crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString());
      const manifest: ReleaseManifest = {
        format: MANIFEST_FORMAT,
        case: { reference: "IR-2026-0042", account: "Acme" },
        release: { id: "rel_1", sharedBy: { name: "Sam", email: "sam@example.com" }, sharedAt: "2026-02-01T09:30:00.000Z", recipient: "sec@acme.example", channel: "email" },
        artefacts: [{ filename, sha256: crypto.createHash("sha256").update(body).digest("hex"), size: Buffer.byteLength(body), form: "redacted", rawSha256: "a".repeat(64), redactions: {}, lines: 1, approvals: [{ kind: "security", decision: "approved", by: "Sid", at: "2026-02-01T08:00:00.000Z" }] }],
      };
      const manifestPath = path.join(dir, "manifest.json");
      await fs.writeFile(manifestPath, JSON.stringify(signManifest(manifest, key)));
      await fs.writeFile(path.join(dir, filename), body);
      const r = await verifyRelease({ manifestPath, publicKeyPem: key.publicKeyPem });
      expect(r.ok).toBe(true);
      expect(r.lines[1]!.text).toBe(`${filename}: sha256 matches (${Buffer.byteLength(body)} bytes)`);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
