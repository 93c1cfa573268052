import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { ArtefactCard } from "@/components/artefacts/artefact-card";
import { RedactedLine } from "@/components/artefacts/redacted-line";
import { ResiduePanel } from "@/components/artefacts/residue-panel";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { artefactResidue, getArtefact } from "@/lib/artefacts/queries";
import { reviewArtefact } from "@/lib/artefacts/review-artefact";
import { ZReviewQuery } from "@/lib/artefacts/schemas";
import { blobStore, lineLimits } from "@/lib/artefacts/store";
import { orPageNotFound, pageNotFound } from "@/lib/auth/page-guard";
import { requirePageUser } from "@/lib/auth/session";
import { getCaseDetail } from "@/lib/cases/queries";
import { decideArtefactAction, redactAgainAction, shareArtefactAction, withdrawArtefactAction } from "../../../artefact-actions";
import { SettingsVersionNote } from "@/components/artefacts/settings-version-note";
import { artefactSettingsState, releaseSettingsWarnings } from "@/lib/settings/artefact-settings";
import { redactAgainWithNewSettingsAction } from "../../../redact-with-settings-actions";
import { proposeInternalHostAction } from "../../../host-proposal-actions";
import { TreatAsInternal } from "@/components/artefacts/treat-as-internal";
import { proposalCovering } from "@/lib/settings/rules";
import { canUpload, type Team } from "@/lib/artefacts/rules";
import { HostProposalList } from "@/components/artefacts/host-proposal-list";
import { can } from "@/lib/auth/permissions";
import { listHostProposalsForArtefact } from "@/lib/settings/propose-host";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { formatDateTime } from "@/lib/format/datetime";

export const metadata: Metadata = { title: "Artefact review" };

/**
 * Step 8: Legal's (and SIRT's) review of a redacted artefact: first what is left in the file that
 * looks like an identifier (the residue) and why, then the lines (paging, search, every replacement
 * highlighted, the raw line beside it for those allowed); decisions are taken here, on that residue.
 */
