// The crash test's checks (npm run crash-test; docs/decisions/0016-crash-test.md): what the database
// and the blob store hold after a SIGKILL, compared with what the clients were told. The pure
// comparisons come first (tests/unit/crash-checks.test.ts shows each can fail); `inspect` reads a
// database (the server stopped: PGlite has one owner) and the blob folder into their inputs.
import { createHash } from "node:crypto";
import { createReadStream, promises as fs } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "../../generated/prisma/client";
import { isBlobNotFound, type BlobStore } from "../../lib/blobstore";

/** One write the server acknowledged. `detail`: the artefact's SHA-256 (as the client computed it), the submitted status. */
export interface Ack {
  kind: "draft" | "submit" | "verification" | "entry" | "artefact" | "approval" | "gap" | "relay";
  /** The created id; `caseId:item` for a tick, `artefactId:security|legal` for an approval, the case id for a gap. */
  id: string;
  detail?: string;
}

/** What the database holds, in the terms of the acknowledgements. */
export interface Found {
  cases: Map<string, string>;
  verifications: Set<string>;
  entries: Set<string>;
  artefacts: Map<string, { rawSha256: string | null }>;
  approvals: Set<string>;
  gaps: Set<string>;
  relays: Set<string>;
}

export interface Lost {
  ack: Ack;
  why: string;
}

/** Every acknowledged write that the database does not hold (or holds otherwise than acknowledged). */
export function lostWrites(acks: readonly Ack[], found: Found): Lost[] {
  const lost: Lost[] = [];
  for (const ack of acks) {
    const why = whyLost(ack, found);
    if (why) lost.push({ ack, why });
  }
  return lost;
}

function whyLost(ack: Ack, f: Found): string | null {
  switch (ack.kind) {
    case "draft":
      return f.cases.has(ack.id) ? null : "the saved draft is gone";
    case "submit": {
      const status = f.cases.get(ack.id);
      if (status === undefined) return "the submitted case is gone";
      return status === "draft" ? "the case is a draft again (its submission is gone)" : null;
    }
    case "verification":
      return f.verifications.has(ack.id) ? null : "the checklist tick is gone";
    case "entry":
      return f.entries.has(ack.id) ? null : "the timeline entry is gone";
    case "artefact": {
      const a = f.artefacts.get(ack.id);
      if (!a) return "the uploaded artefact is gone";
      return ack.detail && a.rawSha256 !== ack.detail ? `the artefact's SHA-256 is ${a.rawSha256}, the client sent ${ack.detail}` : null;
    }
    case "approval":
      return f.approvals.has(ack.id) ? null : "the approval is gone";
    case "gap":
      return f.gaps.has(ack.id) ? null : "the gap record is gone";
    case "relay":
      return f.relays.has(ack.id) ? null : "the relay is gone";
  }
}

/** A blob an artefact row refers to, and what is on disk under its key (null: no file). */
export interface BlobRef {
  artefactId: string;
  field: string;
  key: string;
  /** The SHA-256 the row states for it (rawSha256, redactedSha256), when it states one. */
  stated: string | null;
  actual: string | null;
}

/** Artefacts the portal believes in whose file is missing or whose bytes hash to something else. */
export function brokenBlobs(refs: readonly BlobRef[]): string[] {
  const out: string[] = [];
  for (const r of refs) {
    const keyHex = r.key.replace(/^sha256:/, "");
    if (r.actual === null) out.push(`artefact ${r.artefactId}: ${r.field} ${r.key} has no file`);
    else if (r.actual !== keyHex) out.push(`artefact ${r.artefactId}: ${r.field} ${r.key} holds bytes hashing to ${r.actual}`);
    else if (r.stated !== null && r.stated !== keyHex) out.push(`artefact ${r.artefactId}: ${r.field} ${r.key} but the row states SHA-256 ${r.stated}`);
  }
  return out;
}

/** The Message-ID header of a raw RFC 5322 message ("(none)" without one). */
export function messageIdOf(raw: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  return /^message-id:\s*(.+)$/im.exec(head)?.[1]?.trim() ?? "(none)";
}

/** Message-IDs received more than once (raw RFC 5322 messages). */
export function duplicateMessageIds(raws: readonly string[]): { messageId: string; times: number }[] {
  return duplicates(raws.map(messageIdOf)).map((d) => ({ messageId: d.value, times: d.times }));
}

