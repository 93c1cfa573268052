"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { ZIssueApiTokenInput, ZRevokeApiTokenInput } from "@/lib/api-tokens/schemas";
import { issueApiToken, revokeApiToken } from "@/lib/api-tokens/service";

const actor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });

export const issueApiTokenAction = defineAction("issueApiToken", "apiToken.manage", ZIssueApiTokenInput, async (user, input) => {
  const token = await issueApiToken(actor(user), input);
  revalidatePath("/admin/tokens");
  return token;
});

export const revokeApiTokenAction = defineAction("revokeApiToken", "apiToken.manage", ZRevokeApiTokenInput, async (user, input) => {
  await revokeApiToken(actor(user), input.tokenId);
  revalidatePath("/admin/tokens");
});
