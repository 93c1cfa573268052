"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/action";
import { ZRecordCustomerNotified, ZRecordIncidentImpact } from "@/lib/cases/incident-notice";
import { recordCustomerNotified } from "@/lib/cases/record-customer-notified";
import { recordIncidentImpact } from "@/lib/cases/record-incident-impact";
import { accountForIntake } from "@/lib/cases/queries";
import {
  ZAcceptCostNotice,
  ZChangeScope,
  ZDecideException,
  ZOverrideVerification,
  ZRecordCostNotice,
  ZReferralOutcome,
  ZRequestException,
  ZSaveDraft,
  ZSubmitCase,
  ZToggleVerification,
} from "@/lib/cases/schemas";
import { acceptCostNotice } from "@/lib/cases/accept-cost-notice";
import { changeScope } from "@/lib/cases/change-scope";
import { decideException } from "@/lib/cases/decide-exception";
import { discardDraft } from "@/lib/cases/discard-draft";
import { overrideVerification } from "@/lib/cases/override-verification";
import { recordCostNotice } from "@/lib/cases/record-cost-notice";
import { recordReferralOutcome } from "@/lib/cases/record-referral-outcome";
import { requestException } from "@/lib/cases/request-exception";
import { saveDraft } from "@/lib/cases/save-draft";
import { setVerification } from "@/lib/cases/set-verification";
import { submitCase } from "@/lib/cases/submit-case";

const refresh = (id?: string) => {
  revalidatePath("/cases");
  revalidatePath("/queue");
  if (id) revalidatePath(`/cases/${id}`);
};

export const loadIntakeAccountAction = defineAction("loadIntakeAccountAction", z.object({ accountId: z.string().uuid() }), (user, input) =>
  accountForIntake(user, input.accountId),
);

export const saveDraftAction = defineAction("saveDraftAction", ZSaveDraft, (user, input) => saveDraft(user, input));

export const discardDraftAction = defineAction("discardDraftAction", z.object({ id: z.string().uuid() }), async (user, input) => {
  await discardDraft(user, input.id);
  refresh();
});

export const submitCaseAction = defineAction("submitCaseAction", ZSubmitCase, async (user, input) => {
  const result = await submitCase(user, input);
  refresh(input.id);
  return { status: result.status, reference: result.reference };
});

export const changeScopeAction = defineAction("changeScopeAction", ZChangeScope, async (user, input) => {
  const result = await changeScope(user, input);
  refresh(input.id);
  return { status: result.status, reference: result.reference };
});

export const requestExceptionAction = defineAction("requestExceptionAction", ZRequestException, async (user, input) => {
  const result = await requestException(user, input);
  refresh(input.id);
  return result;
});

export const decideExceptionAction = defineAction("decideExceptionAction", ZDecideException, async (user, input) => {
  const result = await decideException(user, input);
  refresh();
  return result;
});

export const recordCostNoticeAction = defineAction("recordCostNoticeAction", ZRecordCostNotice, async (user, input) => {
  const result = await recordCostNotice(user, input);
  refresh(input.id);
  return result;
});

export const acceptCostNoticeAction = defineAction("acceptCostNoticeAction", ZAcceptCostNotice, async (user, input) => {
  const result = await acceptCostNotice(user, input);
  refresh(input.id);
  return { status: result.status };
});

export const recordReferralOutcomeAction = defineAction("recordReferralOutcomeAction", ZReferralOutcome, async (user, input) => {
  await recordReferralOutcome(user, input);
  refresh();
});

export const setVerificationAction = defineAction("setVerificationAction", ZToggleVerification, async (user, input) => {
  await setVerification(user, input);
  refresh(input.id);
});

export const overrideVerificationAction = defineAction("overrideVerificationAction", ZOverrideVerification, async (user, input) => {
  await overrideVerification(user, input);
  refresh(input.id);
});

// Timeline (steps 6-7): findings and status updates, and relaying relayable ones to the customer.
import { ZAddEntry, ZRelayEntry } from "@/lib/timeline/schemas";
import { addEntry, relayEntry } from "@/lib/timeline/service";

export const addEntryAction = defineAction("addEntryAction", ZAddEntry, async (user, input) => {
  const result = await addEntry(user, input);
  refresh(input.caseId);
  return result;
});

export const relayEntryAction = defineAction("relayEntryAction", ZRelayEntry, async (user, input) => {
  const result = await relayEntry(user, input);
  refresh(input.caseId);
  return result;
});

export const recordIncidentImpactAction = defineAction("recordIncidentImpactAction", ZRecordIncidentImpact, async (user, input) => {
  const result = await recordIncidentImpact(user, input);
  refresh(input.id);
  return result;
});

export const recordCustomerNotifiedAction = defineAction("recordCustomerNotifiedAction", ZRecordCustomerNotified, async (user, input) => {
  await recordCustomerNotified(user, input);
  refresh(input.id);
});
