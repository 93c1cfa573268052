"use server";

import { revalidatePath } from "next/cache";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/action";
import { authorize, requireUser } from "@/lib/auth/session";
import { proposeInternalHost } from "@/lib/settings/propose-host";
import { ZProposeHostInput } from "@/lib/settings/schemas";

/**
 * SIRT, from an artefact's residue: "treat this host as internal". Who is asking, may the role do
 * it (settings.proposeHost, before the input is read), parse with zod, one service call (which
 * reads the artefact through the scoped loader); then revalidate. Input: { artefactId, host, reason? }.
 */
export async function proposeInternalHostAction(input: unknown): Promise<ActionResult<{ id: string; host: string; status: "open" }>> {
  try {
    const user = await requireUser();
    authorize(user, "settings.proposeHost");
    const parsed = ZProposeHostInput.safeParse(input instanceof FormData ? Object.fromEntries(input) : input);
    if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Please correct the highlighted fields; nothing was proposed.", fieldErrors: fieldErrorsOf(parsed.error) };
    const r = await proposeInternalHost(user, parsed.data);
    revalidatePath("/cases", "layout");
    revalidatePath("/admin/settings");
    return { ok: true, data: r };
  } catch (err) {
    return failure(err, "hostProposal.create");
  }
}
