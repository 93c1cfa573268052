// Artefact rules (process steps 8-9, DESIGN.md): who may read the raw form, whose approval a
// role gives, what an artefact's status is given its live decisions. Pure: no I/O.
import type { Role } from "@/lib/auth/permissions";
import { fileTypeOf } from "./file-type";

export type Team = "support" | "sirt";
export type ApprovalKind = "security" | "legal";
export type Decision = "approved" | "rejected";
export type ArtefactStatus = "processing" | "in_review" | "rejected" | "approved" | "shared" | "failed" | "withdrawn";

/**
 * The raw (unredacted) artefact is readable by the case's team and Legal only; Support and CSMs
 * see raw files only on cases routed to Support. Admin never sees artefacts.
 */
export function canReadRaw(role: Role, caseTeam: Team | null): boolean {
  if (role === "legal") return true;
  if (role === "sirt") return caseTeam === "sirt";
  if (role === "support" || role === "csm") return caseTeam === "support";
  return false;
}

/**
 * The redacted form before release: the case's team, SIRT and Legal (who review it) always; the
 * others who see the case (a CSM, Support on SIRT's case) only once both approvals are in, so no
 * unapproved extract reaches the people who hand files to the customer.
 */
export function canReadRedacted(role: Role, caseTeam: Team | null, status: ArtefactStatus): boolean {
  if (role === "admin") return false;
  if (role === "sirt" || role === "legal" || canReadRaw(role, caseTeam)) return true;
  return status === "approved" || status === "shared";
}

/** The routed team does the log-dive, so only it uploads (and re-runs the redaction of) artefacts. */
export function canUpload(role: Role, caseTeam: Team | null): boolean {
  return (role === "support" || role === "sirt") && role === caseTeam;
}

/** Security's approval is SIRT's, Legal's is Legal's; nobody else approves. */
export function approvalKindOf(role: Role): ApprovalKind | null {
  if (role === "sirt") return "security";
  if (role === "legal") return "legal";
  return null;
}

/** Case statuses in which an artefact may be uploaded: the log-dive is under way or done. */
export const UPLOADABLE_CASE_STATUSES = ["accepted", "in_progress", "artefacts_in_review", "approved", "shared"] as const;

export interface LiveDecision {
  kind: ApprovalKind;
  decision: Decision;
}

/**
 * The status a reviewed artefact has from its live (not voided) decisions: any rejection
 * rejects it; both approvals approve it; otherwise it waits in review. A shared artefact stays
 * shared, and one still processing (or failed) is not in review at all.
 */
export function reviewStatus(current: ArtefactStatus, live: readonly LiveDecision[]): ArtefactStatus {
  if (current === "processing" || current === "failed" || current === "shared" || current === "withdrawn") return current;
  if (live.some((d) => d.decision === "rejected")) return "rejected";
  const approved = new Set(live.filter((d) => d.decision === "approved").map((d) => d.kind));
  return approved.has("security") && approved.has("legal") ? "approved" : "in_review";
}

/**
 * Where the case goes when its artefacts change: to review while any artefact is processing or
 * waiting for a decision; approved when every artefact that counts is approved or shared and at
 * least one is approved. A rejected artefact keeps the case in review until the team redacts it
 * again or withdraws it; failed and withdrawn ones do not count. Returns null when the case should
 * not move.
 */
export function caseStatusFor(caseStatus: string, artefacts: readonly ArtefactStatus[]): "artefacts_in_review" | "approved" | "in_progress" | null {
  if (!["artefacts_in_review", "approved"].includes(caseStatus)) return null;
  const counted = artefacts.filter((s) => s !== "failed" && s !== "withdrawn");
  // Every artefact withdrawn: the log-dive goes on.
  if (counted.length === 0) return artefacts.every((s) => s === "withdrawn") && artefacts.length > 0 ? "in_progress" : null;
  const allClear = counted.every((s) => s === "approved" || s === "shared") && counted.some((s) => s === "approved");
  const next = allClear ? "approved" : "artefacts_in_review";
  return next === caseStatus ? null : next;
}

/** Redacted file name: the upload's name without `.gz`, marked redacted, keeping the upload's own extension (see file-type.ts). */
export function redactedFilename(original: string, format: "ndjson" | "text"): string {
  const { extension } = fileTypeOf(original, format);
  const base = original.replace(/\.gz$/i, "").replace(/\.(ndjson|jsonl|json|csv|tsv|log|txt)$/i, "").slice(0, 150) || "artefact";
  return `${base}.redacted.${extension}`;
}

/** The one name the released file has: in the download, in the manifest, on the page. */
export function releaseFilename(original: string, format: "ndjson" | "text"): string {
  return safeFilename(redactedFilename(original, format));
}

/** A file name safe for a Content-Disposition header and a file system. */
export function safeFilename(name: string): string {
  const cleaned = name
    .replace(/[\\/]/g, "_")
    .replace(/[^\w.\- ()+]/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 200)
    .trim();
  return cleaned || "artefact";
}
