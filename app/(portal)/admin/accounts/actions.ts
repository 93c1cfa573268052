"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import {
  ZAddResourceInput,
  ZApplyImportInput,
  ZCreateAccountInput,
  ZPreviewImportInput,
  ZRemoveResourceInput,
  ZSetManagersInput,
  ZUpdateAccountInput,
} from "@/lib/accounts/schemas";
import { addResource, applyImport, createAccount, previewImport, removeResource, setManagers, updateAccount } from "@/lib/accounts/service";

const actor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });

export const createAccountAction = defineAction("createAccount", "account.manage", ZCreateAccountInput, async (user, input) => {
  const result = await createAccount(actor(user), input);
  revalidatePath("/admin/accounts");
  return { id: result.id };
});

export const updateAccountAction = defineAction("updateAccount", "account.manage", ZUpdateAccountInput, async (user, input) => {
  const result = await updateAccount(actor(user), input);
  revalidatePath("/admin/accounts");
  revalidatePath(`/admin/accounts/${input.id}`);
  return result;
});

export const addResourceAction = defineAction("addResource", "account.manage", ZAddResourceInput, async (user, { accountId, ...resource }) => {
  await addResource(actor(user), accountId, resource);
  revalidatePath(`/admin/accounts/${accountId}`);
});

export const removeResourceAction = defineAction("removeResource", "account.manage", ZRemoveResourceInput, async (user, input) => {
  await removeResource(actor(user), input.accountId, input.resourceId);
  revalidatePath(`/admin/accounts/${input.accountId}`);
});

export const setManagersAction = defineAction("setManagers", "account.manage", ZSetManagersInput, async (user, input) => {
  const result = await setManagers(actor(user), input);
  revalidatePath("/admin/accounts");
  revalidatePath(`/admin/accounts/${input.accountId}`);
  return result;
});

export const previewImportAction = defineAction("previewImport", "account.manage", ZPreviewImportInput, async (_user, input) => previewImport(input));

export const applyImportAction = defineAction("applyImport", "account.manage", ZApplyImportInput, async (user, input) => {
  const result = await applyImport(actor(user), input);
  revalidatePath("/admin/accounts");
  return result;
});
