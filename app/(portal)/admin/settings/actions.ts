"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import type { z } from "zod";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/action";
import { authorize, requireUser, type SessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { previewRetention, type RetentionPreview } from "@/lib/retention/preview-retention";
import { ZPreviewRetentionInput } from "@/lib/retention/schemas";
import { acceptHostProposal, declineHostProposal, type DecisionContext } from "@/lib/settings/decide-host-proposal";
import { previewPolicyChange, type PolicyPreview } from "@/lib/settings/preview-policy-change";
import { saveSettings, type SavedSettings } from "@/lib/settings/save-settings";
import { ZAcceptHostProposalInput, ZDeclineHostProposalInput, ZPreviewPolicyInput, ZSaveSettingsInput } from "@/lib/settings/schemas";

// Every action: who is asking, may the role do it (before the input is read), parse with zod
// (field errors back to the form), one service call; then revalidate. Admin only (settings.manage).

const INVALID = "Please correct the highlighted fields; nothing was saved.";

/** The portal's address for the link in the proposer's notification. */
async function baseUrl() {
  const e = env();
  if (e.NEXTAUTH_URL) return e.NEXTAUTH_URL;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

/** Admin -> Settings, Save: a new version on top of the one the form was loaded with. */
export async function saveSettingsAction(input: unknown): Promise<ActionResult<SavedSettings>> {
  try {
    const user = await requireUser();
    authorize(user, "settings.manage");
    const parsed = ZSaveSettingsInput.safeParse(input);
    if (!parsed.success) return { ok: false, code: "VALIDATION", error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
    const saved = await saveSettings(user, parsed.data);
    revalidatePath("/admin/settings");
    return { ok: true, data: saved };
  } catch (err) {
    return failure(err, "settings.save");
  }
}

/** Which open cases a draft of the policy values would move; nothing is written. */
export async function previewPolicyAction(input: unknown): Promise<ActionResult<PolicyPreview>> {
  try {
    const user = await requireUser();
    authorize(user, "settings.manage");
    const parsed = ZPreviewPolicyInput.safeParse(input);
    if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Correct the policy values to see their effect.", fieldErrors: fieldErrorsOf(parsed.error) };
    return { ok: true, data: await previewPolicyChange(user, parsed.data) };
  } catch (err) {
    return failure(err, "settings.preview");
  }
}

/** How many files of closed cases a draft retention period would delete within the hour; nothing is written. */
export async function previewRetentionAction(input: unknown): Promise<ActionResult<RetentionPreview>> {
  try {
    const user = await requireUser();
    authorize(user, "settings.manage");
    const parsed = ZPreviewRetentionInput.safeParse(input);
    if (!parsed.success) return { ok: false, code: "VALIDATION", error: "Enter the retention period to see its effect.", fieldErrors: fieldErrorsOf(parsed.error) };
    return { ok: true, data: await previewRetention(user, parsed.data) };
  } catch (err) {
    return failure(err, "settings.previewRetention");
  }
}

/**
 * Admin's decision on SIRT's proposal: parsed with `schema`, then `decide` with the portal's
 * address for the proposer's notification; the settings page and the cases' pages revalidate.
 */
async function decideProposal<S extends z.ZodType, T>(input: unknown, schema: S, decide: (user: SessionUser, input: z.output<S>, context: DecisionContext) => Promise<T>, name: string): Promise<ActionResult<T>> {
  try {
    const user = await requireUser();
    authorize(user, "settings.manage");
    const parsed = schema.safeParse(input);
    if (!parsed.success) return { ok: false, code: "VALIDATION", error: INVALID, fieldErrors: fieldErrorsOf(parsed.error) };
    const r = await decide(user, parsed.data, { baseUrl: await baseUrl() });
    revalidatePath("/admin/settings");
    revalidatePath("/cases", "layout");
    return { ok: true, data: r };
  } catch (err) {
    return failure(err, name);
  }
}

/** Accept SIRT's proposal: the host joins the internal suffixes in a new version. */
export async function acceptHostProposalAction(input: unknown): Promise<ActionResult<{ version: number; created: boolean }>> {
  return decideProposal(input, ZAcceptHostProposalInput, acceptHostProposal, "hostProposal.accept");
}

/** Decline SIRT's proposal with a reason. */
export async function declineHostProposalAction(input: unknown): Promise<ActionResult<{ status: "declined" }>> {
  return decideProposal(input, ZDeclineHostProposalInput, declineHostProposal, "hostProposal.decline");
}
