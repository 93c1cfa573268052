import type { Metadata } from "next";
import { ArtefactsCard } from "@/components/cases/artefacts-card";
import { formatDateTime } from "@/lib/format/datetime";
import { CaseHeaderActions } from "@/components/cases/case-header-actions";
import { CaseSummaryCard } from "@/components/cases/case-summary-card";
import { CloseCaseForm } from "@/components/cases/close-case-form";
import { ClosedCaseCard } from "@/components/cases/closed-case-card";
import { CostNoticeAcceptedCard } from "@/components/cases/cost-notice-accepted-card";
import { DecisionCard } from "@/components/cases/decision-card";
import { DecisionHistoryCard } from "@/components/cases/decision-history-card";
import { ExceptionsCard } from "@/components/cases/exceptions-card";
import { IncidentNoticeCard } from "@/components/cases/incident-notice-card";
import { IneligibleCard } from "@/components/cases/ineligible-card";
import { NotificationsCard } from "@/components/cases/notifications-card";
import { ReferralsCard } from "@/components/cases/referrals-card";
import { RescopeGuidanceCard } from "@/components/cases/rescope-guidance-card";
import { CaseTimeline } from "@/components/cases/timeline";
import { VerificationChecklist } from "@/components/cases/verification-checklist";
import { PageHeader } from "@/components/ui/page-header";
import { maxUploadBytes } from "@/lib/artefacts/store";
import { orPageNotFound } from "@/lib/auth/page-guard";
import { requirePageUser } from "@/lib/auth/session";
import { loadCasePage } from "@/lib/cases/case-page";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { mayDownloadCaseReport } from "@/lib/reports/case-report-view";
import { MarkdownBody } from "@/lib/timeline/markdown";
import {
  acceptCostNoticeAction,
  addEntryAction,
  decideExceptionAction,
  recordCostNoticeAction,
  recordCustomerNotifiedAction,
  recordIncidentImpactAction,
  recordReferralOutcomeAction,
  relayEntryAction,
  overrideVerificationAction,
  requestExceptionAction,
  setVerificationAction,
  submitCaseAction,
} from "../actions";
import { decideArtefactAction, redactAgainAction, shareArtefactAction, withdrawArtefactAction } from "../artefact-actions";
import { closeCaseAction, reopenCaseAction } from "../close-actions";
import { GapSection } from "@/components/gaps/gap-section";
import { recordGapAction, retryGapFilingAction } from "../gap-actions";

export const metadata: Metadata = { title: "Case" };

/** A case: loaded once through the case guard with its parts (lib/cases/case-page.ts); what shows and what may be done is the view model's (lib/cases/case-view.ts). */
export default async function CasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("case.read");
  const { id } = await params;
  const page = await orPageNotFound(loadCasePage(user, id), user, `case:${id}`);
  const { c, timeline, view } = page;
  const { gap } = page;
  const acceptedNotice = c.costNotices.find((n) => n.customerAcceptedAt);
  const ticks = Object.fromEntries(c.ticks.map((t) => [t.item, { by: c.names[t.tickedById] ?? "someone", at: t.tickedAt.toISOString() }]));

  // Step 5 gates step 6: while the checklist holds the log-dive up, it comes first in the side column.
  const checklist = view.showChecklist ? (
    <VerificationChecklist
      caseId={c.id}
      items={VERIFICATION_ITEMS}
      ticks={ticks}
      canTick={view.canTickChecklist}
      setVerification={setVerificationAction}
      override={c.verificationOverride ? { by: c.names[c.verificationOverride.overriddenById] ?? "someone", at: c.verificationOverride.overriddenAt.toISOString(), reason: c.verificationOverride.reason } : null}
      canOverride={page.checklist.canOverride}
      overrideVerification={overrideVerificationAction}
      closed={view.isReadOnly}
    />
  ) : null;

  return (
    <>
      <PageHeader title={c.reference ?? "Draft information request"} description={`${c.account.name} · opened by ${c.author.name} ${formatDateTime(c.createdAt)}`} actions={<CaseHeaderActions caseId={c.id} view={view} report={mayDownloadCaseReport(user.role, c.status)} />} />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-6">
          {page.closing.closed ? <ClosedCaseCard caseId={c.id} version={c.version} closed={page.closing.closed} reopenCase={reopenCaseAction} hasDeletedFiles={page.artefacts.some((a) => a.deleted.raw || a.deleted.redacted || a.deleted.superseded)} /> : null}
          <CaseSummaryCard c={c} teamTimeZone={timeline?.teamTimeZone} />
          {view.showTimeline && timeline ? (
            <CaseTimeline caseId={c.id} timeline={timeline} entryBodies={Object.fromEntries(timeline.entries.map((e) => [e.id, <MarkdownBody key={e.id} markdown={e.body} />]))} canAdd={view.canAddEntry} canRelay={view.canRelay} addEntry={addEntryAction} relayEntry={relayEntryAction} />
          ) : null}
          {view.showRescopeGuidance ? <RescopeGuidanceCard page={page} canRecordCostNotice={view.canRecordCostNotice} recordCostNotice={recordCostNoticeAction} acceptCostNotice={acceptCostNoticeAction} /> : null}
          {view.showIneligible ? <IneligibleCard page={page} canRequestException={view.canRequestException} canStartNewRequestFrom={view.canStartNewRequestFrom} requestException={requestExceptionAction} /> : null}
          {c.exceptions.length ? <ExceptionsCard c={c} canDecide={view.canDecideException} decideException={decideExceptionAction} now={new Date()} /> : null}
          {c.referrals.length ? <ReferralsCard c={c} canRecordOutcome={view.canRecordReferralOutcome} recordReferralOutcome={recordReferralOutcomeAction} /> : null}
          {acceptedNotice ? <CostNoticeAcceptedCard notice={acceptedNotice} /> : null}
          {view.showArtefacts ? (
            <ArtefactsCard page={page} canUpload={view.canUpload} maxUploadBytes={maxUploadBytes()} actions={{ decide: decideArtefactAction, redactAgain: redactAgainAction, share: shareArtefactAction, withdraw: withdrawArtefactAction }} />
          ) : null}
          {gap ? <GapSection gap={gap} recordGap={recordGapAction} retryFiling={retryGapFilingAction} /> : null}
          {c.decisions.length > 1 ? <DecisionHistoryCard c={c} /> : null}
        </div>

        <div className="space-y-6">
          {page.checklist.holdsLogDive ? checklist : null}
          <DecisionCard page={page} canSubmit={view.canContinueDraft} submitCase={submitCaseAction} />
          {view.showIncidentNotice ? (
            <IncidentNoticeCard
              caseId={c.id}
              version={c.version}
              agreementAsks={c.account.incidentNotification}
              affects={c.incidentAffects}
              deadline={c.notifyDeadline}
              text={c.notifyText}
              notifiedAt={c.notifiedAt}
              canRecordImpact={view.canRecordIncidentImpact}
              canRecordNotice={view.canRecordIncidentNotice}
              isReadOnly={view.isReadOnly}
              recordImpact={recordIncidentImpactAction}
              recordNotified={recordCustomerNotifiedAction}
            />
          ) : null}
          {c.notifications.length ? <NotificationsCard notifications={c.notifications} /> : null}
          {page.checklist.holdsLogDive ? null : checklist}
          {page.closing.close ? <CloseCaseForm caseId={c.id} version={c.version} resolutions={page.closing.close.resolutions} isGapMissing={page.closing.close.isGapMissing} heldByLegal={page.closing.close.heldByLegal} closeCase={closeCaseAction} /> : null}
        </div>
      </div>
    </>
  );
}
