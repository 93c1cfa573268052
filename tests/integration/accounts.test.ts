import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { addResource } from "@/lib/accounts/add-resource";
import { applyImport } from "@/lib/accounts/apply-import";
import { createAccount } from "@/lib/accounts/create-account";
import { previewImport } from "@/lib/accounts/preview-import";
import { getAccount, listAccountActivity, listAccounts } from "@/lib/accounts/queries";
import { removeResource } from "@/lib/accounts/remove-resource";
import { setManagers } from "@/lib/accounts/set-managers";
import { updateAccount } from "@/lib/accounts/update-account";
import { ZAccountFields, type TAccountFields } from "@/lib/accounts/schemas";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";

useTestDatabase();

const asActor = (u: { id: string; role: string }) => ({ kind: "user" as const, id: u.id, role: u.role });
let n = 0;
const uniqueSlug = (base: string) => `${base}-${Date.now().toString(36)}-${++n}`;
const fields = (over: Partial<TAccountFields> = {}): TAccountFields =>
  ZAccountFields.parse({ name: "Initrode", slug: uniqueSlug("initrode"), plan: "premium", deployment: "saas", paying: true, ...over });
const logsOf = (entityId: string) => db().activityLog.findMany({ where: { entityType: "Account", entityId }, orderBy: { id: "asc" } });
const HEADER = "slug,name,plan,deployment,paying,support_plan,incident_notification,notification_contact,groups,projects,users,csm_emails";

