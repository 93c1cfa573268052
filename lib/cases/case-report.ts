import "server-only";
import { createHash } from "node:crypto";
import { can } from "@/lib/auth/permissions";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { renderCaseReportPdf } from "@/lib/reports/case-report-pdf";
import { buildCaseReportView, caseReportFilename, type CaseReportData } from "@/lib/reports/case-report-view";
import type { CheckResult } from "@/lib/workflow";
import type { CaseStatus } from "./lifecycle";
import { gapForCaseReport } from "@/lib/gaps/queries";
import { caseDetailParts, findCaseDetail } from "./queries";

/**
 * Internal timeline entries go into the report only when the reader asks and may see them. Today
 * every role that reads a case sees its internal entries on the case page, so "may see" is
 * case.read; a finer rule lands here.
 */
export function mayIncludeInternal(user: Pick<SessionUser, "role">): boolean {
  return can(user.role, "case.read");
}

export interface CaseReportOptions {
  includeInternal?: boolean;
  /** The Audit Events gap record (step 10); read from the case's gap record (lib/gaps) unless given. */
  gap?: CaseReportData["gap"];
}

/**
 * Everything the case report (PDF) prints, for a user who may see the case: read through the case
 * guard (findCaseDetail: NOT_FOUND when the case does not exist or the user may not see it), then
 * its timeline, relays, artefacts with approvals and releases by the id the guard found. Names are
 * resolved here; the view model (lib/reports/case-report-view.ts) formats.
 */
