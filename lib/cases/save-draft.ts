import "server-only";
import { randomUUID } from "node:crypto";
import { actorOf, recordActivity } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertAccountUsable, lockVisibleCase } from "./access";
import { updateCaseAtVersion } from "./concurrency";
import { draftData, searchTextOf } from "./rules";
import type { TCaseDraftInput } from "./schemas";
import { now } from "@/lib/clock";

export interface SavedDraft {
  id: string;
  version: number;
  savedAt: Date;
}

/**
 * Steps 1-2: creates the draft on the first save, then saves it as the author types (drafts are
 * the author's alone). The form makes the draft's id when it opens and sends it with every save;
 * a first save (an id, no version yet) creates the draft with that id, or, when a retry or a
 * second click already made it, saves into that same draft (issue 12, finding 9). An id that
 * names anyone else's case is not found, never overwritten.
 */
export async function saveDraft(user: SessionUser, input: { id?: string; version?: number; draft: TCaseDraftInput }): Promise<SavedDraft> {
  return db().$transaction(async (tx) => {
    const account = input.draft.accountId ? await assertAccountUsable(tx, user, input.draft.accountId) : null;
    const searchText = searchTextOf({ ...input.draft, accountName: account?.name ?? "" });
    const firstSave = input.version === undefined;
    if (firstSave) {
      if (!input.draft.accountId) throw new AppError("VALIDATION", "Choose a customer account first.", { accountId: ["Choose a customer account first."] });
      const id = input.id ?? randomUUID();
      // INSERT ... ON CONFLICT DO NOTHING: of parallel first saves with one id, one inserts; the others wait for it and insert nothing.
      const { count } = await tx.case.createMany({
        data: [{ ...draftData(input.draft), id, searchText, accountId: input.draft.accountId, authorId: user.id, status: "draft" }],
        skipDuplicates: true,
      });
      if (count === 1) {
        const created = await tx.case.findUniqueOrThrow({ where: { id }, select: { id: true, version: true, updatedAt: true } });
        await recordActivity(tx, { actor: actorOf(user), action: "case.createDraft", entityType: "Case", entityId: created.id, caseId: created.id });
        return { id: created.id, version: created.version, savedAt: created.updatedAt };
      }
    }
    const c = await lockVisibleCase(tx, user, input.id ?? "", { select: { id: true, status: true, version: true } }, { what: "That draft", where: { authorId: user.id } });
    if (c.status !== "draft") throw new AppError("INVALID_STATE", "This case has been submitted; its scope is changed from the case page.");
    // A repeated first save has no version to hold: it saves into the draft it made, as it is now.
    const version = await updateCaseAtVersion(tx, c.id, firstSave ? c.version : input.version!, {
      ...draftData(input.draft),
      ...(input.draft.accountId ? { accountId: input.draft.accountId, searchText } : {}),
    });
    await recordActivity(tx, { actor: actorOf(user), action: "case.saveDraft", entityType: "Case", entityId: c.id, caseId: c.id });
    return { id: c.id, version, savedAt: now() };
  });
}
