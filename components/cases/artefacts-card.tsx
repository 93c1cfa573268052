import { ArtefactCard } from "@/components/artefacts/artefact-card";
import { UploadArtefact } from "@/components/artefacts/upload-artefact";
import type { CasePage } from "@/lib/cases/case-page";
import type { CaseAction } from "./case-card";

/** Steps 8-9 on the case page: the case's artefacts, each with what the user may do to it, and the upload for the routed team. */
export function ArtefactsCard({
  page: { c, artefacts, releaseWarnings },
  canUpload,
  maxUploadBytes,
  actions,
}: {
  page: Pick<CasePage, "c" | "artefacts" | "releaseWarnings">;
  canUpload: boolean;
  maxUploadBytes: number;
  actions: { decide: CaseAction; redactAgain: CaseAction; share: CaseAction; withdraw: CaseAction };
}) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="artefacts-heading" data-testid="artefacts">
      <h2 id="artefacts-heading" className="text-sm font-semibold text-slate-900">Artefacts</h2>
      <p className="mt-1 text-xs text-slate-500">Log extracts from the log-dive (step 8): kept raw and redacted with their SHA-256; shared only after Security and Legal approve (step 9).</p>
      <div className="mt-3 space-y-3">
        {artefacts.map((a) => (
          <ArtefactCard key={a.id} a={a} reference={c.reference ?? "the case"} requesterEmail={c.requesterEmail} actions={actions} releaseWarning={releaseWarnings[a.id]} />
        ))}
        {!artefacts.length ? <p className="text-sm text-slate-600">No artefacts yet.</p> : null}
        {canUpload ? (
          <details className="rounded-md border border-dashed border-slate-300 p-3" open={!artefacts.length}>
            <summary className="cursor-pointer text-sm font-medium text-slate-800">Upload an artefact</summary>
            <div className="mt-3">
              <UploadArtefact caseId={c.id} personalData={c.personalData} maxBytes={maxUploadBytes} />
            </div>
          </details>
        ) : null}
      </div>
    </section>
  );
}