export async function loadCaseReport(user: SessionUser, id: string, opts: CaseReportOptions = {}): Promise<{ data: CaseReportData; includeInternal: boolean }> {
  authorize(user, "case.report");
  const c = await findCaseDetail(user, id);
  const includeInternal = !!opts.includeInternal && mayIncludeInternal(user);
  const [parts, entries, relays, artefacts] = await Promise.all([
    caseDetailParts(c),
    db().timelineEntry.findMany({
      where: { caseId: c.id, ...(includeInternal ? {} : { visibility: "relayable" as const }) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { kind: true, visibility: true, body: true, createdAt: true, authorId: true },
    }),
    db().relay.findMany({ where: { caseId: c.id }, orderBy: [{ sentAt: "asc" }, { id: "asc" }], select: { text: true, recipient: true, channel: true, sentAt: true, sentById: true } }),
    db().artefact.findMany({
      where: { caseId: c.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        filename: true,
        status: true,
        revision: true,
        rawSha256: true,
        redactedSha256: true,
        approvals: { orderBy: { decidedAt: "asc" }, select: { kind: true, decision: true, comment: true, decidedById: true, decidedAt: true, revision: true, voidedAt: true, voidReason: true } },
        shares: { orderBy: { sharedAt: "asc" }, select: { sharedById: true, sharedAt: true, recipient: true, channel: true, document: true, signature: true, manifest: true } },
      },
    }),
  ]);
  // Names of the people on the timeline, relays and artefacts, beside those caseDetailParts found.
  const more = new Set<string>([...entries.map((e) => e.authorId), ...relays.map((r) => r.sentById), ...artefacts.flatMap((a) => [...a.approvals.map((p) => p.decidedById), ...a.shares.map((s) => s.sharedById)])]);
  for (const known of Object.keys(parts.names)) more.delete(known);
  const extra = more.size ? await db().user.findMany({ where: { id: { in: [...more] } }, select: { id: true, name: true } }) : [];
  const names: Record<string, string> = { ...parts.names, ...Object.fromEntries(extra.map((p) => [p.id, p.name])) };
  const name = (userId: string | null | undefined) => (userId ? (names[userId] ?? "someone") : null);

  const data: CaseReportData = {
    case: {
      reference: c.reference,
      status: c.status as CaseStatus,
      team: c.team,
      accountName: c.account.name,
      accountPlan: c.account.plan,
      summary: c.summary,
      eventTypes: c.eventTypes,
      windowFrom: c.windowFrom,
      windowTo: c.windowTo,
      requestedAt: c.requestedAt,
      acceptedAt: c.acceptedAt,
      closedAt: c.closedAt,
      closeReason: c.closeReason,
    },
    decisions: c.decisions.map((d) => ({
      outcome: d.outcome,
      route: d.route,
      extended: d.extended,
      checks: (d.checks as CheckResult[] | null) ?? [],
      policyVersion: d.policyVersion,
      reason: d.reason,
      evaluatedAt: d.evaluatedAt,
      by: name(d.evaluatedById),
    })),
    ticks: c.ticks.map((x) => ({ item: x.item, at: x.tickedAt, by: name(x.tickedById)! })),
    override: c.verificationOverride ? { reason: c.verificationOverride.reason, at: c.verificationOverride.overriddenAt, by: name(c.verificationOverride.overriddenById)! } : null,
    entries: entries.map((e) => ({ kind: e.kind, visibility: e.visibility, author: name(e.authorId)!, at: e.createdAt, body: e.body })),
    relays: relays.map((r) => ({ at: r.sentAt, by: name(r.sentById)!, recipient: r.recipient, channel: r.channel, text: r.text })),
    exceptions: [...c.exceptions].reverse().map((x) => ({
      status: x.status,
      reason: x.reason,
      rationale: x.rationale,
      requestedAt: x.createdAt,
      requestedBy: name(x.requestedById)!,
      decidedAt: x.decidedAt,
      decidedBy: name(x.decidedById),
      expiresAt: x.expiresAt,
    })),
    referrals: [...c.referrals].reverse().map((r) => ({
      status: r.status,
      resources: ((r.resources as { kind?: string; path?: string }[] | null) ?? []).map((x) => (x.kind ? `${x.kind} ${x.path ?? ""}`.trim() : String(x.path ?? ""))),
      outcomeNote: r.outcomeNote,
      createdAt: r.createdAt,
      handledAt: r.handledAt,
      handledBy: name(r.handledById),
    })),
    artefacts: artefacts.map((a) => ({
      filename: a.filename,
      status: a.status,
      revision: a.revision,
      rawSha256: a.rawSha256,
      redactedSha256: a.redactedSha256,
      approvals: a.approvals.map((p) => ({ kind: p.kind, decision: p.decision, by: name(p.decidedById)!, at: p.decidedAt, revision: p.revision, comment: p.comment, voidedAt: p.voidedAt, voidReason: p.voidReason })),
    })),
    releases: artefacts.flatMap((a) =>
      a.shares.map((s) => ({
        filename: a.filename,
        at: s.sharedAt,
        by: name(s.sharedById)!,
        recipient: s.recipient,
        channel: s.channel,
        keyId: manifestKeyId(s.document) ?? "—",
        // The fingerprint of the release: SHA-256 of the signed manifest file exactly as handed on.
        manifestSha256: createHash("sha256").update(s.document || JSON.stringify({ manifest: s.manifest, signature: s.signature }), "utf8").digest("hex"),
      })),
    ),
    gap: opts.gap !== undefined ? opts.gap : await gapForCaseReport(c.id, includeInternal),
  };
  return { data, includeInternal };
}

/** The signing key's id from a signed manifest file (null when it cannot be read). */
function manifestKeyId(document: string): string | null {
  try {
    const keyId = (JSON.parse(document) as { signature?: { keyId?: unknown } }).signature?.keyId;
    return typeof keyId === "string" ? keyId : null;
  } catch {
    return null;
  }
}

/** The case report as a PDF and its file name (the reference in it): loader, view model, renderer. */
export async function caseReportPdf(user: SessionUser, id: string, opts: CaseReportOptions & { now?: Date } = {}): Promise<{ filename: string; pdf: Buffer }> {
  const { data, includeInternal } = await loadCaseReport(user, id, opts);
  const view = buildCaseReportView(data, { includeInternal, generatedAt: opts.now ?? new Date(), generatedBy: user.name ?? user.email });
  return { filename: caseReportFilename(data.case.reference), pdf: await renderCaseReportPdf(view) };
}
