import type { HostProposalView } from "@/lib/settings/propose-host";
import { formatDateTime } from "@/lib/format/datetime";

/** What the residue row shows of the proposal that covers its host. */
export type ProposalSummary = Omit<HostProposalView, "id" | "reason">;


/**
 * One line on the proposal's state: who proposed or decided, when, and Admin's reason. `showHost`
 * false where the host is already named beside it (the artefact page's Host proposals list).
 */
export function ProposalState({ p, showHost = true }: { p: ProposalSummary; showHost?: boolean }) {
  const host = showHost ? `“${p.host}” ` : "";
  const when = p.decidedAt ? ` on ${formatDateTime(p.decidedAt)}` : "";
  if (p.status === "open") {
    return <p className="text-xs font-medium text-amber-700 [overflow-wrap:anywhere]">{showHost ? `Proposed “${p.host}” by ${p.proposedBy} on ${formatDateTime(p.createdAt)}: waiting for Admin` : "Waiting for Admin"}</p>;
  }
  if (p.status === "accepted") {
    return (
      <p className="text-xs font-medium text-emerald-700 [overflow-wrap:anywhere]">
        {showHost ? `${host}accepted` : "Accepted"} by {p.decidedBy ?? "Admin"}
        {when}
        {p.settingsVersion ? ` (settings v${p.settingsVersion})` : ""}: redact again with the new settings
      </p>
    );
  }
  return (
    <div className="text-xs text-slate-700 [overflow-wrap:anywhere]">
      <p className="font-medium text-slate-800">
        {showHost ? `${host}declined` : "Declined"} by {p.decidedBy ?? "Admin"}
        {when}
      </p>
      {p.decisionNote ? <p className="mt-0.5 text-slate-600">Reason: “{p.decisionNote}”</p> : null}
    </div>
  );
}