describe("customer accounts", () => {
  it("creating an account stores it and logs what was created", async () => {
    const admin = await createUser("admin");
    const input = fields({ incidentNotification: true, notificationContact: "sec@initrode.example" });
    const { id } = await createAccount(asActor(admin), input);
    const account = await getAccount(id);
    expect(account).toMatchObject({ ...input, version: 1, resources: [], managers: [] });
    const [log] = await logsOf(id);
    expect(log).toMatchObject({ action: "account.create", actorId: admin.id, actorRole: "admin", after: input });
  });

  it("a slug already in use is a conflict on the slug field, and writes nothing", async () => {
    const admin = await createUser("admin");
    const input = fields();
    await createAccount(asActor(admin), input);
    const before = await db().activityLog.count();
    await expect(createAccount(asActor(admin), { ...input, name: "Other" })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { slug: [`“${input.slug}” is already used by another account.`] } });
    expect(await db().activityLog.count()).toBe(before);
  });

  it("an update names the version it loaded; a stale version is refused and nothing changes", async () => {
    const admin = await createUser("admin");
    const other = await createUser("admin");
    const input = fields();
    const { id } = await createAccount(asActor(admin), input);

    // Both Admins load version 1; the first saves, the second is refused.
    expect(await updateAccount(asActor(other), { ...input, id, version: 1, plan: "ultimate" })).toEqual({ version: 2, changed: true });
    await expect(updateAccount(asActor(admin), { ...input, id, version: 1, name: "Initrode Ltd" })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Someone else changed this account/) });
    expect(await getAccount(id)).toMatchObject({ name: "Initrode", plan: "ultimate", version: 2 });

    const logs = await logsOf(id);
    expect(logs.map((l) => l.action)).toEqual(["account.create", "account.update"]);
    expect(logs[1]).toMatchObject({ actorId: other.id, before: { plan: "premium" }, after: { plan: "ultimate" } });
  });

  it("saving without changes writes nothing and keeps the version", async () => {
    const admin = await createUser("admin");
    const input = fields();
    const { id } = await createAccount(asActor(admin), input);
    expect(await updateAccount(asActor(admin), { ...input, id, version: 1 })).toEqual({ version: 1, changed: false });
    expect(await logsOf(id)).toHaveLength(1);
  });

  it("renaming the slug to one in use is refused on the slug field", async () => {
    const admin = await createUser("admin");
    const a = fields();
    const b = fields();
    await createAccount(asActor(admin), a);
    const { id } = await createAccount(asActor(admin), b);
    await expect(updateAccount(asActor(admin), { ...b, slug: a.slug, id, version: 1 })).rejects.toMatchObject({ code: "CONFLICT", fieldErrors: { slug: expect.any(Array) } });
    expect((await getAccount(id)).slug).toBe(b.slug);
  });

  it("an unknown account is NOT_FOUND, for a well-formed and a malformed id", async () => {
    const admin = await createUser("admin");
    await expect(getAccount("00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getAccount("not-an-id")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateAccount(asActor(admin), { ...fields(), id: "00000000-0000-4000-8000-000000000000", version: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("resources: added and removed one by one, duplicates refused case-insensitively, each change logged", async () => {
    const admin = await createUser("admin");
    const { id } = await createAccount(asActor(admin), fields());
    await addResource(asActor(admin), id, { kind: "group", path: "Initrode/Infra", email: null });
    await addResource(asActor(admin), id, { kind: "project", path: "initrode/infra/api", email: null });
    await addResource(asActor(admin), id, { kind: "user", path: "jdoe", email: "jdoe@initrode.example" });
    await expect(addResource(asActor(admin), id, { kind: "group", path: "initrode/infra", email: null })).rejects.toMatchObject({
      code: "CONFLICT",
      fieldErrors: { path: ["“Initrode/Infra” is already listed as a group of this account."] },
    });
    await expect(addResource(asActor(admin), id, { kind: "project", path: "initrode/INFRA", email: null })).rejects.toMatchObject({ code: "CONFLICT" });

    const account = await getAccount(id);
    expect(account.resources.map((r) => [r.kind, r.path, r.email])).toEqual([
      ["group", "Initrode/Infra", null],
      ["project", "initrode/infra/api", null],
      ["user", "jdoe", "jdoe@initrode.example"],
    ]);
    const stored = await db().ownedResource.findFirstOrThrow({ where: { accountId: id, kind: "group" } });
    expect(stored.pathLower).toBe("initrode/infra");

    const project = account.resources.find((r) => r.kind === "project")!;
    await removeResource(asActor(admin), id, project.id);
    await expect(removeResource(asActor(admin), id, project.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const logs = await logsOf(id);
    expect(logs.map((l) => l.action)).toEqual(["account.create", "account.addResource", "account.addResource", "account.addResource", "account.removeResource"]);
    expect(logs[4]!.before).toEqual({ kind: "project", path: "initrode/infra/api" });
    expect(logs[3]!.after).toEqual({ kind: "user", path: "jdoe", email: "jdoe@initrode.example" });
  });

  it("a resource of one account cannot be removed through another", async () => {
    const admin = await createUser("admin");
    const a = await createAccount(asActor(admin), fields());
    const b = await createAccount(asActor(admin), fields());
    const r = await addResource(asActor(admin), a.id, { kind: "group", path: "initrode", email: null });
    await expect(removeResource(asActor(admin), b.id, r.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().ownedResource.count({ where: { id: r.id } })).toBe(1);
  });

  it("managers must be active CSMs; the set is replaced and logged with emails before and after", async () => {
    const admin = await createUser("admin");
    const csm1 = await createUser("csm", { name: "Ada CSM" });
    const csm2 = await createUser("csm", { name: "Bo CSM" });
    const agent = await createUser("support", { name: "Sam Support" });
    const gone = await createUser("csm", { name: "Old CSM", active: false });
    const { id } = await createAccount(asActor(admin), fields());

    await setManagers(asActor(admin), { accountId: id, userIds: [csm1.id] });
    await expect(setManagers(asActor(admin), { accountId: id, userIds: [csm1.id, agent.id] })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { userIds: ["Sam Support is not a Customer Success Manager."] } });
    await expect(setManagers(asActor(admin), { accountId: id, userIds: [gone.id] })).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { userIds: ["Old CSM is deactivated."] } });
    await expect(setManagers(asActor(admin), { accountId: id, userIds: ["00000000-0000-4000-8000-000000000000"] })).rejects.toMatchObject({ code: "VALIDATION" });

    // Someone else changed the CSMs after this Admin loaded them: refused rather than undone.
    await expect(setManagers(asActor(admin), { accountId: id, userIds: [csm2.id], expectedUserIds: [] })).rejects.toMatchObject({ code: "CONFLICT" });
    await setManagers(asActor(admin), { accountId: id, userIds: [csm2.id], expectedUserIds: [csm1.id] });

    expect((await getAccount(id)).managers.map((m) => m.name)).toEqual(["Bo CSM"]);
    const logs = (await logsOf(id)).filter((l) => l.action === "account.setManagers");
    expect(logs.map((l) => [l.before, l.after])).toEqual([
      [{ managers: [] }, { managers: [csm1.email] }],
      [{ managers: [csm1.email] }, { managers: [csm2.email] }],
    ]);
  });

  it("the list finds accounts by name, slug or owned path, with resource counts and CSMs", async () => {
    const admin = await createUser("admin");
    const csm = await createUser("csm", { name: "Zed Findme" });
    const slug = uniqueSlug("needle");
    const { id } = await createAccount(asActor(admin), fields({ slug, name: "Haystack Ltd" }));
    await addResource(asActor(admin), id, { kind: "group", path: `${slug}-grp/Deep`, email: null });
    await addResource(asActor(admin), id, { kind: "user", path: "someone", email: null });
    await setManagers(asActor(admin), { accountId: id, userIds: [csm.id] });

    for (const q of ["haystack", slug.toUpperCase(), `${slug}-grp/deep`]) {
      const { rows, total } = await listAccounts({ q });
      expect(total, q).toBe(1);
      expect(rows[0]).toMatchObject({ id, resourceCount: 2, managers: [{ id: csm.id, name: "Zed Findme" }] });
    }
    expect((await listAccounts({ q: "no-such-account-anywhere" })).total).toBe(0);
    const page = await listAccounts({ pageSize: 1, page: 2 });
    expect(page.rows).toHaveLength(1);
  });

  it("the account's recent activity names the actor, newest first", async () => {
    const admin = await createUser("admin", { name: "Ann Admin" });
    const input = fields();
    const { id } = await createAccount(asActor(admin), input);
    await updateAccount(asActor(admin), { ...input, id, version: 1, paying: false });
    const activity = await listAccountActivity(id);
    expect(activity.map((a) => [a.action, a.actorName])).toEqual([
      ["account.update", "Ann Admin"],
      ["account.create", "Ann Admin"],
    ]);
    expect(activity[0]).toMatchObject({ before: { paying: true }, after: { paying: false }, viaImport: false });
  });
});

