import Link from "@/components/ui/app-link";
import type { ClosingView } from "@/lib/cases/closing-view";
import { formatDateTime } from "@/lib/format/datetime";
import type { CaseAction } from "./case-card";
import { ReopenCaseForm } from "./reopen-case-form";

/** The head of a closed case: how it ended, the note, who and when, the case it duplicates; and, for who may, "Reopen case". */
export function ClosedCaseCard({
  caseId,
  version,
  closed,
  reopenCase,
  hasDeletedFiles = false,
}: {
  caseId: string;
  version: number;
  closed: NonNullable<ClosingView["closed"]>;
  reopenCase: CaseAction;
  /** Some of its files were deleted under the retention policy: a reopen does not bring them back. */
  hasDeletedFiles?: boolean;
}) {
  return (
    <section aria-labelledby="closed-case-title" data-testid="closed-case" className="rounded-lg border border-slate-300 bg-slate-50 p-4">
      <h2 id="closed-case-title" className="text-sm font-semibold text-slate-900">
        Closed{closed.resolution ? <>: <span data-testid="closed-resolution">{closed.label.toLowerCase()}</span></> : null}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {closed.by ? `By ${closed.by}` : "Closed"}
        {closed.at ? `, ${formatDateTime(closed.at)}` : ""}
        .
      </p>
      {closed.note ? <p className="mt-2 whitespace-pre-wrap text-sm text-slate-800" data-testid="closed-resolution-note">{closed.note}</p> : null}
      {closed.duplicateOf ? (
        <p className="mt-2 text-sm text-slate-800">
          Duplicate of{" "}
          {closed.duplicateOf === "hidden" ? (
            "a case you cannot see"
          ) : (
            <Link href={`/cases/${closed.duplicateOf.id}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">{closed.duplicateOf.reference ?? "the other case"}</Link>
          )}
          .
        </p>
      ) : null}
      {closed.canReopen ? (
        <div className="mt-3 space-y-2">
          {hasDeletedFiles ? (
            <p className="text-sm text-slate-600" data-testid="reopen-retention-note">
              Files of this case were deleted under the retention policy (see its artefacts): reopening does not bring them back; after a reopen, uploading the same extract again puts a deleted raw file back on its artefact.
            </p>
          ) : null}
          <ReopenCaseForm caseId={caseId} version={version} reopenCase={reopenCase} />
        </div>
      ) : null}
    </section>
  );
}
