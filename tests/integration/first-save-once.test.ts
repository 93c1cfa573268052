import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { saveDraft } from "@/lib/cases/save-draft";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createUser } from "../support/factories";
import { intakeDraft } from "../support/intake";

// Issue 12, finding 9: a double-clicked first save made two drafts (20 parallel first saves made 20).
// The form now makes the draft's id when it opens; a first save creates the draft with that id or,
// when it already exists (a retry, a second click), saves into it: one draft, one creation entry.
useTestDatabase();

async function setUp() {
  const support = (await createUser("support")) as SessionUser;
  const account = await createAccount();
  await db().ownedResource.create({ data: { accountId: account.id, kind: "project", path: `${account.slug}/api`, pathLower: `${account.slug}/api` } });
  return { support, draft: intakeDraft(account.id, { project: `${account.slug}/api` }) };
}

describe("the first save of a draft carries the form's id", () => {
  it("20 parallel first saves with one id make one draft and one creation entry", async () => {
    const { support, draft } = await setUp();
    const id = randomUUID();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => saveDraft(support, { id, draft })));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    for (const r of results) expect(r.status === "fulfilled" && r.value.id).toBe(id);
    expect(await db().case.count({ where: { authorId: support.id } })).toBe(1);
    expect(await db().activityLog.count({ where: { entityId: id, action: "case.createDraft" } })).toBe(1);
  });

  it("a repeated first save keeps the latest content in the same draft", async () => {
    const { support, draft } = await setUp();
    const id = randomUUID();
    const first = await saveDraft(support, { id, draft });
    const again = await saveDraft(support, { id, draft: { ...draft, summary: "A second click, with more typed." } });
    expect(again.id).toBe(first.id);
    expect(again.version).toBeGreaterThan(first.version);
    expect((await db().case.findUniqueOrThrow({ where: { id } })).summary).toBe("A second click, with more typed.");
    expect(await db().case.count({ where: { authorId: support.id } })).toBe(1);
  });

  it("another user's draft id is not found, and the draft is not overwritten", async () => {
    const { support, draft } = await setUp();
    const other = (await createUser("support")) as SessionUser;
    const id = randomUUID();
    await saveDraft(support, { id, draft });
    const err = await saveDraft(other, { id, draft: { ...draft, summary: "Overwritten by someone else entirely." } }).catch((e) => e);
    expect(err.code).toBe("NOT_FOUND");
    expect((await db().case.findUniqueOrThrow({ where: { id } })).summary).toBe(draft.summary);
    expect(await db().case.count({ where: { authorId: other.id } })).toBe(0);
  });

  it("a submitted case's id cannot be saved as a draft again", async () => {
    const { support, draft } = await setUp();
    const id = randomUUID();
    await saveDraft(support, { id, draft });
    await db().case.update({ where: { id }, data: { status: "submitted" } });
    const err = await saveDraft(support, { id, draft }).catch((e) => e);
    expect(err.code).toBe("INVALID_STATE");
  });
});
