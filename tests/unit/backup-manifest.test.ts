import { describe, expect, it } from "vitest";
import os from "node:os";
import { operatorPaths } from "@/lib/backup/channel";
import { libpqTarget, pgMajor } from "@/lib/backup/files";
import { pgVersionProblem } from "@/lib/backup/backup";
import {
  blobRelativePath,
  buildManifest,
  checkContents,
  migrationTooNew,
  parseManifest,
  referencedBlobKeys,
  type ArtefactBlobRow,
  type FileFacts,
  type FoundContents,
  type ManifestInput,
} from "@/lib/backup/manifest";

const hex = (c: string) => c.repeat(64);
const key = (c: string) => `sha256:${hex(c)}`;
const facts = (c: string, size = 10): FileFacts => ({ sha256: hex(c), size });

function input(over: Partial<ManifestInput> = {}): ManifestInput {
  return {
    createdAt: new Date("2026-12-05T12:00:00Z"),
    portalVersion: "0.1.0",
    migration: "20261205123624_retention_deleted_files",
    database: { kind: "pglite", file: "database.pglite.tar.gz", size: 100, sha256: hex("d") },
    counts: { cases: 3, artefacts: 2, activity: 40, activityLastId: "40" },
    blobs: new Map([
      [key("b"), facts("b")],
      [key("a"), facts("a", 20)],
    ]),
    files: new Map([["session-secret", facts("e", 44)]]),
    ...over,
  };
}

function found(m: ReturnType<typeof buildManifest>): FoundContents {
  return {
    database: { size: m.database.size, sha256: m.database.sha256 },
    blobs: new Map(m.blobs.map((b) => [b.key, { size: b.size, sha256: b.sha256 }])),
    files: new Map(m.files.map((f) => [f.name, { size: f.size, sha256: f.sha256 }])),
  };
}

describe("buildManifest", () => {
  it("lists blobs and files sorted, with the format, version and counts", () => {
    const m = buildManifest(input());
    expect(m.format).toBe("logdesk-backup");
    expect(m.formatVersion).toBe(1);
    expect(m.createdAt).toBe("2026-12-05T12:00:00.000Z");
    expect(m.blobs.map((b) => b.key)).toEqual([key("a"), key("b")]);
    expect(m.blobs[0]).toEqual({ key: key("a"), size: 20, sha256: hex("a") });
    expect(m.files).toEqual([{ name: "session-secret", size: 44, sha256: hex("e") }]);
    expect(m.counts.activityLastId).toBe("40");
  });

  it("refuses a blob whose bytes do not hash to its key (a changed file in the live store)", () => {
    expect(() => buildManifest(input({ blobs: new Map([[key("a"), facts("f")]]) }))).toThrow(/changed file/);
  });

  it("round-trips through JSON", () => {
    const m = buildManifest(input());
    expect(parseManifest(JSON.stringify(m))).toEqual(m);
  });
});

describe("parseManifest", () => {
  const good = buildManifest(input());
  it.each([
    ["not JSON", "{nope", /not JSON/],
    ["another format", JSON.stringify({ ...good, format: "tarball" }), /not a Logdesk backup/],
    ["a newer format version", JSON.stringify({ ...good, formatVersion: 2 }), /not a Logdesk backup of format 1/],
    ["a blob key that is a path", JSON.stringify({ ...good, blobs: [{ key: "sha256:../../etc/passwd", size: 1, sha256: hex("a") }] }), /damaged at blobs\.0\.key/],
    ["a file name that is a path", JSON.stringify({ ...good, files: [{ name: "../session-secret", size: 1, sha256: hex("a") }] }), /damaged at files\.0\.name/],
    ["a blob listed twice", JSON.stringify({ ...good, blobs: [good.blobs[0], good.blobs[0]] }), /twice/],
    ["a blob whose hash is not its key", JSON.stringify({ ...good, blobs: [{ ...good.blobs[0], sha256: hex("c") }] }), /another SHA-256/],
    ["no counts", JSON.stringify({ ...good, counts: undefined }), /damaged at counts/],
  ])("refuses %s", (_name, text, message) => {
    expect(() => parseManifest(text)).toThrow(message);
  });
});

