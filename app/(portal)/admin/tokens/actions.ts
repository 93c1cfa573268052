"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { actorOf } from "@/lib/audit";
import { ZIssueApiTokenInput, ZRevokeApiTokenInput } from "@/lib/api-tokens/schemas";
import { issueApiToken, revokeApiToken } from "@/lib/api-tokens/service";

export const issueApiTokenAction = defineAction("issueApiTokenAction", ZIssueApiTokenInput, async (user, input) => {
  const token = await issueApiToken(actorOf(user), input);
  revalidatePath("/admin/tokens");
  return token;
});

export const revokeApiTokenAction = defineAction("revokeApiTokenAction", ZRevokeApiTokenInput, async (user, input) => {
  await revokeApiToken(actorOf(user), input.tokenId);
  revalidatePath("/admin/tokens");
});
