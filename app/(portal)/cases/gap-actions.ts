"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { recordGap } from "@/lib/gaps/record-gap";
import { retryGapFiling } from "@/lib/gaps/retry-filing";
import { ZRecordGap, ZRetryGapFiling } from "@/lib/gaps/schemas";

// Step 10, the Audit Events gap: record or amend it, and retry a stopped filing (lib/gaps/).

export const recordGapAction = defineAction("recordGapAction", ZRecordGap, async (user, input) => {
  const result = await recordGap(user, input);
  revalidatePath(`/cases/${input.caseId}`);
  return result;
});

export const retryGapFilingAction = defineAction("retryGapFilingAction", ZRetryGapFiling, async (user, input) => {
  const result = await retryGapFiling(user, input);
  revalidatePath(`/cases/${input.caseId}`);
  return result;
});
