import "server-only";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertAccountUsable, lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import { draftData, searchTextOf } from "./rules";
import type { TCaseDraftInput } from "./schemas";

export interface SavedDraft {
  id: string;
  version: number;
  savedAt: Date;
}

/** Steps 1-2: creates the draft on the first save, then saves it as the author types (drafts are the author's alone). */
export async function saveDraft(user: SessionUser, input: { id?: string; version?: number; draft: TCaseDraftInput }): Promise<SavedDraft> {
  return db().$transaction(async (tx) => {
    const account = input.draft.accountId ? await assertAccountUsable(tx, user, input.draft.accountId) : null;
    const searchText = searchTextOf({ ...input.draft, accountName: account?.name ?? "" });
    if (!input.id) {
      if (!input.draft.accountId) throw new AppError("VALIDATION", "Choose a customer account first.", { accountId: ["Choose a customer account first."] });
      const created = await tx.case.create({
        data: { ...draftData(input.draft), searchText, accountId: input.draft.accountId, authorId: user.id, status: "draft" },
        select: { id: true, version: true, updatedAt: true },
      });
      await recordActivity(tx, { actor: actorOf(user), action: "case.createDraft", entityType: "Case", entityId: created.id, caseId: created.id });
      return { id: created.id, version: created.version, savedAt: created.updatedAt };
    }
    const c = await lockVisibleCase(tx, user, input.id, { select: { id: true, status: true, version: true } }, { what: "That draft", where: { authorId: user.id } });
    if (c.status !== "draft") throw new AppError("INVALID_STATE", "This case has been submitted; its scope is changed from the case page.");
    const version = await updateCaseAtVersion(tx, c.id, input.version ?? -1, {
      ...draftData(input.draft),
      ...(input.draft.accountId ? { accountId: input.draft.accountId, searchText } : {}),
    });
    await recordActivity(tx, { actor: actorOf(user), action: "case.saveDraft", entityType: "Case", entityId: c.id, caseId: c.id });
    return { id: c.id, version, savedAt: new Date() };
  });
}
