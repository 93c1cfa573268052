"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { closeCase } from "@/lib/cases/close-case";
import { ZCloseCase, ZReopenCase } from "@/lib/cases/closing-schemas";
import { reopenCase } from "@/lib/cases/reopen-case";

const refresh = (id: string) => {
  revalidatePath("/cases");
  revalidatePath("/queue");
  revalidatePath("/updates");
  revalidatePath(`/cases/${id}`);
};

/** Closes a case with a resolution and its note (lib/cases/closing-rules.ts says which, by whom). */
export const closeCaseAction = defineAction("closeCaseAction", ZCloseCase, async (user, input) => {
  const result = await closeCase(user, input);
  refresh(input.id);
  return result;
});

/** Reopens a closed case with a reason. */
export const reopenCaseAction = defineAction("reopenCaseAction", ZReopenCase, async (user, input) => {
  const result = await reopenCase(user, input);
  refresh(input.id);
  return result;
});
