import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ArtefactCard } from "@/components/artefacts/artefact-card";
import { UploadArtefact } from "@/components/artefacts/upload-artefact";
import { ChecksPanel } from "@/components/cases/checks-panel";
import { IncidentNoticeCard } from "@/components/cases/incident-notice-card";
import { StatusBadge } from "@/components/cases/status-badge";
import { CaseTimeline } from "@/components/cases/timeline";
import { VerificationChecklist } from "@/components/cases/verification-checklist";
import { ActionForm } from "@/components/ui/action-form";
import { PageHeader } from "@/components/ui/page-header";
import { listCaseArtefacts } from "@/lib/artefacts/queries";
import { maxUploadBytes } from "@/lib/artefacts/store";
import { canUpload, UPLOADABLE_CASE_STATUSES, type Team } from "@/lib/artefacts/rules";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { isExceptionPossible, isOnlyTooBroad } from "@/lib/cases/decision-rules";
import { getCaseDetail } from "@/lib/cases/queries";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { mayOverrideChecklist } from "@/lib/cases/verification-rules";
import type { CaseStatus } from "@/lib/cases/lifecycle";
import { isAppError } from "@/lib/errors";
import { releaseSettingsWarnings } from "@/lib/settings/artefact-settings";
import { MarkdownBody } from "@/lib/timeline/markdown";
import { listTimeline } from "@/lib/timeline/service";
import type { Decision, ResourceRef } from "@/lib/workflow";
import {
  acceptCostNoticeAction,
  addEntryAction,
  relayEntryAction,
  decideExceptionAction,
  recordCostNoticeAction,
  recordCustomerNotifiedAction,
  recordIncidentImpactAction,
  recordReferralOutcomeAction,
  requestExceptionAction,
  overrideVerificationAction,
  setVerificationAction,
  submitCaseAction,
} from "../actions";
import { decideArtefactAction, redactAgainAction, shareArtefactAction, withdrawArtefactAction } from "../artefact-actions";

export const metadata: Metadata = { title: "Case" };

const utc = (d: Date | null | undefined) => (d ? `${d.toISOString().slice(0, 16).replace("T", " ")} UTC` : "—");

function Card({ title, children, tone = "default", testId }: { title: string; children: React.ReactNode; tone?: "default" | "warn" | "legal"; testId?: string }) {
  const border = { default: "border-slate-200", warn: "border-amber-300", legal: "border-purple-300" }[tone];
  return (
    <section className={`rounded-lg border ${border} bg-white p-4`} data-testid={testId}>
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-2 text-sm text-slate-700">{children}</div>
    </section>
  );
}