describe("checkContents", () => {
  const m = buildManifest(input());
  it("finds nothing wrong when every file matches", () => {
    expect(checkContents(m, found(m))).toEqual([]);
  });
  it.each<[string, (f: FoundContents) => void, RegExp]>([
    ["a missing blob", (f) => f.blobs.set(key("a"), null), /^blob sha256:a{64} is missing$/],
    ["a changed blob", (f) => f.blobs.set(key("b"), facts("c")), /^blob sha256:b{64} is changed \(SHA-256 c{64}, the manifest says b{64}\)$/],
    ["a blob of another size", (f) => f.blobs.set(key("b"), facts("b", 11)), /has 11 bytes, the manifest says 10/],
    ["a missing dump", (f) => (f.database = null), /^the database dump database\.pglite\.tar\.gz is missing$/],
    ["a changed dump", (f) => (f.database = facts("0", 100)), /database dump .* is changed/],
    ["a missing key file", (f) => f.files.set("session-secret", null), /^file session-secret is missing$/],
  ])("names %s", (_name, spoil, message) => {
    const f = found(m);
    spoil(f);
    const problems = checkContents(m, f);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
  it("names every problem, not only the first", () => {
    const f = found(m);
    f.blobs.clear();
    f.database = null;
    expect(checkContents(m, f)).toHaveLength(3);
  });
});

describe("referencedBlobKeys", () => {
  const row = (over: Partial<ArtefactBlobRow>): ArtefactBlobRow => ({
    rawBlobKey: key("1"),
    rawLineMapKey: null,
    rawDeleted: false,
    redactedBlobKey: key("2"),
    redactedDeleted: false,
    supersededBlobKeys: [],
    supersededDeleted: false,
    ...over,
  });
  it.each<[string, ArtefactBlobRow[], string[]]>([
    ["raw and redacted", [row({})], [key("1"), key("2")]],
    ["the raw line map with the raw file", [row({ rawLineMapKey: key("3") })], [key("1"), key("2"), key("3")]],
    ["not a raw file retention deleted, nor its line map", [row({ rawDeleted: true, rawLineMapKey: key("3") })], [key("2")]],
    ["not a deleted redacted file", [row({ redactedDeleted: true })], [key("1")]],
    ["superseded files until deleted", [row({ supersededBlobKeys: [key("4"), key("5")] })], [key("1"), key("2"), key("4"), key("5")]],
    ["no deleted superseded files", [row({ supersededBlobKeys: [key("4")], supersededDeleted: true })], [key("1"), key("2")]],
    ["an artefact still processing (no redacted file)", [row({ redactedBlobKey: null })], [key("1")]],
    ["a blob two artefacts share, once", [row({}), row({ rawBlobKey: key("6") })], [key("1"), key("2"), key("6")]],
    ["a blob one artefact deleted and another still needs", [row({ rawDeleted: true }), row({ redactedBlobKey: key("7") })], [key("1"), key("2"), key("7")]],
  ])("%s", (_name, rows, keys) => {
    expect(referencedBlobKeys(rows)).toEqual(keys);
  });
});

describe("the rest", () => {
  it("puts the operator socket in the data folder, or in the temporary folder when that path is too long for a socket", () => {
    expect(operatorPaths("/srv/logdesk/data")).toEqual({ dir: "/srv/logdesk/data/run", socket: "/srv/logdesk/data/run/operator.sock", tokenFile: "/srv/logdesk/data/run/operator-token" });
    const deep = "/srv/" + "very-long-folder-name/".repeat(5) + "data";
    const p = operatorPaths(deep);
    expect(p.tokenFile).toBe(`${deep}/run/operator-token`);
    expect(p.socket).toMatch(new RegExp(`^${os.tmpdir()}/logdesk-[0-9a-f]{16}/operator\\.sock$`));
    expect(p.socket.length).toBeLessThanOrEqual(100);
    expect(operatorPaths(deep).socket).toBe(p.socket);
  });
  it("stores a blob at sha256/<2 hex>/<hex>, refusing anything else", () => {
    expect(blobRelativePath(key("a"))).toBe(`sha256/aa/${hex("a")}`);
    expect(() => blobRelativePath("sha256:../x")).toThrow(/invalid blob key/);
  });
  it.each<[string | null, string[], boolean]>([
    [null, ["20260101_a"], false],
    ["20260101_a", ["20260101_a", "20260202_b"], false],
    ["20260303_c", ["20260101_a", "20260202_b"], true],
  ])("a backup at migration %s against %j is too new: %s", (m, known, tooNew) => {
    expect(migrationTooNew(m, known)).toBe(tooNew);
  });
  it.each<[string | number, number]>([
    ["15.18", 15],
    ["17.2 (Debian 17.2-1.pgdg120+1)", 17],
    [150018, 15],
    [170002, 17],
    [90624, 9],
  ])("reads the major version of %s", (v, major) => {
    expect(pgMajor(v)).toBe(major);
  });
  it("refuses pg_dump older than the server, naming the client to install", () => {
    expect(pgVersionProblem("pg_dump", "15.18", 150004)).toBeNull();
    expect(pgVersionProblem("pg_dump", "16.1", 150004)).toBeNull();
    const p = pgVersionProblem("/usr/bin/pg_dump", "15.18", 170002)!;
    expect(p).toContain("pg_dump 15.18 is older than the PostgreSQL 17 server");
    expect(p).toContain("postgresql-client-17");
    expect(p).toContain("PG_BIN_DIR=/usr/lib/postgresql/17/bin");
  });
  it("keeps the password off pg_dump's command line and drops Prisma's own parameters", () => {
    const t = libpqTarget("postgresql://app:s%40cret@db.example:5432/logdesk?schema=public&sslmode=require&connection_limit=5");
    expect(t.password).toBe("s@cret");
    expect(t.conninfo).toBe("postgresql://app@db.example:5432/logdesk?sslmode=require");
  });
});
