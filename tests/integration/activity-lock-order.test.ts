// Lock order around the activity chain (docs/decisions/0011, "Lock order"): every writer takes
// the chain's lock last, so parallel actions on one case (and on its account, and an import
// touching that account) queue without deadlock. PGlite runs transactions one at a time; the
// PostgreSQL pass (scripts/test-postgres.sh) is where the order is really tried.
import { beforeAll, describe, expect, it } from "vitest";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { verifyActivityChain } from "@/lib/audit/verify";
import type { SessionUser } from "@/lib/auth/session";
import { applyImport } from "@/lib/accounts/apply-import";
import { previewImport } from "@/lib/accounts/preview-import";
import { updateAccount } from "@/lib/accounts/update-account";
import { assignCase } from "@/lib/cases/assign-case";
import { setPriority } from "@/lib/cases/set-priority";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { addEntry } from "@/lib/timeline/service";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";
import { intakeDraft, saveAndSubmit, tickChecklist } from "../support/intake";

useTestDatabase();

let support: SessionUser, sirt: SessionUser, sirt2: SessionUser, admin: SessionUser;
let accountId: string;

beforeAll(async () => {
  [support, sirt, sirt2, admin] = (await Promise.all((["support", "sirt", "sirt", "admin"] as const).map((r) => createUser(r)))) as SessionUser[];
  const a = await db().account.create({
    data: { slug: "lockco", name: "LockCo", plan: "premium", deployment: "saas", paying: true, resources: { create: [{ kind: "project", path: "lockco/infra/api", pathLower: "lockco/infra/api" }] } },
  });
  accountId = a.id;
});

/** Expected refusals (a stale version, a state that moved on) are fine; a deadlock or any other error is not. */
const settle = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (err) {
    if (isAppError(err) && ["CONFLICT", "INVALID_STATE"].includes(err.code)) return err.code;
    throw err;
  }
};

describe("the chain's lock is taken last", () => {
  it("20 parallel mixed actions on one case, its account and an import of that account: no deadlock, one chain", async () => {
    const filed = await saveAndSubmit(support, intakeDraft(accountId, { days: 10, project: "lockco/infra/api" }));
    expect(filed.status).toBe("accepted");
    await tickChecklist(support, filed.id);
    const c = await db().case.findUniqueOrThrow({ where: { id: filed.id }, select: { id: true, version: true } });
    const acct = await db().account.findUniqueOrThrow({ where: { id: accountId } });
    const before = await db().activityLog.count();

    const text = JSON.stringify([
      // A new account first, then the case's: before the fix the import held the chain (after the
      // first account's entry) while it waited for the account a parallel edit had locked.
      { slug: "lockco-two", name: "LockCo Two", plan: "premium", deployment: "saas", paying: true },
      { slug: "lockco", name: "LockCo Renamed", plan: "premium", deployment: "saas", paying: true, projects: ["lockco/infra/api"] },
    ]);
    const preview = await previewImport({ format: "json", text });
    expect(preview.counts.error).toBe(0);
    const asAdmin = { kind: "user" as const, id: admin.id, role: "admin" };
    const fields = { slug: acct.slug, plan: acct.plan, deployment: acct.deployment, paying: acct.paying, supportPlan: acct.supportPlan, incidentNotification: acct.incidentNotification, notificationContact: acct.notificationContact };
    const actions: Promise<unknown>[] = [
      ...Array.from({ length: 8 }, (_, i) => addEntry(sirt, { caseId: c.id, kind: i % 2 ? "note" : "finding", visibility: "internal", body: `parallel ${i}` })),
      ...[1, 2, 3, 4].map((p) => setPriority(sirt, { id: c.id, version: c.version, priority: p })),
      ...[sirt, sirt2, sirt, null].map((who) => assignCase(sirt, { id: c.id, version: c.version, assigneeId: who?.id ?? null })),
      ...[1, 2].map((i) => updateAccount(asAdmin, { ...fields, id: acct.id, version: acct.version, name: `LockCo ${i}` })),
      applyImport(asAdmin, { format: "json", text, token: preview.token }),
      recordActivity(db(), { actor: SYSTEM, action: "test.parallel", entityType: "Test", entityId: "x" }),
    ];
    expect(actions).toHaveLength(20);
    const outcomes = await Promise.all(actions.map(settle));
    expect(outcomes.filter((o) => o === "ok").length).toBeGreaterThanOrEqual(10);
    const written = (await db().activityLog.count()) - before;
    expect(written).toBeGreaterThanOrEqual(10);
    expect(await verifyActivityChain(db())).toMatchObject({ ok: true });
  }, 120_000);

  it("an import never holds the chain while it waits for an account that a parallel edit locked (was a deadlock on PostgreSQL)", async () => {
    const held = await db().account.create({ data: { slug: "lockco-held", name: "Held", plan: "premium", deployment: "saas", paying: true } });
    const text = JSON.stringify([
      { slug: "lockco-new", name: "New", plan: "premium", deployment: "saas", paying: true },
      { slug: "lockco-held", name: "Held Renamed", plan: "premium", deployment: "saas", paying: true },
    ]);
    const preview = await previewImport({ format: "json", text });
    let imported: Promise<unknown> | null = null;
    // A parallel edit: the account row first, then (a moment later) its entry, as updateAccount does.
    await db().$transaction(
      async (tx) => {
        await tx.$executeRaw`UPDATE "Account" SET "name" = "name" WHERE "id" = ${held.id}`;
        imported = applyImport({ kind: "user", id: admin.id, role: "admin" }, { format: "json", text, token: preview.token });
        imported.catch(() => {}); // awaited below
        await new Promise((r) => setTimeout(r, 1500)); // the import reaches the held account meanwhile
        await recordActivity(tx, { actor: SYSTEM, action: "test.heldEdit", entityType: "Account", entityId: held.id });
      },
      { timeout: 30_000 },
    );
    await expect(imported).resolves.toMatchObject({ created: 1, updated: 1 });
    expect(await verifyActivityChain(db())).toMatchObject({ ok: true });
  }, 60_000);
});