/**
 * Mail received twice under one Message-ID, split by whether a kill fell between the two
 * receipts (`at`: when each one's SMTP session was opened, so a message a killed portal sent
 * counts in that portal's life even if the SMTP server read its end after the kill). Across a kill it is the one redelivery SMTP cannot rule out: the server accepted the
 * message and the portal was killed before it could record that (docs/decisions/0016); the same
 * Message-ID lets the recipient's client drop it. Within one life of the server it is a double
 * send, a defect.
 */
export function mailRedeliveries(receipts: readonly { raw: string; at: number }[], killTimes: readonly number[]): { acrossKill: string[]; withinOneLife: string[] } {
  const byId = new Map<string, number[]>();
  for (const r of receipts) {
    const id = messageIdOf(r.raw);
    byId.set(id, [...(byId.get(id) ?? []), r.at]);
  }
  const acrossKill: string[] = [];
  const withinOneLife: string[] = [];
  for (const [id, times] of byId) {
    times.sort((a, b) => a - b);
    for (let i = 1; i < times.length; i++) {
      const killed = killTimes.some((k) => k >= times[i - 1]! && k <= times[i]!);
      (killed ? acrossKill : withinOneLife).push(id);
    }
  }
  return { acrossKill, withinOneLife };
}

/** Values that occur more than once (issue titles, redaction results). */
export function duplicates(values: readonly string[]): { value: string; times: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([value, times]) => ({ value, times }));
}

/**
 * Jobs held ('running') by a worker that is not the server just killed: a worker of an earlier
 * life that the server started after it never released (it should have, at start).
 */
export function stuckJobs(jobs: readonly { id: string; kind: string; status: string; lockedBy: string | null }[], lastWorker: string | null): string[] {
  return jobs.filter((j) => j.status === "running" && j.lockedBy !== lastWorker).map((j) => `job ${j.id} (${j.kind}) is still held by ${j.lockedBy ?? "nobody"}`);
}

/**
 * Artefacts left "processing" with no redaction to come: their job of that revision failed or is
 * gone (the page would show a progress bar for ever, with nothing to do but wait).
 */
export function strandedArtefacts(artefacts: readonly { id: string; status: string; revision: number }[], jobStatus: ReadonlyMap<string, string>): string[] {
  return artefacts
    .filter((a) => a.status === "processing")
    .filter((a) => {
      const s = jobStatus.get(`artefact.redact:${a.id}:${a.revision}`);
      return s === undefined || s === "failed" || s === "done";
    })
    .map((a) => `artefact ${a.id} is processing revision ${a.revision}, but its redaction job is ${jobStatus.get(`artefact.redact:${a.id}:${a.revision}`) ?? "gone"}`);
}

export async function findStranded(prisma: PrismaClient): Promise<string[]> {
  const artefacts = await prisma.artefact.findMany({ where: { status: "processing" }, select: { id: true, status: true, revision: true } });
  const jobs = await prisma.job.findMany({ where: { kind: "artefact.redact" }, select: { dedupeKey: true, status: true } });
  return strandedArtefacts(artefacts, new Map(jobs.map((j) => [j.dedupeKey ?? "", j.status])));
}

// ---------------------------------------------------------------------------------------------
// Reading the database and the blob folder (the server stopped).

export async function findWrites(prisma: PrismaClient): Promise<Found> {
  const [cases, ticks, entries, artefacts, approvals, gaps, relays] = await Promise.all([
    prisma.case.findMany({ select: { id: true, status: true } }),
    prisma.verificationTick.findMany({ select: { caseId: true, item: true } }),
    prisma.timelineEntry.findMany({ select: { id: true } }),
    prisma.artefact.findMany({ select: { id: true, rawSha256: true } }),
    prisma.artefactApproval.findMany({ where: { decision: "approved" }, select: { artefactId: true, kind: true } }),
    prisma.gapRecord.findMany({ select: { caseId: true } }),
    prisma.relay.findMany({ select: { id: true } }),
  ]);
  return {
    cases: new Map(cases.map((c) => [c.id, c.status])),
    verifications: new Set(ticks.map((t) => `${t.caseId}:${t.item}`)),
    entries: new Set(entries.map((e) => e.id)),
    artefacts: new Map(artefacts.map((a) => [a.id, { rawSha256: a.rawSha256 }])),
    approvals: new Set(approvals.map((a) => `${a.artefactId}:${a.kind}`)),
    gaps: new Set(gaps.map((g) => g.caseId)),
    relays: new Set(relays.map((r) => r.id)),
  };
}

