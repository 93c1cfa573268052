// Issue 12, finding 10: server actions check the role before reading the input, so a role without
// the permission learns nothing about an action's fields; and loadIntakeAccountAction, once open to
// anyone with case.read, gave SIRT and Legal any account's plan and what it owns. The actions are
// called as the portal calls them (defineAction), with the session read from a stand-in.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Role } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createUser } from "../support/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/session")>();
  return {
    ...real,
    requireUser: async () => {
      if (!session.user) throw new (await import("@/lib/errors")).AppError("UNAUTHENTICATED", "Your session has expired. Please sign in again.");
      return session.user;
    },
  };
});

const { inviteStaffAction, changeRoleAction } = await import("@/app/(portal)/admin/actions");
const { loadIntakeAccountAction } = await import("@/app/(portal)/cases/actions");

useTestDatabase();

const users = {} as Record<Role, SessionUser>;
let csmElsewhere: SessionUser;
let accountId: string;

beforeAll(async () => {
  for (const role of ["support", "csm", "sirt", "legal", "admin"] as const) users[role] = (await createUser(role)) as SessionUser;
  csmElsewhere = (await createUser("csm")) as SessionUser;
  const account = await createAccount({ name: "Gate Co" });
  accountId = account.id;
  await db().ownedResource.createMany({
    data: [
      { accountId, kind: "project", path: "gate/api", pathLower: "gate/api" },
      { accountId, kind: "user", path: "gate-admin", pathLower: "gate-admin", email: "admin@gate.example" },
    ],
  });
  await db().accountManager.create({ data: { accountId, userId: users.csm.id } });
});

const as = (u: SessionUser | null) => {
  session.user = u;
};

describe("an Admin action given garbage", () => {
  it.each(["support", "csm", "sirt", "legal"] as const)("as %s is FORBIDDEN with no field errors (the fields stay unknown)", async (role) => {
    as(users[role]);
    for (const garbage of [{}, { email: 42, role: "root" }, "not even an object", null]) {
      const r = await inviteStaffAction(garbage);
      expect(r).toEqual({ ok: false, code: "FORBIDDEN", error: expect.any(String), fieldErrors: undefined });
      expect(await changeRoleAction(garbage)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    }
  });

  it("as Admin gets past the gate to the field errors", async () => {
    as(users.admin);
    const r = await inviteStaffAction({});
    expect(r).toMatchObject({ ok: false, code: "VALIDATION", fieldErrors: expect.any(Object) });
  });

  it("as Admin, input that is no object at all is a VALIDATION answer, never an INTERNAL error (found by the access matrix)", async () => {
    as(users.admin);
    const { saveSettingsAction } = await import("@/app/(portal)/admin/settings/actions");
    for (const garbage of ["garbage", 42, null, []]) expect(await saveSettingsAction(garbage)).toMatchObject({ ok: false, code: "VALIDATION" });
  });

  it("signed out is UNAUTHENTICATED, whatever the input", async () => {
    as(null);
    expect(await inviteStaffAction({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});

describe("loadIntakeAccountAction (the intake form's account facts)", () => {
  it.each(["sirt", "legal", "admin"] as const)("as %s, who opens no cases, is FORBIDDEN and gives nothing", async (role) => {
    as(users[role]);
    const r = await loadIntakeAccountAction({ accountId });
    expect(r).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(JSON.stringify(r)).not.toMatch(/premium|gate\/api|gate-admin/);
  });

  it("as a CSM not managing the account is NOT_FOUND", async () => {
    as(csmElsewhere);
    expect(await loadIntakeAccountAction({ accountId })).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });

  it.each(["support", "csm"] as const)("as %s gives only what the form needs: plan facts and resource kinds and paths, no emails or managers", async (role) => {
    as(users[role]);
    const r = await loadIntakeAccountAction({ accountId });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Object.keys(r.data).sort()).toEqual(["deployment", "id", "name", "paying", "plan", "resources", "supportPlan"]);
    expect(r.data.resources).toEqual([
      { kind: "project", path: "gate/api" },
      { kind: "user", path: "gate-admin" },
    ]);
    expect(JSON.stringify(r)).not.toContain("admin@gate.example");
  });
});
