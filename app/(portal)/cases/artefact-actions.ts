"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/action";
import { ZDecideArtefact, ZRedactAgain, ZShareArtefact, ZWithdrawArtefact } from "@/lib/artefacts/schemas";
import { decideArtefact } from "@/lib/artefacts/decide-artefact";
import { redactAgain } from "@/lib/artefacts/redact-again";
import { shareArtefact } from "@/lib/artefacts/share-artefact";
import { withdrawArtefact } from "@/lib/artefacts/withdraw-artefact";
import { releaseSigningKey } from "@/lib/artefacts/store";

/** Security (SIRT) or Legal approves or rejects the current redaction; the permission follows the role. */
export const decideArtefactAction = defineAction("decideArtefactAction", ZDecideArtefact, async (user, input) => {
  const r = await decideArtefact(user, input);
  revalidatePath("/cases", "layout");
  revalidatePath("/approvals");
  return r;
});

export const redactAgainAction = defineAction("redactAgainAction", ZRedactAgain, async (user, input) => {
  const r = await redactAgain(user, input);
  revalidatePath("/cases", "layout");
  return r;
});

export const shareArtefactAction = defineAction("shareArtefactAction", ZShareArtefact, async (user, input) => {
  const r = await shareArtefact(user, input, await releaseSigningKey());
  revalidatePath("/cases", "layout");
  return r;
});

export const withdrawArtefactAction = defineAction("withdrawArtefactAction", ZWithdrawArtefact, async (user, input) => {
  const r = await withdrawArtefact(user, input);
  revalidatePath("/cases", "layout");
  revalidatePath("/approvals");
  return r;
});
