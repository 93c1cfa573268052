// The case report's view model (issue 13: "Case report (PDF) for Legal's file"): pure, between the
// loader (lib/cases/case-report.ts, which reads through the case guard) and the PDF renderer
// (case-report-pdf.tsx). Everything the report prints is a string here, in the section order the
// issue lists; times in UTC through lib/format/datetime.ts. No server-only imports: table-tested.
import { formatDateTime } from "@/lib/format/datetime";
import { can, type Role } from "@/lib/auth/permissions";
import { label, type CaseStatus } from "@/lib/cases/lifecycle";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import type { CheckResult } from "@/lib/workflow";

type When = Date | string | null;

/** What the loader reads for the report; names already resolved (never user ids). */
export interface CaseReportData {
  case: {
    reference: string | null;
    status: CaseStatus;
    team: string | null;
    accountName: string;
    accountPlan: string;
    summary: string;
    eventTypes: string[];
    windowFrom: When;
    windowTo: When;
    requestedAt: When;
    acceptedAt: When;
    closedAt: When;
    closeReason: string | null;
  };
  /** Every evaluation, newest first. */
  decisions: { outcome: string; route: string | null; extended: boolean; checks: CheckResult[]; policyVersion: string; reason: string; evaluatedAt: When; by: string | null }[];
  ticks: { item: string; at: When; by: string }[];
  override: { reason: string; at: When; by: string } | null;
  /** Oldest first. Internal entries only when the loader was asked for them and the reader may see them. */
  entries: { kind: string; visibility: "internal" | "relayable"; author: string; at: When; body: string }[];
  /** Every relay of the case, oldest first. */
  relays: { at: When; by: string; recipient: string; channel: string; text: string }[];
  exceptions: { status: string; reason: string; rationale: string | null; requestedAt: When; requestedBy: string; decidedAt: When; decidedBy: string | null; expiresAt: When }[];
  referrals: { status: string; resources: string[]; outcomeNote: string | null; createdAt: When; handledAt: When; handledBy: string | null }[];
  artefacts: {
    filename: string;
    status: string;
    revision: number;
    rawSha256: string | null;
    redactedSha256: string | null;
    approvals: { kind: string; decision: string; by: string; at: When; revision: number; comment: string; voidedAt: When; voidReason: string | null }[];
  }[];
  /** Each release (share) with the fingerprint of its signed manifest file: SHA-256 of the file exactly as handed on. */
  releases: { filename: string; at: When; by: string; recipient: string; channel: string; keyId: string; manifestSha256: string }[];
  /**
   * The Audit Events gap record (process step 10). Not recorded by the portal yet: undefined/null
   * prints "not recorded yet". The session that adds the gap record fills this from it.
   */
  gap?: { missingEvents: string[]; neededFor: string | null; noGapReason: string | null; issue: { state: string; url: string | null } | null } | null;
}

export interface ReportTable {
  columns: string[];
  /** Relative column widths (same length as columns). */
  widths: number[];
  rows: string[][];
  /** Printed instead of the table when it has no rows. */
  empty: string;
  /** Columns of hashes and key ids: printed in a fixed-width font and never hyphenated. */
  mono?: number[];
}

export interface ReportSection {
  title: string;
  /** Label/value pairs printed above the tables. */
  facts: [string, string][];
  tables: ReportTable[];
  /** Free-text blocks (timeline entries): a heading line and the body. */
  blocks: { heading: string; body: string }[];
  note?: string;
}

export interface CaseReportView {
  title: string;
  reference: string;
  status: string;
  header: [string, string][];
  generatedAt: string;
  internalIncluded: boolean;
  sections: ReportSection[];
}

export const GAP_NOT_RECORDED = "Audit Events gap: not recorded yet";

const t = (v: When) => formatDateTime(v);
const or = (v: string | null | undefined, none = "—") => (v && v.trim() ? v : none);
const section = (title: string, over: Partial<ReportSection> = {}): ReportSection => ({ title, facts: [], tables: [], blocks: [], ...over });