describe("account import", () => {
  it("previews creates, updates, unchanged rows and errors (unknown or non-CSM emails), writing nothing", async () => {
    const admin = await createUser("admin");
    const csm = await createUser("csm");
    const agent = await createUser("support");
    const existing = fields({ name: "Existing Co" });
    const { id } = await createAccount(asActor(admin), existing);
    await addResource(asActor(admin), id, { kind: "group", path: existing.slug, email: null });
    await addResource(asActor(admin), id, { kind: "user", path: "old-user", email: null });
    const same = fields({ name: "Same Co" });
    await createAccount(asActor(admin), same);
    const fresh = uniqueSlug("fresh");
    const logsBefore = await db().activityLog.count();

    const text = [
      HEADER,
      `${fresh},Fresh Co,trial,saas,no,,,,${fresh},${fresh}/app,"jdoe <jdoe@fresh.example>",${csm.email}`,
      `${existing.slug},Existing Co,ultimate,saas,yes,,,,${existing.slug},${existing.slug}/api,,${csm.email}`,
      `${same.slug},Same Co,premium,saas,yes,,,,,,,`,
      `${uniqueSlug("bad")},Bad Co,premium,saas,yes,,,,,,,nobody@nowhere.example;${agent.email}`,
    ].join("\n");
    const preview = await previewImport({ format: "csv", text });
    expect(preview.fileErrors).toEqual([]);
    expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 1 });
    expect(preview.rows.map((r) => r.action)).toEqual(["create", "update", "unchanged", "error"]);
    expect(preview.rows[0]).toMatchObject({ addResources: [{ kind: "group", path: fresh }, { kind: "project", path: `${fresh}/app` }, { kind: "user", path: "jdoe", email: "jdoe@fresh.example" }], addManagers: [csm.email] });
    expect(preview.rows[1]).toMatchObject({
      fieldChanges: [{ field: "plan", from: "premium", to: "ultimate" }],
      addResources: [{ kind: "project", path: `${existing.slug}/api`, email: null }],
      removeResources: [{ kind: "user", path: "old-user", email: null }],
      addManagers: [csm.email],
      removeManagers: [],
    });
    expect(preview.rows[3]!.errors).toEqual([
      { field: "csm_emails", message: "No staff member has the email “nobody@nowhere.example”." },
      { field: "csm_emails", message: `${agent.name} (${agent.email}) is not a Customer Success Manager.` },
    ]);
    expect(preview.token).toMatch(/^[0-9a-f]{64}$/);
    expect(await db().activityLog.count()).toBe(logsBefore);
    expect(await db().account.count({ where: { slug: fresh } })).toBe(0);

    // A set with an error row is refused whole, even with the right token.
    await expect(applyImport(asActor(admin), { format: "csv", text, token: preview.token })).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await db().account.count({ where: { slug: fresh } })).toBe(0);
  });

  it("applies an error-free preview in one go, and logs every account and the import", async () => {
    const admin = await createUser("admin");
    const csm = await createUser("csm");
    const existing = fields({ name: "Existing Co" });
    const { id } = await createAccount(asActor(admin), existing);
    await addResource(asActor(admin), id, { kind: "user", path: "old-user", email: null });
    const fresh = uniqueSlug("fresh");
    const text = JSON.stringify([
      { slug: fresh, name: "Fresh Co", plan: "trial", deployment: "saas", paying: false, groups: [fresh], projects: [`${fresh}/app`], users: ["jdoe <jdoe@fresh.example>"], csm_emails: [csm.email] },
      { slug: existing.slug, name: "Existing Co", plan: "ultimate", deployment: "saas", paying: true, users: ["old-user <old@existing.example>"], csm_emails: [csm.email] },
    ]);
    const preview = await previewImport({ format: "json", text });
    expect(preview.counts).toEqual({ create: 1, update: 1, unchanged: 0, error: 0 });
    // The user's new email shows as the old entry removed and the new one added.
    expect(preview.rows[1]).toMatchObject({ removeResources: [{ kind: "user", path: "old-user", email: null }], addResources: [{ kind: "user", path: "old-user", email: "old@existing.example" }] });

    const result = await applyImport(asActor(admin), { format: "json", text, token: preview.token });
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 0 });

    const created = await db().account.findUniqueOrThrow({ where: { slug: fresh }, select: { id: true } });
    const a = await getAccount(created.id);
    expect(a).toMatchObject({ name: "Fresh Co", plan: "trial", paying: false, version: 1, managers: [{ id: csm.id }] });
    expect(a.resources.map((r) => `${r.kind}:${r.path}:${r.email ?? ""}`)).toEqual([`group:${fresh}:`, `project:${fresh}/app:`, "user:jdoe:jdoe@fresh.example"]);
    const updated = await getAccount(id);
    expect(updated).toMatchObject({ plan: "ultimate", version: 2, managers: [{ id: csm.id }] });
    expect(updated.resources.map((r) => `${r.kind}:${r.path}:${r.email ?? ""}`)).toEqual(["user:old-user:old@existing.example"]);

    const [createLog] = await logsOf(created.id);
    expect(createLog).toMatchObject({ action: "account.create", actorId: admin.id, meta: { importId: result.importId, format: "json" } });
    const updateLog = (await logsOf(id)).at(-1)!;
    expect(updateLog).toMatchObject({
      action: "account.update",
      before: { plan: "premium", resourcesRemoved: [{ kind: "user", path: "old-user" }] },
      after: { plan: "ultimate", resourcesAdded: [{ kind: "user", path: "old-user", email: "old@existing.example" }], managersAdded: [csm.email] },
      meta: { importId: result.importId },
    });
    const importLog = await db().activityLog.findFirstOrThrow({ where: { action: "account.import", entityId: result.importId } });
    expect(importLog.meta).toMatchObject({ created: 1, updated: 1, unchanged: 0, slugs: [fresh, existing.slug] });
  });

  it("is all or nothing: when an account changed after the preview, nothing at all is imported", async () => {
    const admin = await createUser("admin");
    const existing = fields({ name: "Moving Co" });
    const { id } = await createAccount(asActor(admin), existing);
    const fresh = uniqueSlug("fresh");
    const text = [HEADER, `${fresh},Fresh Co,trial,saas,no,,,,,,,`, `${existing.slug},Moving Co,ultimate,saas,yes,,,,,,,`].join("\n");
    const preview = await previewImport({ format: "csv", text });
    expect(preview.counts).toMatchObject({ create: 1, update: 1 });

    // Another Admin edits the account between preview and apply.
    await updateAccount(asActor(admin), { ...existing, id, version: 1, name: "Moving Co (renamed)" });
    const logsBefore = await db().activityLog.count();
    await expect(applyImport(asActor(admin), { format: "csv", text, token: preview.token })).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/changed since your preview/) });
    expect(await db().account.count({ where: { slug: fresh } })).toBe(0);
    expect(await getAccount(id)).toMatchObject({ name: "Moving Co (renamed)", plan: "premium", version: 2 });
    expect(await db().activityLog.count()).toBe(logsBefore);
  });

  it("is all or nothing: a failure while writing a later row rolls back the accounts already written", async () => {
    const admin = await createUser("admin");
    const first = uniqueSlug("first");
    const second = uniqueSlug("second");
    const text = [HEADER, `${first},First,trial,saas,no,,,,${first},,,`, `${second},Second,trial,saas,no,,,,,,,`].join("\n");
    const preview = await previewImport({ format: "csv", text });
    expect(preview.counts).toMatchObject({ create: 2, error: 0 });
    // The database itself refuses the second account, after the first was written in the same transaction.
    await db().$executeRawUnsafe(`CREATE FUNCTION refuse_second() RETURNS trigger AS $$ BEGIN IF NEW.slug = '${second}' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`);
    await db().$executeRawUnsafe(`CREATE TRIGGER refuse_second BEFORE INSERT ON "Account" FOR EACH ROW EXECUTE FUNCTION refuse_second()`);
    const logsBefore = await db().activityLog.count();
    try {
      await expect(applyImport(asActor(admin), { format: "csv", text, token: preview.token })).rejects.toThrow(/refused for the test/);
    } finally {
      await db().$executeRawUnsafe(`DROP TRIGGER refuse_second ON "Account"`);
      await db().$executeRawUnsafe(`DROP FUNCTION refuse_second()`);
    }
    expect(await db().account.count({ where: { slug: { in: [first, second] } } })).toBe(0);
    expect(await db().ownedResource.count({ where: { pathLower: first } })).toBe(0);
    expect(await db().activityLog.count()).toBe(logsBefore);
  });

  it("a slug taken after the preview changes the plan, so the stale preview is refused", async () => {
    const admin = await createUser("admin");
    const fresh = uniqueSlug("fresh");
    const text = [HEADER, `${fresh},Fresh,trial,saas,no,,,,,,,`].join("\n");
    const preview = await previewImport({ format: "csv", text });
    await db().account.create({ data: { name: "Squatter", slug: fresh, plan: "free", deployment: "saas", paying: false } });
    await expect(applyImport(asActor(admin), { format: "csv", text, token: preview.token })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await getAccount((await db().account.findUniqueOrThrow({ where: { slug: fresh } })).id)).toMatchObject({ name: "Squatter", plan: "free" });
  });

  it("a token from another text is refused", async () => {
    const admin = await createUser("admin");
    const a = [HEADER, `${uniqueSlug("a")},A,trial,saas,no,,,,,,,`].join("\n");
    const b = [HEADER, `${uniqueSlug("b")},B,trial,saas,no,,,,,,,`].join("\n");
    const preview = await previewImport({ format: "csv", text: a });
    await expect(applyImport(asActor(admin), { format: "csv", text: b, token: preview.token })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a row with other errors still names its unknown CSM emails, so every problem shows at once", async () => {
    const text = [HEADER, `${uniqueSlug("x")},X,gold,saas,yes,,,,,,,ghost@nowhere.example`].join("\n");
    const preview = await previewImport({ format: "csv", text });
    expect(preview.rows[0]!.errors.map((e) => e.field)).toEqual(["plan", "csm_emails"]);
  });

  it("file errors are returned, not thrown", async () => {
    const preview = await previewImport({ format: "json", text: "{not json" });
    expect(preview.fileErrors[0]).toMatch(/JSON could not be read/);
    expect(preview.rows).toEqual([]);
  });
});
