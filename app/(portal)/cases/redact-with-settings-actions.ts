"use server";

import { revalidatePath } from "next/cache";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/action";
import { redactAgainWithNewSettings } from "@/lib/artefacts/redact-again-with-new-settings";
import { authorize, requireUser } from "@/lib/auth/session";
import { ZRedactWithNewSettingsInput } from "@/lib/settings/schemas";

/**
 * The case's team: "Redact again with the new settings" on an artefact in review, rejected, or
 * approved and not yet shared (voiding both approvals); refused when only policy values changed.
 * Who is asking, may the role do it (artefact.redact), parse, one service call; then revalidate.
 */
export async function redactAgainWithNewSettingsAction(input: unknown): Promise<ActionResult<{ revision: number; settingsVersion: number }>> {
  try {
    const user = await requireUser();
    authorize(user, "artefact.redact");
    const parsed = ZRedactWithNewSettingsInput.safeParse(input);
    if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Reload the page and try again.", fieldErrors: fieldErrorsOf(parsed.error) };
    const r = await redactAgainWithNewSettings(user, parsed.data);
    revalidatePath("/cases", "layout");
    revalidatePath("/approvals");
    return { ok: true, data: r };
  } catch (err) {
    return failure(err, "artefact.redactAgainWithNewSettings");
  }
}