/** Hashes of blob files already read (blobs are immutable: keyed by path, size and mtime). */
const hashed = new Map<string, string>();

async function hashFile(file: string): Promise<string | null> {
  let st;
  try {
    st = await fs.stat(file);
  } catch {
    return null;
  }
  const memo = `${file}:${st.size}:${st.mtimeMs}`;
  const known = hashed.get(memo);
  if (known) return known;
  const h = createHash("sha256");
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  const hex = h.digest("hex");
  hashed.set(memo, hex);
  return hex;
}

/** Every blob key an artefact row believes in (a deleted raw file is not believed), with what is on disk. */
/** Hashes of objects already read from an object store (immutable: keyed by key and size). */
const hashedObjects = new Map<string, string>();

/** A blob's SHA-256 as an object store (--blobs s3) holds it, or null when it has none. */
async function hashStored(store: BlobStore, key: string): Promise<string | null> {
  const size = (await store.stat(key))?.size;
  if (size === undefined) return null;
  const memo = `${key}:${size}`;
  const known = hashedObjects.get(memo);
  if (known) return known;
  const h = createHash("sha256");
  try {
    for await (const c of await store.read(key)) h.update(c);
  } catch (err) {
    if (isBlobNotFound(err)) return null;
    throw err;
  }
  const hex = h.digest("hex");
  hashedObjects.set(memo, hex);
  return hex;
}

export async function blobRefs(prisma: PrismaClient, blobs: string | BlobStore): Promise<BlobRef[]> {
  const rows = await prisma.artefact.findMany({
    select: { id: true, rawBlobKey: true, rawSha256: true, rawDeletedAt: true, redactedBlobKey: true, redactedSha256: true, redactedDeletedAt: true, rawLineMapKey: true },
  });
  const refs: Omit<BlobRef, "actual">[] = [];
  for (const a of rows) {
    if (a.rawBlobKey && !a.rawDeletedAt) refs.push({ artefactId: a.id, field: "rawBlobKey", key: a.rawBlobKey, stated: a.rawSha256 });
    if (a.redactedBlobKey && !a.redactedDeletedAt) refs.push({ artefactId: a.id, field: "redactedBlobKey", key: a.redactedBlobKey, stated: a.redactedSha256 });
    if (a.rawLineMapKey && !a.rawDeletedAt) refs.push({ artefactId: a.id, field: "rawLineMapKey", key: a.rawLineMapKey, stated: null });
  }
  const out: BlobRef[] = [];
  for (const r of refs) {
    const hex = r.key.replace(/^sha256:/, "");
    const actual = !/^[0-9a-f]{64}$/.test(hex) ? null : typeof blobs === "string" ? await hashFile(path.join(blobs, "sha256", hex.slice(0, 2), hex)) : await hashStored(blobs, r.key);
    out.push({ ...r, actual });
  }
  return out;
}

/**
 * Temporary files in the blob store that the running server (`livePid`) does not own: left by a
 * killed one. The running server's own (an upload, a redaction writing its output) name its pid.
 */
export function leftTempFiles(names: readonly string[], livePid: number): string[] {
  return names.filter((n) => n.endsWith(".part") && !n.includes(`~${livePid}~`));
}

export async function tempFiles(blobDir: string): Promise<string[]> {
  try {
    return await fs.readdir(path.join(blobDir, "tmp"));
  } catch {
    return [];
  }
}

/** Redaction results written more than once: `artefact.redacted` entries of one artefact revision. */
export async function redactionResults(prisma: PrismaClient): Promise<string[]> {
  const rows = await prisma.activityLog.findMany({ where: { action: "artefact.redacted" }, select: { entityId: true, after: true } });
  return rows.map((r) => `${r.entityId} revision ${(r.after as { revision?: number } | null)?.revision ?? "?"}`);
}
