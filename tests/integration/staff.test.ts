import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { acceptInvite, changeRole, findInvite, inviteStaff, setActive } from "@/lib/staff/service";
import { setTeamLead } from "@/lib/staff/set-team-lead";
import { verifyPassword } from "@/lib/auth/password";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";

useTestDatabase();

const asActor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });
const tokenOf = (link: string | null) => link!.split("/invite/")[1]!;

describe("staff administration", () => {
  it("an invitation creates the user, logs it, queues the email, and its link sets a password once", async () => {
    const admin = await createUser("admin");
    const { id, link } = await inviteStaff(asActor(admin), { email: "new.agent@corp.example", name: "New Agent", role: "support" }, "http://portal.test");
    expect(link).toMatch(/^http:\/\/portal\.test\/invite\/[\w-]{20,}$/);

    const user = await db().user.findUniqueOrThrow({ where: { id } });
    expect(user).toMatchObject({ role: "support", active: true, passwordHash: null, invitedById: admin.id });
    expect(await db().activityLog.count({ where: { action: "user.invite", entityId: id, actorId: admin.id } })).toBe(1);
    const mail = await db().outboxMessage.findFirstOrThrow({ where: { toAddress: "new.agent@corp.example" } });
    expect(mail.body).toContain(link);
    expect(await db().job.count({ where: { dedupeKey: `outbox:${mail.id}` } })).toBe(1);

    expect(await findInvite(tokenOf(link))).toEqual({ email: "new.agent@corp.example", name: "New Agent" });
    await acceptInvite(tokenOf(link), "a long enough password");
    const after = await db().user.findUniqueOrThrow({ where: { id } });
    expect(await verifyPassword(after.passwordHash, "a long enough password")).toBe(true);
    expect(after.inviteTokenHash).toBeNull();
    await expect(acceptInvite(tokenOf(link), "another long password")).rejects.toThrow(/expired or was already used/);
  });

  it("a second invitation for the same email is a clear conflict and writes nothing", async () => {
    const admin = await createUser("admin");
    const existing = await createUser("csm");
    const logsBefore = await db().activityLog.count();
    await expect(inviteStaff(asActor(admin), { email: existing.email, name: "Dup", role: "csm" }, "http://x")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().activityLog.count()).toBe(logsBefore);
  });

  it("a role change revokes existing sessions and is logged with before and after", async () => {
    const admin = await createUser("admin");
    const agent = await createUser("support");
    await changeRole(asActor(admin), agent.id, "sirt");
    const after = await db().user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(after.role).toBe("sirt");
    expect(after.sessionVersion).toBe(2);
    const log = await db().activityLog.findFirstOrThrow({ where: { action: "user.changeRole", entityId: agent.id } });
    expect(log.before).toEqual({ role: "support" });
    expect(log.after).toEqual({ role: "sirt" });
  });

  it("deactivation revokes sessions; nobody deactivates themselves or the last Admin", async () => {
    const admin = await createUser("admin");
    const agent = await createUser("support");
    await setActive(asActor(admin), agent.id, false);
    expect(await db().user.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({ active: false, sessionVersion: 2 });
    await expect(setActive(asActor(admin), admin.id, false)).rejects.toThrow(/cannot deactivate yourself/);

    // Make `admin` the only active Admin, then try to demote them.
    await db().user.updateMany({ where: { role: "admin", id: { not: admin.id } }, data: { active: false } });
    await expect(changeRole(asActor(admin), admin.id, "support")).rejects.toThrow(/at least one active Admin/);
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("admin");
  });

  it("Admin makes a Support or SIRT member team lead and unsets it, each logged; other roles cannot be; a role change ends it", async () => {
    const admin = await createUser("admin");
    const lead = await createUser("sirt");
    await setTeamLead(asActor(admin), lead.id, true);
    expect((await db().user.findUniqueOrThrow({ where: { id: lead.id } })).teamLead).toBe(true);
    const set = await db().activityLog.findFirstOrThrow({ where: { action: "user.setTeamLead", entityId: lead.id } });
    expect(set).toMatchObject({ actorId: admin.id, before: { teamLead: false }, after: { teamLead: true } });
    await setTeamLead(asActor(admin), lead.id, true); // no change, nothing logged
    expect(await db().activityLog.count({ where: { action: "user.setTeamLead", entityId: lead.id } })).toBe(1);
    await setTeamLead(asActor(admin), lead.id, false);
    expect(await db().activityLog.count({ where: { action: "user.unsetTeamLead", entityId: lead.id } })).toBe(1);

    const csm = await createUser("csm");
    await expect(setTeamLead(asActor(admin), csm.id, true)).rejects.toMatchObject({ code: "INVALID_STATE", message: "Only Support and SIRT members can be team leads." });

    const agent = await createUser("support");
    await setTeamLead(asActor(admin), agent.id, true);
    await changeRole(asActor(admin), agent.id, "csm");
    expect(await db().user.findUniqueOrThrow({ where: { id: agent.id } })).toMatchObject({ role: "csm", teamLead: false });
    const log = await db().activityLog.findFirstOrThrow({ where: { action: "user.changeRole", entityId: agent.id } });
    expect(log).toMatchObject({ before: { role: "support", teamLead: true }, after: { role: "csm", teamLead: false } });
  });

  it("an unknown user is NOT_FOUND", async () => {
    const admin = await createUser("admin");
    await expect(changeRole(asActor(admin), "00000000-0000-4000-8000-000000000000", "csm")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
