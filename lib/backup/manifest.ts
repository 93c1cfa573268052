// The backup folder's manifest (`npm run backup` / `npm run restore`): pure building and checking.
// No `server-only`, no fs, no process.env: the scripts and the tests use it directly.
import { z } from "zod";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT = "logdesk-backup";
export const MANIFEST_FORMAT_VERSION = 1;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "a SHA-256 is 64 lowercase hex digits");
const blobKey = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'a blob key is "sha256:" and 64 lowercase hex digits');
/** A file name in the backup folder: one plain segment, never a path. */
const plainName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "a plain file name");

export const ZBackupManifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(MANIFEST_FORMAT_VERSION),
  createdAt: z.string().datetime(),
  portalVersion: z.string(),
  /** The last migration the snapshot's database had applied (its schema level). */
  migration: z.string().nullable(),
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    /** pglite: a gzip'd tar of PGlite's data directory; postgres: pg_dump's custom format. */
    file: plainName,
    size: z.number().int().nonnegative(),
    sha256: hex64,
    /** postgres: the server's version and pg_dump's (restore needs a pg_restore at least as new). */
    serverVersion: z.string().optional(),
    dumpVersion: z.string().optional(),
  }),
  /** What the snapshot holds, compared after a restore. */
  counts: z.object({
    cases: z.number().int().nonnegative(),
    artefacts: z.number().int().nonnegative(),
    activity: z.number().int().nonnegative(),
    /** The activity log's last id (as a string: a bigint), null when empty. */
    activityLastId: z.string().nullable(),
  }),
  /** Every blob a row of the snapshot refers to (not deleted by retention), stored under blobs/. */
  blobs: z.array(z.object({ key: blobKey, size: z.number().int().nonnegative(), sha256: hex64 })),
  /** The data folder's own files (session secret, signing keys), stored under files/. */
  files: z.array(z.object({ name: plainName, size: z.number().int().nonnegative(), sha256: hex64 })),
});
export type BackupManifest = z.infer<typeof ZBackupManifest>;

export interface FileFacts {
  size: number;
  sha256: string;
}

export interface ManifestInput {
  createdAt: Date;
  portalVersion: string;
  migration: string | null;
  database: BackupManifest["database"];
  counts: BackupManifest["counts"];
  blobs: Map<string, FileFacts>;
  files: Map<string, FileFacts>;
}

/** The manifest for what was written, blobs and files sorted so two backups of one state compare equal. */
export function buildManifest(input: ManifestInput): BackupManifest {
  for (const [key, b] of input.blobs) {
    if (`sha256:${b.sha256}` !== key) throw new Error(`blob ${key} has SHA-256 ${b.sha256}: the blob store holds a changed file`);
  }
  return ZBackupManifest.parse({
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    createdAt: input.createdAt.toISOString(),
    portalVersion: input.portalVersion,
    migration: input.migration,
    database: input.database,
    counts: input.counts,
    blobs: [...input.blobs].sort(([a], [b]) => a.localeCompare(b)).map(([key, b]) => ({ key, size: b.size, sha256: b.sha256 })),
    files: [...input.files].sort(([a], [b]) => a.localeCompare(b)).map(([name, f]) => ({ name, size: f.size, sha256: f.sha256 })),
  });
}