export default async function ArtefactReviewPage({ params, searchParams }: { params: Promise<{ id: string; artefactId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser("artefact.read");
  const { id, artefactId } = await params;
  const q = ZReviewQuery.parse(await searchParams);
  const [c, a] = await orPageNotFound(Promise.all([getCaseDetail(user, id), getArtefact(user, artefactId)]), user, `artefact:${id}/${artefactId}`);
  if (a.caseId !== c.id) await pageNotFound(user, `artefact:${id}/${artefactId}`);
  const wantsRaw = q.raw === "1" && a.can.readRaw;
  const empty = { lines: [], page: 1, pages: 1, total: 0, query: q.q, capped: false, showsRaw: false, rawNote: null };
  const reviewable = a.can.readRedacted && !!a.redactedSha256 && !a.deleted.redacted && a.status !== "processing" && a.status !== "failed";
  const mayPropose = reviewable && can(user.role, "settings.proposeHost");
  // SIRT proposes; the case's team redacts again once Admin accepts: both see what was decided.
  const seesProposals = can(user.role, "settings.proposeHost") || canUpload(user.role, c.team as Team | null);
  const [review, residue, proposals, settings] = await Promise.all([
    a.can.readRedacted && a.redactedSha256 && !a.deleted.redacted ? reviewArtefact(user, a.id, { page: q.page, query: q.q, raw: wantsRaw }, blobStore(), lineLimits()) : empty,
    reviewable ? artefactResidue(user, a.id) : null,
    seesProposals ? listHostProposalsForArtefact(user, a.id) : [],
    mayPropose ? getCurrentSettings() : null,
  ]);
  const base = `/cases/${c.id}/artefacts/${a.id}`;
  const searchHref = (text: string) => `${base}?${new URLSearchParams({ q: text, ...(wantsRaw ? { raw: "1" } : {}) })}#lines-heading`;
  const keep = { ...(q.q ? { q: q.q } : {}), ...(wantsRaw ? { raw: "1" } : {}) };
  const perPage = q.q ? 50 : 100;

  return (
    <>
      <PageHeader
        title={`Review: ${a.filename}`}
        description={`${c.reference ?? "Case"} · ${c.account.name}`}
        actions={<Link href={`/cases/${c.id}`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">Back to the case</Link>}
      />
      {residue ? (
        <div className="mb-6">
          <ResiduePanel
            residue={residue.residue}
            residueSha256={residue.residueSha256}
            artefactId={a.id}
            searchHref={searchHref}
            renderHostAction={mayPropose ? ({ host }) => <TreatAsInternal host={host} artefactId={a.id} proposal={proposalCovering(host, proposals)} productHosts={settings?.productHosts} action={proposeInternalHostAction} /> : undefined}
            skipTo={{ decision: a.can.decide ? "#decision-form" : undefined, lines: "#lines-heading" }}
            missing="This file was redacted before the residue review existed, so there is no inventory of what is left in it. It cannot be approved until the case's team redacts it again; it can be rejected."
          />
        </div>
      ) : null}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <section aria-labelledby="lines-heading" className="min-w-0 rounded-lg border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="lines-heading" tabIndex={-1} className="scroll-mt-4 text-sm font-semibold text-slate-900 focus:outline-none">
              {q.q ? `Lines containing “${q.q}”: ${review.total.toLocaleString("en")}${review.capped ? "+" : ""}` : `Redacted lines (${review.total.toLocaleString("en")})`}
            </h2>
            <form method="get" className="flex items-end gap-2" role="search">
              <div>
                <label htmlFor="review-q" className="block text-xs font-medium text-slate-700">Search the redacted file</label>
                <input id="review-q" name="q" defaultValue={q.q} className="mt-1 w-64 rounded-md border border-slate-300 px-2 py-1.5 text-sm" placeholder="e.g. REDACTED:secret, project-1, 403" />
              </div>
              {wantsRaw ? <input type="hidden" name="raw" value="1" /> : null}
              <button className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white">Search</button>
              {q.q ? <Link href={`${base}${wantsRaw ? "?raw=1" : ""}`} className="px-2 py-1.5 text-sm text-slate-600 hover:underline">Clear</Link> : null}
            </form>
          </div>
          <div className="mt-2 flex flex-wrap items-center gap-3 text-xs text-slate-600">
            <span>Highlighted:</span>
            <mark className="rounded bg-red-100 px-1 text-red-900">secret</mark>
            <mark className="rounded bg-amber-100 px-1 text-amber-900">system</mark>
            <mark className="rounded bg-violet-100 px-1 text-violet-900">other account</mark>
            <mark className="rounded bg-sky-100 px-1 text-sky-900">personal data</mark>
            {a.can.readRaw ? (
              <Link href={`${base}?${new URLSearchParams({ ...(q.q ? { q: q.q } : {}), page: String(review.page), ...(wantsRaw ? {} : { raw: "1" }) })}`} className="ml-auto font-medium text-indigo-700 hover:underline">
                {wantsRaw ? "Hide the raw lines" : "Show the raw line beside each"}
              </Link>
            ) : (
              <span className="ml-auto">The raw form is not shown to your role on this case.</span>
            )}
          </div>
          {review.rawNote ? (
            <p className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status" data-testid="raw-note">
              {review.rawNote}
            </p>
          ) : null}
          {!a.can.readRedacted ? (
            <p className="mt-4 text-sm text-slate-600" data-testid="not-released">The redacted lines are shown to you once Security and Legal have approved them.</p>
          ) : a.status === "processing" ? (
            <p className="mt-4 text-sm text-slate-600">The redaction is still running; its lines appear here when it is done.</p>
          ) : a.deleted.redacted ? (
            <p className="mt-4 text-sm text-slate-600" data-testid="redacted-deleted">
              The redacted file was deleted on {formatDateTime(a.deleted.redacted)} under the retention policy (its SHA-256 is kept on the case). There are no lines to show.
            </p>
          ) : a.status === "failed" || !a.redactedSha256 ? (
            <p className="mt-4 text-sm text-red-700" role="alert">{a.error ?? "The redaction failed."} There is nothing to review; the team can redact it again or withdraw it.</p>
          ) : review.lines.length === 0 ? (
            <p className="mt-4 text-sm text-slate-600" data-testid="no-lines">{q.q ? "No redacted line contains that text." : "The redacted file has no lines (every line was dropped by the scope check)."}</p>
          ) : (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full table-fixed border-collapse font-mono text-xs" data-testid="review-lines">
                <thead>
                  <tr className="text-left text-slate-500">
                    <th scope="col" className="w-16 py-1 pr-2 font-normal">Line</th>
                    <th scope="col" className="py-1 pr-2 font-normal">Redacted</th>
                    {review.showsRaw ? <th scope="col" className="py-1 font-normal">Raw (internal)</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {review.lines.map((l) => (
                    <tr key={l.n} className="border-t border-slate-100 align-top">
                      <td className="py-1 pr-2 text-slate-500">{l.n}</td>
                      <td className="whitespace-pre-wrap break-all py-1 pr-2 text-slate-900">
                        <RedactedLine text={l.length > l.text.length ? `${l.text}…` : l.text} highlight={q.q || undefined} />
                        {l.length > l.text.length ? <span className="block text-slate-500">({l.length.toLocaleString("en")} characters; download for the whole line)</span> : null}
                      </td>
                      {review.showsRaw ? (
                        <td className="whitespace-pre-wrap break-all bg-amber-50/40 py-1 text-slate-600">
                          {l.raw ? (
                            <>
                              <span className="text-slate-500">#{l.raw.n} </span>
                              {l.raw.length > l.raw.text.length ? `${l.raw.text}…` : l.raw.text}
                            </>
                          ) : "—"}
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pagination page={review.page} pageSize={perPage} total={review.total} basePath={base} params={keep} />
        </section>
        <aside className="space-y-4">
          <SettingsVersionNote state={await artefactSettingsState(user, a.id)} redactAgain={redactAgainWithNewSettingsAction} />
          <HostProposalList proposals={proposals} />
          <ArtefactCard
            a={a}
            reference={c.reference ?? "the case"}
            requesterEmail={c.requesterEmail}
            actions={{ decide: decideArtefactAction, redactAgain: redactAgainAction, share: shareArtefactAction, withdraw: withdrawArtefactAction }}
            residueShown={residue ? { sha256: residue.residueSha256 } : undefined}
            releaseWarning={a.status === "approved" && a.can.share ? (await releaseSettingsWarnings(user, c.id))[a.id] : undefined}
          />
        </aside>
      </div>
    </>
  );
}
