"use server";

import { failure, fieldErrorsOf, type ActionResult } from "@/lib/action";
import { ZAcceptInviteInput } from "@/lib/staff/schemas";
import { acceptInvite } from "@/lib/staff/service";

/** No session here: the one-time invitation token is the authorization. */
export async function acceptInviteAction(input: unknown): Promise<ActionResult<void>> {
  const parsed = ZAcceptInviteInput.safeParse(input);
  if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await acceptInvite(parsed.data.token, parsed.data.password);
    return { ok: true, data: undefined };
  } catch (err) {
    return failure(err, "acceptInvite");
  }
}
