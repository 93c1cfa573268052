import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import type { BlobStore } from "@/lib/blobstore";
import { db } from "@/lib/db";
import { assertCanReadRedacted, loadArtefact } from "./access";
import type { LineLimits } from "./lines";
import { readRawForRedacted, readRedactedLines, searchRedacted, type ReviewLine } from "./read-redacted";
import { PAGE_LINES } from "./redact";
import { canReadRaw, type Team } from "./rules";

// Step 8 (reviewed): the review page reads the redacted file a page (or a search) at a time, with
// the raw line beside each for those who may read the raw form.

export interface ReviewPage {
  lines: ReviewLine[];
  page: number;
  pages: number;
  total: number;
  query: string;
  capped: boolean;
  showsRaw: boolean;
  /** Why the raw lines asked for are not shown beside the redacted ones, or null. */
  rawNote: string | null;
}

/** Raw lines asked for on an artefact whose redaction dropped lines before the job recorded which it kept. */
export const RAW_LINES_NEED_REDACTION =
  "This file was redacted before Logdesk recorded which raw line each redacted line came from, and lines were dropped from it, so the raw lines cannot be lined up with the redacted ones. Redact again to see the raw line beside each.";

const SEARCH_PAGE = 50;

/**
 * A page of the redacted artefact for review, or a page of search hits; with `raw`, and when the
 * user may read the raw form, the raw line each redacted line came from beside it.
 */
export async function reviewArtefact(user: SessionUser, artefactId: string, q: { page: number; query: string; raw: boolean }, store: BlobStore, limits: LineLimits): Promise<ReviewPage> {
  authorize(user, "artefact.read");
  const { artefact: a, kase } = await loadArtefact(db(), user, artefactId);
  assertCanReadRedacted(user.role, kase.team, a.status);
  const showsRaw = q.raw && canReadRaw(user.role, kase.team as Team | null);
  const empty = { lines: [], page: 1, pages: 1, total: 0, query: q.query, capped: false, showsRaw, rawNote: null };
  // Deleted under the retention policy (its hash kept): there are no lines to read.
  if (!a.redactedBlobKey || !a.redactedLines || a.redactedDeletedAt) return empty;
  const pageIndex = (a.pageIndex as number[] | null) ?? [];
  let lines: ReviewLine[];
  let total: number;
  let capped = false;
  let perPage: number;
  if (q.query) {
    perPage = SEARCH_PAGE;
    const found = await scanning(() => searchRedacted(store, a.redactedBlobKey!, q.query, (q.page - 1) * perPage, perPage, limits));
    ({ hits: lines, total, capped } = found);
  } else {
    perPage = PAGE_LINES;
    total = a.redactedLines;
    const page = Math.min(q.page, Math.max(1, Math.ceil(total / perPage)));
    lines = await readRedactedLines(store, a.redactedBlobKey, pageIndex, (page - 1) * perPage, perPage, limits);
  }
  let rawNote: string | null = showsRaw && a.rawDeletedAt ? "The raw file was deleted under the retention policy: only the redacted lines are shown." : null;
  if (showsRaw && lines.length && a.rawBlobKey && !a.rawDeletedAt) {
    // The raw line of each redacted line as the job kept it (its record of the drops): no drop
    // rule is applied again, so nothing changed since (finder, registry, settings) can shift them.
    const source = { rawKey: a.rawBlobKey, rawLineMapKey: a.rawLineMapKey, droppedLines: a.droppedLines ?? 0 };
    const raws = await scanning(() => readRawForRedacted(store, source, lines.map((l) => l.n - 1), limits));
    if (raws === null) {
      rawNote = RAW_LINES_NEED_REDACTION;
    } else {
      for (const l of lines) l.raw = raws.get(l.n - 1);
      // Chain of custody: raw lines shown on screen are a read of the raw form, like a download.
      await recordActivity(db(), { actor: actorOf(user), action: "artefact.viewRaw", entityType: "Artefact", entityId: a.id, caseId: kase.id, meta: { lines: lines.map((l) => l.raw?.n ?? null).filter((n) => n !== null).slice(0, 100), query: q.query || undefined } });
    }
  }
  const pages = Math.max(1, Math.ceil(total / perPage));
  return { lines, page: Math.min(q.page, pages), pages, total, query: q.query, capped, showsRaw: showsRaw && rawNote === null, rawNote };
}

/**
 * Whole-file scans (search, the raw lines beside a page) run at most two at a time per process, so
 * a few reviewers paging through large files cannot take every core from the rest of the portal.
 */
const MAX_SCANS = 2;
let activeScans = 0;
const waitingScans: (() => void)[] = [];
async function scanning<T>(work: () => Promise<T>): Promise<T> {
  if (activeScans >= MAX_SCANS) await new Promise<void>((resolve) => waitingScans.push(resolve));
  activeScans++;
  try {
    return await work();
  } finally {
    activeScans--;
    waitingScans.shift()?.();
  }
}
