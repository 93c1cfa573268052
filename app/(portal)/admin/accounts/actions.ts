"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { actorOf } from "@/lib/audit";
import {
  ZAddResourceInput,
  ZApplyImportInput,
  ZCreateAccountInput,
  ZPreviewImportInput,
  ZRemoveResourceInput,
  ZSetManagersInput,
  ZUpdateAccountInput,
} from "@/lib/accounts/schemas";
import { addResource } from "@/lib/accounts/add-resource";
import { applyImport } from "@/lib/accounts/apply-import";
import { createAccount } from "@/lib/accounts/create-account";
import { previewImport } from "@/lib/accounts/preview-import";
import { removeResource } from "@/lib/accounts/remove-resource";
import { setManagers } from "@/lib/accounts/set-managers";
import { updateAccount } from "@/lib/accounts/update-account";

export const createAccountAction = defineAction("createAccountAction", ZCreateAccountInput, async (user, input) => {
  const result = await createAccount(actorOf(user), input);
  revalidatePath("/admin/accounts");
  return { id: result.id };
});

export const updateAccountAction = defineAction("updateAccountAction", ZUpdateAccountInput, async (user, input) => {
  const result = await updateAccount(actorOf(user), input);
  revalidatePath("/admin/accounts");
  revalidatePath(`/admin/accounts/${input.id}`);
  return result;
});

export const addResourceAction = defineAction("addResourceAction", ZAddResourceInput, async (user, { accountId, ...resource }) => {
  await addResource(actorOf(user), accountId, resource);
  revalidatePath(`/admin/accounts/${accountId}`);
});

export const removeResourceAction = defineAction("removeResourceAction", ZRemoveResourceInput, async (user, input) => {
  await removeResource(actorOf(user), input.accountId, input.resourceId);
  revalidatePath(`/admin/accounts/${input.accountId}`);
});

export const setManagersAction = defineAction("setManagersAction", ZSetManagersInput, async (user, input) => {
  const result = await setManagers(actorOf(user), input);
  revalidatePath("/admin/accounts");
  revalidatePath(`/admin/accounts/${input.accountId}`);
  return result;
});

export const previewImportAction = defineAction("previewImportAction", ZPreviewImportInput, async (_user, input) => previewImport(input));

export const applyImportAction = defineAction("applyImportAction", ZApplyImportInput, async (user, input) => {
  const result = await applyImport(actorOf(user), input);
  revalidatePath("/admin/accounts");
  return result;
});
