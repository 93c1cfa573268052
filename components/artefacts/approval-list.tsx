import type { ApprovalQueueItem } from "@/lib/artefacts/approval-queue";
import { ApprovalTable } from "./approval-table";
import { ARTEFACT_STATUS_LABEL, STATUS_TONE } from "./artefact-card";

const age = (d: Date) => {
  const h = Math.floor((Date.now() - d.getTime()) / 3_600_000);
  return h < 1 ? "under an hour" : h < 48 ? `${h} h` : `${Math.floor(h / 24)} d`;
};

const decisionText = (d: "approved" | "rejected" | null) => (d === null ? "waiting" : d);

/** Artefacts waiting for (or decided by) Security or Legal, one row each, linking to the review. */
export function ApprovalList({ items, empty, testId }: { items: ApprovalQueueItem[]; empty: string; testId?: string }) {
  if (!items.length) return <p className="px-4 py-3 text-sm text-slate-500">{empty}</p>;
  return (
    <ApprovalTable
      testId={testId}
      rows={items.map((a) => ({
        id: a.id,
        caseId: a.caseId,
        filename: a.filename,
        reference: a.reference,
        account: a.account,
        statusLabel: ARTEFACT_STATUS_LABEL[a.status],
        statusTone: STATUS_TONE[a.status],
        security: decisionText(a.security),
        legal: decisionText(a.legal),
        lines: a.redactedLines?.toLocaleString("en") ?? "—",
        replacements: a.redactions.toLocaleString("en"),
        waiting: age(a.waitingSince),
      }))}
    />
  );
}