export function buildCaseReportView(data: CaseReportData, opts: { includeInternal: boolean; generatedAt: Date; generatedBy: string }): CaseReportView {
  const c = data.case;
  const reference = c.reference ?? "Draft (no reference yet)";
  const status = label(c.status);
  const latest = data.decisions[0];

  const decision = section("Decision", {
    facts: latest
      ? [
          ["Outcome", latest.outcome + (latest.extended ? " (extended)" : "")],
          ["Route", or(latest.route)],
          ["Policy version", latest.policyVersion],
          ["Evaluated", `${t(latest.evaluatedAt)}${latest.by ? ` by ${latest.by}` : ""} (${latest.reason})`],
        ]
      : [],
    tables: latest
      ? [
          { columns: ["Check", "Result", "Message"], widths: [2, 1, 6], rows: latest.checks.map((k) => [k.id, k.result, k.message]), empty: "No checks recorded." },
          ...(data.decisions.length > 1
            ? [
                {
                  columns: ["Evaluated", "Reason", "Outcome", "Policy version", "Failed checks"],
                  widths: [3, 2, 2, 3, 3],
                  rows: data.decisions.map((d) => [t(d.evaluatedAt), d.reason, d.outcome, d.policyVersion, d.checks.filter((k) => k.result === "fail").map((k) => k.id).join(", ") || "none"]),
                  empty: "",
                },
              ]
            : []),
        ]
      : [],
    note: latest ? undefined : "The case was never evaluated.",
  });

  const ticked = new Map(data.ticks.map((x) => [x.item, x]));
  const verification = section("Verification (step 5)", {
    tables: [
      {
        columns: ["Item", "Ticked", "By"],
        widths: [4, 3, 3],
        rows: VERIFICATION_ITEMS.map((i) => {
          const tick = ticked.get(i.id);
          return [i.name, tick ? t(tick.at) : "not ticked", tick ? tick.by : "—"];
        }),
        empty: "",
      },
    ],
    facts: data.override ? [["Team lead override", `${t(data.override.at)} by ${data.override.by}: ${data.override.reason}`]] : [],
  });

  const entries = data.entries.filter((e) => opts.includeInternal || e.visibility === "relayable");
  const timeline = section(opts.includeInternal ? "Timeline (relayable and internal entries)" : "Timeline (relayable entries)", {
    blocks: entries.map((e) => ({ heading: `${t(e.at)} · ${e.kind.replace(/_/g, " ")} · ${e.visibility} · ${e.author}`, body: e.body })),
    note: entries.length ? undefined : "No entries.",
  });

  const relays = section("Relays to the customer", {
    tables: [{ columns: ["Sent", "By", "To", "Channel", "Text"], widths: [3, 2, 3, 2, 6], rows: data.relays.map((r) => [t(r.at), r.by, r.recipient, r.channel.replace(/_/g, " "), r.text]), empty: "No relays." }],
  });

  const exceptions = section("Exceptions and referrals", {
    tables: [
      {
        columns: ["Exception", "Asked", "Reason", "Decided", "Rationale", "Expires"],
        widths: [2, 3, 4, 3, 4, 2],
        rows: data.exceptions.map((x) => [x.status, `${t(x.requestedAt)} by ${x.requestedBy}`, x.reason, x.decidedAt ? `${t(x.decidedAt)}${x.decidedBy ? ` by ${x.decidedBy}` : ""}` : "—", or(x.rationale), t(x.expiresAt)]),
        empty: "No exceptions.",
      },
      {
        columns: ["Referral", "Opened", "Resources", "Handled", "Outcome"],
        widths: [2, 3, 4, 3, 4],
        rows: data.referrals.map((r) => [r.status, t(r.createdAt), r.resources.join(", ") || "—", r.handledAt ? `${t(r.handledAt)}${r.handledBy ? ` by ${r.handledBy}` : ""}` : "—", or(r.outcomeNote)]),
        empty: "No subpoena referrals.",
      },
    ],
  });

  const artefacts = section("Artefacts", {
    tables: [
      {
        columns: ["File", "Status", "Rev.", "Form", "SHA-256"],
        widths: [4, 2, 1, 2, 12],
        rows: data.artefacts.flatMap((a) => [
          [a.filename, a.status.replace(/_/g, " "), String(a.revision), "raw", or(a.rawSha256)],
          [a.filename, a.status.replace(/_/g, " "), String(a.revision), "redacted", or(a.redactedSha256)],
        ]),
        empty: "No artefacts.",
        mono: [4],
      },
    ],
  });

  const approvals = section("Approvals", {
    tables: [
      {
        columns: ["File", "Kind", "Decision", "By", "When", "Rev.", "Comment"],
        widths: [3, 2, 2, 2, 3, 1, 4],
        rows: data.artefacts.flatMap((a) =>
          a.approvals.map((p) => [a.filename, p.kind, p.voidedAt ? `${p.decision} (void: ${or(p.voidReason, "artefact changed")})` : p.decision, p.by, t(p.at), String(p.revision), or(p.comment)]),
        ),
        empty: "No approval decisions.",
      },
    ],
  });

  const release = section("Release manifest", {
    tables: [
      {
        columns: ["File", "Released", "By", "To"],
        widths: [3, 3, 3, 5],
        rows: data.releases.map((r) => [r.filename, t(r.at), r.by, `${r.recipient} (${r.channel.replace(/_/g, " ")})`]),
        empty: "Nothing released.",
      },
      ...(data.releases.length
        ? [
            {
              columns: ["File", "Signing key", "Manifest fingerprint (SHA-256 of the signed file)"],
              widths: [3, 4, 11],
              rows: data.releases.map((r) => [r.filename, r.keyId, r.manifestSha256]),
              empty: "",
              mono: [1, 2],
            },
          ]
        : []),
    ],
  });

  const g = data.gap;
  const gap = g
    ? section("Audit Events gap", {
        facts: [
          ["Missing events", g.missingEvents.join(", ") || "none"],
          ...(g.noGapReason ? ([["No gap", g.noGapReason]] as [string, string][]) : []),
          ...(g.neededFor ? ([["Needed for", g.neededFor]] as [string, string][]) : []),
          ["Issue", g.issue ? `${g.issue.state}${g.issue.url ? ` ${g.issue.url}` : ""}` : "not filed"],
        ],
      })
    : section("Audit Events gap", { note: `${GAP_NOT_RECORDED}.` });

  return {
    title: `Case report ${reference}`,
    reference,
    status,
    header: [
      ["Account", `${c.accountName} (${c.accountPlan})`],
      ["Team", or(c.team)],
      ["Requested", t(c.requestedAt)],
      ["Accepted", t(c.acceptedAt)],
      ...(c.closedAt ? ([["Closed", `${t(c.closedAt)}${c.closeReason ? `: ${c.closeReason}` : ""}`]] as [string, string][]) : []),
      ["Window", `${t(c.windowFrom)} to ${t(c.windowTo)}`],
      ["Event types", c.eventTypes.join(", ") || "—"],
      ["Summary", or(c.summary)],
    ],
    generatedAt: `${t(opts.generatedAt)} by ${opts.generatedBy}${opts.includeInternal ? ", internal entries included" : ", relayable entries only"}`,
    internalIncluded: opts.includeInternal,
    sections: [decision, verification, timeline, relays, exceptions, artefacts, approvals, release, gap],
  };
}

/** The report's file name: the reference, safe for Content-Disposition. */
export function caseReportFilename(reference: string | null): string {
  return `${(reference ?? "draft").replace(/[^A-Za-z0-9-]/g, "_")}-case-report.pdf`;
}

/** The case page's "Download case report (PDF)" link: for the roles with case.report, on a submitted case. */
export function mayDownloadCaseReport(role: Role, status: CaseStatus): boolean {
  return status !== "draft" && can(role, "case.report");
}