/** Reads a manifest's text; throws a sentence naming what is wrong. */
export function parseManifest(text: string): BackupManifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${MANIFEST_FILE} is not JSON: the backup is damaged`);
  }
  const parsed = ZBackupManifest.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    if (first.path[0] === "formatVersion" || first.path[0] === "format") {
      throw new Error(`${MANIFEST_FILE} is not a Logdesk backup of format ${MANIFEST_FORMAT_VERSION} (${first.path.join(".")}: ${first.message})`);
    }
    throw new Error(`${MANIFEST_FILE} is damaged at ${first.path.join(".") || "its top"}: ${first.message}`);
  }
  const seen = new Set<string>();
  for (const b of parsed.data.blobs) {
    if (seen.has(b.key)) throw new Error(`${MANIFEST_FILE} lists blob ${b.key} twice: the backup is damaged`);
    seen.add(b.key);
    if (b.key !== `sha256:${b.sha256}`) throw new Error(`${MANIFEST_FILE} lists blob ${b.key} with another SHA-256 (${b.sha256}): the backup is damaged`);
  }
  return parsed.data;
}

/** What the restore found on disk for each thing the manifest names (null: missing). */
export interface FoundContents {
  database: FileFacts | null;
  blobs: Map<string, FileFacts | null>;
  files: Map<string, FileFacts | null>;
}

/**
 * Every way the backup folder differs from its manifest, one sentence each (empty: it holds).
 * A restore refuses on any of them, before it touches the target.
 */
export function checkContents(m: BackupManifest, found: FoundContents): string[] {
  const problems: string[] = [];
  const compare = (what: string, want: FileFacts, got: FileFacts | null | undefined) => {
    if (!got) problems.push(`${what} is missing`);
    else if (got.sha256 !== want.sha256) problems.push(`${what} is changed (SHA-256 ${got.sha256}, the manifest says ${want.sha256})`);
    else if (got.size !== want.size) problems.push(`${what} has ${got.size} bytes, the manifest says ${want.size}`);
  };
  compare(`the database dump ${m.database.file}`, m.database, found.database);
  for (const b of m.blobs) compare(`blob ${b.key}`, b, found.blobs.get(b.key));
  for (const f of m.files) compare(`file ${f.name}`, f, found.files.get(f.name));
  return problems;
}

/** Where a blob lives in the backup folder (and in a blob store): sha256/<2 hex>/<hex>. */
export function blobRelativePath(key: string): string {
  const m = /^sha256:([0-9a-f]{64})$/.exec(key);
  if (!m) throw new Error(`invalid blob key ${JSON.stringify(key.slice(0, 80))}`);
  return `sha256/${m[1]!.slice(0, 2)}/${m[1]}`;
}

/** One artefact row's blob columns, as the snapshot query reads them. */
export interface ArtefactBlobRow {
  rawBlobKey: string | null;
  rawLineMapKey: string | null;
  rawDeleted: boolean;
  redactedBlobKey: string | null;
  redactedDeleted: boolean;
  supersededBlobKeys: string[] | null;
  supersededDeleted: boolean;
}

/**
 * The blobs a snapshot's rows still need: every key an artefact names that retention has not
 * recorded as deleted (a deleted file's blob may be gone, legitimately). Sorted, each once.
 */
export function referencedBlobKeys(rows: ArtefactBlobRow[]): string[] {
  const keys = new Set<string>();
  for (const r of rows) {
    if (!r.rawDeleted) {
      if (r.rawBlobKey) keys.add(r.rawBlobKey);
      if (r.rawLineMapKey) keys.add(r.rawLineMapKey);
    }
    if (!r.redactedDeleted && r.redactedBlobKey) keys.add(r.redactedBlobKey);
    if (!r.supersededDeleted) for (const k of r.supersededBlobKeys ?? []) keys.add(k);
  }
  return [...keys].sort();
}

/** The query every snapshot runs for referencedBlobKeys (PGlite and PostgreSQL alike). */
export const ARTEFACT_BLOB_SQL = `SELECT "rawBlobKey", "rawLineMapKey", "rawDeletedAt" IS NOT NULL AS "rawDeleted",
  "redactedBlobKey", "redactedDeletedAt" IS NOT NULL AS "redactedDeleted",
  "supersededBlobKeys", "supersededDeletedAt" IS NOT NULL AS "supersededDeleted" FROM "Artefact"`;

/** The counts and schema level every snapshot records (one row). */
export const SNAPSHOT_FACTS_SQL = `SELECT (SELECT count(*) FROM "Case")::int AS cases, (SELECT count(*) FROM "Artefact")::int AS artefacts,
  (SELECT count(*) FROM "ActivityLog")::int AS activity, (SELECT max(id)::text FROM "ActivityLog") AS "activityLastId",
  (SELECT max(migration_name) FROM "_prisma_migrations" WHERE finished_at IS NOT NULL) AS migration`;

export interface SnapshotFacts {
  counts: BackupManifest["counts"];
  migration: string | null;
}

export function snapshotFactsOf(row: { cases: number; artefacts: number; activity: number; activityLastId: string | null; migration: string | null }): SnapshotFacts {
  return {
    counts: { cases: Number(row.cases), artefacts: Number(row.artefacts), activity: Number(row.activity), activityLastId: row.activityLastId ?? null },
    migration: row.migration ?? null,
  };
}

/** A restore refuses a backup whose schema is newer than this code's migrations know. */
export function migrationTooNew(backup: string | null, known: string[]): boolean {
  return backup !== null && !known.includes(backup) && known.every((k) => k < backup);
}

/** "1.2 MB" for the scripts' summaries. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}
