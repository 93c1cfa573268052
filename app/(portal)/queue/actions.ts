"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { assignCase } from "@/lib/cases/assign-case";
import { markNeedsRescope } from "@/lib/cases/mark-needs-rescope";
import { setPriority } from "@/lib/cases/set-priority";
import { ZAssignCase, ZNeedsRescope, ZSetPriority } from "@/lib/cases/triage-schemas";

const refresh = (id: string) => {
  revalidatePath("/queue");
  revalidatePath("/cases");
  revalidatePath(`/cases/${id}`);
};

// Assignment is for both routed teams (Support assigns in its own queue too), so it rides on
// "case.work"; the service still checks that the case is the user's team's and the assignee a member of it.
export const assignCaseAction = defineAction("assignCaseAction", ZAssignCase, async (user, input) => {
  const result = await assignCase(user, input);
  refresh(input.id);
  return result;
});

export const setPriorityAction = defineAction("setPriorityAction", ZSetPriority, async (user, input) => {
  const result = await setPriority(user, input);
  refresh(input.id);
  return result;
});

export const markNeedsRescopeAction = defineAction("markNeedsRescopeAction", ZNeedsRescope, async (user, input) => {
  const result = await markNeedsRescope(user, input);
  refresh(input.id);
  return result;
});
