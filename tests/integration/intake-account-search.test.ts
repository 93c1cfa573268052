import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { INTAKE_ACCOUNT_MATCHES, INTAKE_ACCOUNTS_LISTED, intakeChoices, searchIntakeAccounts } from "@/lib/cases/queries";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/factories";

useTestDatabase();

// The intake form's accounts past INTAKE_ACCOUNTS_LISTED: the page sends none of the list, the form
// searches them (GET /api/accounts/search), and both stay within what the user may open cases for.
describe("the intake form's account choices at many accounts", () => {
  let support: SessionUser, csm: SessionUser, sirt: SessionUser;
  const id: Record<string, string> = {};
  const MANY = INTAKE_ACCOUNTS_LISTED + 30;

  beforeAll(async () => {
    [support, csm, sirt] = (await Promise.all((["support", "csm", "sirt"] as const).map((r) => createUser(r)))) as SessionUser[];
    const name = (i: number) => `Zeta ${String(i).padStart(3, "0")}`;
    // Created out of name order, so the order the reads give is theirs, not the insert's.
    const order = Array.from({ length: MANY }, (_, i) => (i * 37) % MANY);
    await db().account.createMany({
      data: order.map((i) => ({ name: name(i), slug: `zeta-${String(i).padStart(3, "0")}`, plan: "premium", deployment: i % 2 ? "saas" : "self_managed", paying: true })),
    });
    for (const [key, data] of [
      ["percent", { name: "Percent 100% Co", slug: "pct-co" }],
      ["underscore", { name: "Under Score Ltd", slug: "under_score" }],
      ["plain", { name: "Underscored Not", slug: "underscored-not" }],
    ] as const) {
      id[key] = (await db().account.create({ data: { ...data, plan: "trial", deployment: "saas", paying: false }, select: { id: true } })).id;
    }
    const zeta = await db().account.findMany({ where: { slug: { in: ["zeta-005", "zeta-150"] } }, select: { id: true, slug: true } });
    for (const a of zeta) id[a.slug] = a.id;
    await db().accountManager.createMany({ data: [id["zeta-005"]!, id.percent!].map((accountId) => ({ accountId, userId: csm.id })) });
  });

  it("Support past the limit: no list, and the preset account named on its own", async () => {
    const choices = await intakeChoices(support, [], id["zeta-150"]);
    expect(choices.accounts).toBeNull();
    expect(choices.chosen).toEqual({ id: id["zeta-150"], name: "Zeta 150", slug: "zeta-150", plan: "premium", deployment: "self_managed" });
    expect((await intakeChoices(support, [], "00000000-0000-4000-8000-000000000000")).chosen).toBeNull();
    expect((await intakeChoices(support)).chosen).toBeNull();
  });

  it("a CSM under the limit gets its own accounts listed by name, and no preset it does not manage", async () => {
    const choices = await intakeChoices(csm, [], id["zeta-150"]);
    expect(choices.accounts?.map((a) => a.name)).toEqual(["Percent 100% Co", "Zeta 005"]);
    expect(choices.chosen).toBeNull();
    expect((await intakeChoices(csm, [], id.percent)).chosen?.slug).toBe("pct-co");
  });

  it("SIRT chooses no account: an empty list", async () => {
    expect(await intakeChoices(sirt, [], id.percent)).toMatchObject({ accounts: [], chosen: null });
  });

  it("a search matches name or slug in any case, by name, 20 at a time, and says when there are more", async () => {
    const first = await searchIntakeAccounts(support, "");
    expect(first.accounts).toHaveLength(INTAKE_ACCOUNT_MATCHES);
    expect(first.more).toBe(true);
    expect(first.accounts.map((a) => a.name)).toEqual([...first.accounts.map((a) => a.name)].sort());
    expect(first.accounts[0]!.name).toBe("Percent 100% Co");

    const tens = await searchIntakeAccounts(support, "  zeta 01 ");
    expect(tens.accounts.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Zeta 01${i}`));
    expect(tens.more).toBe(false);
    expect((await searchIntakeAccounts(support, "ZETA-149")).accounts.map((a) => a.slug)).toEqual(["zeta-149"]);
    expect((await searchIntakeAccounts(support, "no such account")).accounts).toEqual([]);
  });

  it("% and _ are literal characters, not wildcards", async () => {
    expect((await searchIntakeAccounts(support, "%")).accounts.map((a) => a.id)).toEqual([id.percent]);
    expect((await searchIntakeAccounts(support, "_")).accounts.map((a) => a.id)).toEqual([id.underscore]);
    expect((await searchIntakeAccounts(support, "under_s")).accounts.map((a) => a.id)).toEqual([id.underscore]);
  });

  it("a CSM finds only the accounts it manages; SIRT may not search", async () => {
    expect((await searchIntakeAccounts(csm, "zeta")).accounts.map((a) => a.slug)).toEqual(["zeta-005"]);
    expect((await searchIntakeAccounts(csm, "")).accounts.map((a) => a.slug)).toEqual(["pct-co", "zeta-005"]);
    await expect(searchIntakeAccounts(sirt, "zeta")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