export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("case.read");
  const { id } = await params;
  const c = await getCaseDetail(user, id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const timeline = c.status === "draft" ? null : await listTimeline(user, c.id);
  const artefacts = c.status === "draft" ? [] : await listCaseArtefacts(user, c.id);
  // Approved files redacted with host lists a newer settings version changed: said beside the share form.
  const releaseWarnings = artefacts.some((a) => a.status === "approved" && a.can.share) ? await releaseSettingsWarnings(user, c.id) : {};
  const mayUpload = canUpload(user.role, c.team as Team | null) && (UPLOADABLE_CASE_STATUSES as readonly string[]).includes(c.status);
  // SIRT's "needs re-scope" (triage) leaves its reason as an internal note, newer than the last decision.
  const triageRescope = c.status === "rescope" ? timeline?.entries.find((e) => e.kind === "note" && e.body.startsWith("Needs re-scope:")) : undefined;
  const latest = c.decisions[0];
  const latestDecision = latest ? ({ outcome: latest.outcome, route: latest.route, extended: latest.extended, checks: latest.checks as Decision["checks"], policyVersion: latest.policyVersion } as const) : null;
  const latestFacts = latest?.facts as { resources: ResourceRef[]; eventTypes: string[] } | undefined;
  const failing = latestDecision?.checks.filter((ch) => ch.result === "fail") ?? [];
  const pendingException = c.exceptions.find((e) => e.status === "requested");
  const acceptedNotice = c.costNotices.find((n) => n.customerAcceptedAt);
  const openNotice = c.costNotices.find((n) => !n.customerAcceptedAt);
  const resources = c.resources as ResourceRef[];
  const isEntry = can(user.role, "case.submit");
  const canEditScope = ["rescope", "accepted", "in_progress"].includes(c.status) && can(user.role, "case.changeScope");
  const ticks = Object.fromEntries(c.ticks.map((t) => [t.item, { by: c.names[t.tickedById] ?? "someone", at: t.tickedAt.toISOString() }]));

  return (
    <>
      <PageHeader
        title={c.reference ?? "Draft information request"}
        description={`${c.account.name} · opened by ${c.author.name} ${utc(c.createdAt)}`}
        actions={
          <>
            {c.status === "draft" && c.authorId === user.id ? (
              <Link href={`/cases/${c.id}/edit`} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500">Continue the draft</Link>
            ) : null}
            {canEditScope ? (
              <Link href={`/cases/${c.id}/edit`} className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
                {c.status === "rescope" ? "Narrow the scope and resubmit" : "Change scope"}
              </Link>
            ) : null}
          </>
        }
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          <section className="rounded-lg border border-slate-200 bg-white p-4" aria-label="Case summary">
            <dl className="grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
              <div><dt className="text-slate-500">Status</dt><dd className="mt-1"><StatusBadge status={c.status} /></dd></div>
              <div><dt className="text-slate-500">Team</dt><dd className="mt-1">{c.team === "sirt" ? "SIRT" : c.team === "support" ? "Support" : "—"}{c.extended && c.team ? " · extended window (takes longer)" : ""}</dd></div>
              <div><dt className="text-slate-500">Requested</dt><dd className="mt-1">{c.requestedAt ? utc(c.requestedAt) : "not yet submitted"}</dd></div>
              <div><dt className="text-slate-500">Requester</dt><dd className="mt-1">{c.requesterName || "—"} {c.requesterEmail ? <span className="text-slate-500">&lt;{c.requesterEmail}&gt;</span> : null}</dd></div>
              <div><dt className="text-slate-500">Account</dt><dd className="mt-1">{c.account.name} <span className="text-slate-500">({c.account.plan}, {c.account.deployment === "saas" ? "SaaS" : "self-managed"})</span></dd></div>
              <div><dt className="text-slate-500">Assignee</dt><dd className="mt-1">{c.assignee?.name ?? (c.team ? "unassigned" : "—")}{c.priority ? ` · P${c.priority}` : ""}</dd></div>
              <div><dt className="text-slate-500">Next customer update due</dt><dd className="mt-1">{utc(c.nextUpdateDue)}</dd></div>
              <div className="sm:col-span-3"><dt className="text-slate-500">Log window</dt><dd className="mt-1">{utc(c.windowFrom)} → {utc(c.windowTo)} · {c.logSources.join(", ") || "no log sources"} · personal data: {c.personalData ? "yes" : "no"}</dd></div>
              <div className="sm:col-span-3">
                <dt className="text-slate-500">Resources ({resources.length})</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">{resources.map((r) => <span key={`${r.kind}:${r.path}`} className="rounded-full border border-slate-200 bg-slate-50 px-2 py-0.5 text-xs"><span className="text-slate-500">{r.kind}</span> {r.path}</span>)}</dd>
              </div>
              <div className="sm:col-span-3">
                <dt className="text-slate-500">Event types ({c.eventTypes.length})</dt>
                <dd className="mt-1 flex flex-wrap gap-1.5">{c.eventTypes.map((e) => <code key={e} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">{e}</code>)}</dd>
              </div>
            </dl>
            <h3 className="mt-4 text-sm font-medium text-slate-500">Incident summary</h3>
            <p className="mt-1 whitespace-pre-wrap text-sm text-slate-800">{c.summary || "—"}</p>
          </section>

          {timeline ? (
            <CaseTimeline caseId={c.id} timeline={timeline} entryBodies={Object.fromEntries(timeline.entries.map((e) => [e.id, <MarkdownBody key={e.id} markdown={e.body} />]))} canAdd={can(user.role, "entry.create")} canRelay={can(user.role, "entry.relay")} addEntry={addEntryAction} relayEntry={relayEntryAction} />
          ) : null}

          {c.status === "rescope" && latestDecision ? (
            <Card title="Back to the author: narrow the request" tone="warn" testId="rescope-guidance">
              {triageRescope && (!latest || triageRescope.createdAt > latest.evaluatedAt) ? (
                <p data-testid="triage-rescope">
                  SIRT sent this case back ({triageRescope.authorName}, {utc(triageRescope.createdAt)}): <strong>{triageRescope.body.replace(/^Needs re-scope:\s*/, "")}</strong>. Narrow the request with the customer, then change the scope and resubmit.
                </p>
              ) : (
                <>
                  <p>Ask the customer to narrow what the checks below name, then change the scope and resubmit:</p>
                  <ul className="mt-2 list-disc pl-5">{failing.map((f) => <li key={f.id}>{f.message}</li>)}</ul>
                </>
              )}
              {isOnlyTooBroad(latestDecision, latestFacts ?? { resources: [], eventTypes: [] }) && can(user.role, "case.costNotice") ? (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <h3 className="font-medium text-slate-900">Or tell the customer the cost</h3>
                  <p className="mb-2 text-slate-600">The scope is only too broad. Instead of narrowing it, the customer may accept the cost of the investigation; the case then proceeds, routed to SIRT.</p>
                  {openNotice ? (
                    <>
                      <p className="mb-2">Estimate given {utc(openNotice.createdAt)}: <strong>{openNotice.estimate}</strong></p>
                      <ActionForm
                        testId="accept-cost"
                        action={acceptCostNoticeAction}
                        extra={{ id: c.id, version: c.version, noticeId: openNotice.id }}
                        fields={[
                          { name: "acceptedAt", label: "Date the customer accepted (UTC)", type: "datetime-local", defaultValue: new Date().toISOString().slice(0, 16) },
                          { name: "note", label: "How they accepted (optional)", type: "text" },
                        ]}
                        submitLabel="Record the customer's acceptance"
                      />
                    </>
                  ) : (
                    <ActionForm testId="cost-notice" action={recordCostNoticeAction} extra={{ id: c.id, version: c.version }} fields={[{ name: "estimate", label: "Estimate given to the customer", hint: "Amount and expected duration, as told to the customer." }]} submitLabel="Record cost notice" />
                  )}
                </div>
              ) : null}
            </Card>
          ) : null}

          {c.status === "ineligible" && latestDecision ? (
            <Card title="Closed as ineligible" tone="warn" testId="ineligible">
              <ul className="list-disc pl-5">{failing.map((f) => <li key={f.id}>{f.message}</li>)}</ul>
              {isExceptionPossible(latestDecision) && isEntry && !pendingException ? (
                <div className="mt-4 border-t border-slate-100 pt-4">
                  <h3 className="font-medium text-slate-900">Ask Legal for an exception (step 4)</h3>
                  <p className="mb-2 text-slate-600">Only the plan condition failed. Legal may grant an exception with a reason and an expiry; the window and the other conditions are hard limits.</p>
                  <ActionForm testId="request-exception" action={requestExceptionAction} extra={{ id: c.id, version: c.version }} fields={[{ name: "reason", label: "Why an exception is warranted", type: "textarea" }]} submitLabel="Send to Legal" />
                </div>
              ) : null}
            </Card>
          ) : null}

          {c.exceptions.length ? (
            <Card title="Plan exception" tone="legal" testId="exceptions">
              <ul className="space-y-3">
                {c.exceptions.map((e) => (
                  <li key={e.id}>
                    <p>
                      <strong className="capitalize">{e.status}</strong> · asked by {c.names[e.requestedById] ?? "—"} {utc(e.createdAt)}
                      {e.decidedById ? ` · decided by ${c.names[e.decidedById]} ${utc(e.decidedAt)}` : ""}
                      {e.expiresAt ? ` · expires ${utc(e.expiresAt)}` : ""}
                    </p>
                    <p className="text-slate-600">Reason: {e.reason}</p>
                    {e.rationale ? <p className="text-slate-600">Legal&apos;s rationale: {e.rationale}</p> : null}
                    {e.status === "requested" && can(user.role, "exception.decide") ? (
                      <div className="mt-3 rounded-md bg-purple-50 p-3">
                        <ActionForm
                          testId="decide-exception"
                          action={decideExceptionAction}
                          extra={{ exceptionId: e.id }}
                          fields={[
                            { name: "grant", label: "Decision", type: "radio", defaultValue: "true", options: [{ value: "true", label: "Grant" }, { value: "false", label: "Refuse" }] },
                            { name: "rationale", label: "Rationale", type: "textarea" },
                            { name: "expiresAt", label: "Exception expires (UTC), when granting", type: "date", defaultValue: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) },
                          ]}
                          submitLabel="Record decision"
                        />
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          {c.referrals.length ? (
            <Card title="Subpoena referral" tone="legal" testId="referrals">
              {c.referrals.map((r) => (
                <div key={r.id} className="space-y-2">
                  <p>
                    These resources are not owned by {c.account.name}; a legal subpoena is required and the customer was referred to Legal:{" "}
                    {(r.resources as ResourceRef[]).map((x) => `${x.kind} ${x.path}`).join(", ")}.
                  </p>
                  {r.status === "closed" ? (
                    <p className="text-slate-600">Closed by {c.names[r.handledById ?? ""] ?? "Legal"} {utc(r.handledAt)}: {r.outcomeNote}</p>
                  ) : can(user.role, "referral.handle") ? (
                    <ActionForm testId="referral-outcome" action={recordReferralOutcomeAction} extra={{ referralId: r.id }} fields={[{ name: "outcomeNote", label: "What Legal did", type: "textarea" }]} submitLabel="Record and close the referral" />
                  ) : (
                    <p className="text-slate-600">Open: waiting for Legal.</p>
                  )}
                </div>
              ))}
            </Card>
          ) : null}

          {acceptedNotice ? (
            <Card title="Cost notice accepted">
              Estimate {acceptedNotice.estimate}; accepted by the customer {utc(acceptedNotice.customerAcceptedAt)}{acceptedNotice.acceptanceNote ? ` (${acceptedNotice.acceptanceNote})` : ""}. Routed to SIRT.
            </Card>
          ) : null}

          {artefacts.length || mayUpload ? (
            <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="artefacts-heading" data-testid="artefacts">
              <h2 id="artefacts-heading" className="text-sm font-semibold text-slate-900">Artefacts</h2>
              <p className="mt-1 text-xs text-slate-500">Log extracts from the log-dive (step 8): kept raw and redacted with their SHA-256; shared only after Security and Legal approve (step 9).</p>
              <div className="mt-3 space-y-3">
                {artefacts.map((a) => (
                  <ArtefactCard key={a.id} a={a} reference={c.reference ?? "the case"} requesterEmail={c.requesterEmail} actions={{ decide: decideArtefactAction, redactAgain: redactAgainAction, share: shareArtefactAction, withdraw: withdrawArtefactAction }} releaseWarning={releaseWarnings[a.id]} />
                ))}
                {!artefacts.length ? <p className="text-sm text-slate-600">No artefacts yet.</p> : null}
                {mayUpload ? (
                  <details className="rounded-md border border-dashed border-slate-300 p-3" open={!artefacts.length}>
                    <summary className="cursor-pointer text-sm font-medium text-slate-800">Upload an artefact</summary>
                    <div className="mt-3">
                      <UploadArtefact caseId={c.id} personalData={c.personalData} maxBytes={maxUploadBytes()} />
                    </div>
                  </details>
                ) : null}
              </div>
            </section>
          ) : null}

          {c.decisions.length > 1 ? (
            <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="history-heading">
              <h2 id="history-heading" className="text-sm font-semibold text-slate-900">Decision history</h2>
              <ol className="mt-2 space-y-1 text-sm">
                {c.decisions.map((d) => (
                  <li key={d.id} className="flex flex-wrap gap-x-3 text-slate-700">
                    <span className="w-40 text-slate-500">{utc(d.evaluatedAt)}</span>
                    <span className="font-medium">{d.outcome}{d.route ? ` → ${d.route}` : ""}</span>
                    <span className="text-slate-500">{d.reason} by {c.names[d.evaluatedById ?? ""] ?? "system"}</span>
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </div>

        <div className="space-y-6">
          {latestDecision ? (
            <ChecksPanel
              decision={latestDecision}
              title={`Decision · ${utc(latest!.evaluatedAt)}`}
              note={acceptedNotice && latestDecision.outcome === "rescope" ? <p className="mb-1 font-medium text-emerald-800">The customer accepted the cost of this scope: the case proceeds, routed to SIRT.</p> : undefined}
            />
          ) : (
            <div className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-sm text-slate-600">
              Not evaluated yet.
              {c.status === "draft" && c.authorId === user.id ? (
                <ActionForm action={submitCaseAction} extra={{ id: c.id, version: c.version }} fields={[]} submitLabel="Submit for evaluation" />
              ) : null}
            </div>
          )}
          {c.status !== "draft" ? (
            <IncidentNoticeCard
              caseId={c.id}
              version={c.version}
              agreementAsks={c.account.incidentNotification}
              affects={c.incidentAffects}
              deadline={c.notifyDeadline}
              text={c.notifyText}
              notifiedAt={c.notifiedAt}
              canRecordImpact={can(user.role, "case.incident")}
              canRecordNotice={can(user.role, "case.notifyCustomer")}
              recordImpact={recordIncidentImpactAction}
              recordNotified={recordCustomerNotifiedAction}
            />
          ) : null}
          {c.notifications.length ? (
            <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="notif-heading" data-testid="notifications">
              <h2 id="notif-heading" className="text-sm font-semibold text-slate-900">Notifications</h2>
              <ul className="mt-2 space-y-2 text-sm">
                {c.notifications.map((n) => (
                  <li key={n.id}>
                    <div className="font-medium text-slate-800">{n.subject}</div>
                    <div className="text-xs text-slate-500">
                      to {n.toAddress} · {n.status === "sent" ? `sent ${utc(n.sentAt)}` : n.status === "failed" ? "delivery failed" : "kept in the outbox (no SMTP configured, or not sent yet)"}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {c.status !== "draft" ? (
            <VerificationChecklist
              caseId={c.id}
              items={VERIFICATION_ITEMS}
              ticks={ticks}
              canTick={can(user.role, "case.verify") && c.status !== "closed"}
              setVerification={setVerificationAction}
              override={c.verificationOverride ? { by: c.names[c.verificationOverride.overriddenById] ?? "someone", at: c.verificationOverride.overriddenAt.toISOString(), reason: c.verificationOverride.reason } : null}
              canOverride={can(user.role, "case.overrideChecklist") && mayOverrideChecklist({ ticked: c.ticks.map((t) => t.item), overridden: !!c.verificationOverride, role: user.role, teamLead: !!user.teamLead, caseTeam: c.team, status: c.status as CaseStatus }).ok}
              overrideVerification={overrideVerificationAction}
            />
          ) : null}
        </div>
      </div>
    </>
  );
}
