import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { decideArtefact } from "@/lib/artefacts/decide-artefact";
import { REDACT_JOB, runRedactionJob } from "@/lib/artefacts/job";
import { redactAgainWithNewSettings } from "@/lib/artefacts/redact-again-with-new-settings";
import { uploadArtefact } from "@/lib/artefacts/upload-artefact";
import { readRedactedLines } from "@/lib/artefacts/read-redacted";
import type { SessionUser } from "@/lib/auth/session";
import { localBlobStore, type BlobStore } from "@/lib/blobstore";
import { db } from "@/lib/db";
import { seedDemoSettings } from "@/lib/demo/seed";
import { DEMO_REDACTION_SETTINGS } from "@/lib/demo/data";
import { AppError } from "@/lib/errors";
import { factsFromAccount } from "@/lib/evaluation/facts";
import { loadPolicyOverride } from "@/lib/evaluation/policy";
import { evaluateForAccount } from "@/lib/evaluation/service";
import { artefactSettingsState, releaseSettingsWarnings } from "@/lib/settings/artefact-settings";
import { loadCasePage } from "@/lib/cases/case-page";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { acceptHostProposal, declineHostProposal, listOpenHostProposals } from "@/lib/settings/decide-host-proposal";
import { ensureSettings } from "@/lib/settings/ensure-settings";
import { previewPolicyChange, type PolicyPreview, type PreviewRow } from "@/lib/settings/preview-policy-change";
import { hostProposalStatusesForArtefact, listHostProposalsForArtefact, proposeInternalHost } from "@/lib/settings/propose-host";
import { settingsHistory, settingsOf } from "@/lib/settings/queries";
import { describeChange, diffSettings, proposalCovering, type PolicyValues } from "@/lib/settings/rules";
import { saveSettings } from "@/lib/settings/save-settings";
import { evaluateRequest, type ResourceRef } from "@/lib/workflow";
import { useTestDatabase } from "../support/db";
import { createUser, tickedChecklist } from "../support/factories";

useTestDatabase();

const DEFAULTS: PolicyValues = { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5, retentionDays: 90 };
let admin: SessionUser, admin2: SessionUser, support: SessionUser, csm: SessionUser, sirt: SessionUser, legal: SessionUser;

/** The AppError a call rejects with (or a failure). */
async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

async function current() {
  return getCurrentSettings();
}

async function save(by: SessionUser, change: Partial<{ internalHosts: string[]; productHosts: string[]; policy: PolicyValues; note: string; baseVersion: number }>) {
  const c = await current();
  return saveSettings(by, { baseVersion: c.version, internalHosts: c.internalHosts, productHosts: c.productHosts, policy: c.policy, note: "A change for the test", ...change });
}

beforeAll(async () => {
  [admin, admin2, support, csm, sirt, legal] = (await Promise.all((["admin", "admin", "support", "csm", "sirt", "legal"] as const).map((r) => createUser(r)))) as SessionUser[];
});

describe("version 1", () => {
  it("is written once from the environment and the old policy setting, by the system, and logged", async () => {
    await db().settingsVersion.deleteMany({});
    await db().setting.upsert({ where: { key: "policy" }, create: { key: "policy", value: { maxResources: 30, standardWindowDays: 99 } }, update: {} });
    try {
      const v1 = await ensureSettings(db(), { internalHosts: [" .Internal", ".corp", ".corp"], productHosts: ["GitLab.example.com"] });
      expect(v1).toMatchObject({
        version: 1,
        createdById: null,
        internalHosts: [".internal", ".corp"],
        productHosts: ["gitlab.example.com"],
        // maxResources carried over; 99 days is out of range and stays at the default.
        policy: { ...DEFAULTS, maxResources: 30 },
      });
      const again = await ensureSettings(db(), { internalHosts: [".other"], productHosts: [] });
      expect(again.version).toBe(1);
      expect(await db().settingsVersion.count()).toBe(1);
      const log = await db().activityLog.findFirstOrThrow({ where: { action: "settings.firstDefaults" }, orderBy: { id: "desc" } });
      expect(log).toMatchObject({ actorId: null, actorRole: "system", entityType: "SettingsVersion", entityId: "1", meta: { legacyPolicy: true, ignored: ["standardWindowDays"] } });
    } finally {
      await db().setting.delete({ where: { key: "policy" } });
      await db().settingsVersion.deleteMany({});
    }
    // The seed's (and the start's) defaults: INTERNAL_HOST_SUFFIXES unset in tests.
    const fromEnv = await current();
    expect(fromEnv).toMatchObject({ version: 1, internalHosts: [".internal", ".corp", ".local"], productHosts: [], policy: DEFAULTS });
  });

  it("the demo seed then saves the demo defaults as the next version, once", async () => {
    await seedDemoSettings(db());
    await seedDemoSettings(db());
    const c = await current();
    expect(c).toMatchObject({ version: 2, createdById: null, internalHosts: DEMO_REDACTION_SETTINGS.internalHosts, productHosts: DEMO_REDACTION_SETTINGS.productHosts, policy: DEFAULTS });
    expect(c.note).toMatch(/Demo defaults/);
  });

  it("seeding the demo again keeps the Admin's hosts: the demo's are added where missing, in one version, and only when something is", async () => {
    const before = await current();
    const mine = { internalHosts: [".internal", ".mine.example"], productHosts: ["gitlab.mine.test"] }; // .corp, .local, .corp.example and gitlab.example.com removed
    await save(admin, { ...mine, note: "Our own hosts" });
    await seedDemoSettings(db());
    const merged = await current();
    expect(merged).toMatchObject({
      version: before.version + 2,
      createdById: null,
      internalHosts: [".internal", ".mine.example", ".corp", ".local", ".corp.example"],
      productHosts: ["gitlab.mine.test", "gitlab.example.com"],
      policy: before.policy,
    });
    expect(describeChange(diffSettings(await db().settingsVersion.findUniqueOrThrow({ where: { version: before.version + 1 } }).then(settingsOf), merged))).toEqual([
      "Internal host suffixes: added .corp, .local, .corp.example",
      "Product hosts: added gitlab.example.com",
    ]);
    await seedDemoSettings(db());
    expect((await current()).version).toBe(merged.version);
  });
});

describe("saving settings", () => {
  it("writes a new version on top of the one edited, with the activity log (before and after)", async () => {
    const before = await current();
    const saved = await save(admin, { internalHosts: [...before.internalHosts, ".dc2.example"], policy: { ...DEFAULTS, maxResources: 25 }, note: "New data centre" });
    expect(saved).toEqual({ version: before.version + 1, changes: ["Internal host suffixes: added .dc2.example", "Most resources: 20 → 25 resources"] });
    const row = await db().settingsVersion.findUniqueOrThrow({ where: { version: saved.version } });
    expect(row).toMatchObject({ createdById: admin.id, note: "New data centre", policy: { ...DEFAULTS, maxResources: 25 } });
    const log = await db().activityLog.findFirstOrThrow({ where: { action: "settings.save", entityId: String(saved.version) } });
    expect(log).toMatchObject({
      actorId: admin.id,
      actorRole: "admin",
      before: { version: before.version, internalHosts: before.internalHosts, policy: { maxResources: 20 } },
      after: { version: saved.version, internalHosts: [...before.internalHosts, ".dc2.example"], policy: { maxResources: 25 } },
      meta: { note: "New data centre" },
    });
    const history = await settingsHistory(db());
    expect(history.rows[0]).toMatchObject({ version: saved.version, by: admin.name, note: "New data centre", change: { internalHosts: { added: [".dc2.example"], removed: [] } } });
    expect(history.rows.at(-1)).toMatchObject({ version: 1, by: null, isFirst: true });
  });

  it("refuses a stale form with a clear conflict, and writes nothing", async () => {
    const base = await current();
    await save(admin2, { productHosts: ["gitlab.example.com", "registry.example.com"], note: "Registry" });
    const logs = await db().activityLog.count();
    const err = await rejection(saveSettings(admin, { baseVersion: base.version, internalHosts: base.internalHosts, productHosts: [], policy: base.policy, note: "Mine" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(new RegExp(`version ${base.version + 1} was saved by ${admin2.name} .* after the version ${base.version} you loaded.*nothing was saved`));
    expect((await current()).version).toBe(base.version + 1);
    expect(await db().activityLog.count()).toBe(logs);
  });

  it.each([
    ["an empty suffix", { internalHosts: [".internal", " "] }, "internalHosts.1"],
    ["a scheme", { internalHosts: ["https://corp.example"] }, "internalHosts.0"],
    ["a port", { internalHosts: [".internal", "corp.example:8443"] }, "internalHosts.1"],
    ["spaces", { productHosts: ["gitlab example.com"] }, "productHosts.0"],
    ["a window of 13 months", { policy: { ...DEFAULTS, maxWindowMonths: 13 } }, "policy.maxWindowMonths"],
    ["Support's maximum over the maximum", { policy: { ...DEFAULTS, maxResources: 4 } }, "policy.supportMaxResources"],
    ["no note", { note: "" }, "note"],
  ])("refuses %s beside the field and saves nothing", async (_what, change, field) => {
    const before = await current();
    const logs = await db().activityLog.count();
    const err = await rejection(save(admin, change));
    expect(err.code).toBe("VALIDATION");
    expect(Object.keys(err.fieldErrors ?? {})).toContain(field);
    expect((await current()).version).toBe(before.version);
    expect(await db().activityLog.count()).toBe(logs);
  });

  it("refuses a save that changes nothing", async () => {
    const err = await rejection(save(admin, {}));
    expect(err).toMatchObject({ code: "VALIDATION", fieldErrors: { _form: [expect.stringMatching(/Nothing changed/)] } });
  });

  it.each([["support"], ["csm"], ["sirt"], ["legal"]] as const)("refuses %s at the service, before reading the input", async (role) => {
    const user = { support, csm, sirt, legal }[role];
    const before = await current();
    expect((await rejection(save(user, { note: "Not mine to change", policy: { ...DEFAULTS, maxResources: 99 } }))).code).toBe("FORBIDDEN");
    expect((await rejection(saveSettings(user, { nonsense: true }))).code).toBe("FORBIDDEN");
    expect((await rejection(previewPolicyChange(user, { policy: DEFAULTS }))).code).toBe("FORBIDDEN");
    expect((await rejection(listOpenHostProposals(user))).code).toBe("FORBIDDEN");
    expect((await current()).version).toBe(before.version);
  });
});

describe("evaluation reads the policy values in force", () => {
  it("uses a saved version for the next evaluation", async () => {
    const account = await db().account.create({
      data: { slug: `eval-${Date.now()}`, name: "Eval", plan: "premium", deployment: "saas", paying: true, resources: { create: [{ kind: "group", path: "ev", pathLower: "ev" }] } },
      select: { slug: true },
    });
    const now = Date.now();
    const input = {
      account: account.slug,
      resources: [1, 2, 3].map((i) => ({ kind: "project" as const, path: `ev/p${i}` })),
      eventTypes: ["user_login"],
      logSources: ["application" as const],
      window: { from: new Date(now - 2 * 86_400_000), to: new Date(now - 3_600_000) },
      personalData: false,
    };
    await save(admin, { policy: { ...DEFAULTS, maxResources: 24, supportMaxResources: 5 }, note: "Support takes up to five" });
    expect((await evaluateForAccount({ kind: "system" }, input)).decision).toMatchObject({ outcome: "eligible", route: "support" });
    await save(admin, { policy: { ...DEFAULTS, maxResources: 25, supportMaxResources: 2 }, note: "Support takes up to two" });
    expect(await loadPolicyOverride()).toMatchObject({ supportMaxResources: 2, maxResources: 25 });
    const { decision } = await evaluateForAccount({ kind: "system" }, input);
    expect(decision).toMatchObject({ outcome: "eligible", route: "sirt" });
    expect(decision.policyVersion).toBe("rules-1:window=1mo,standard=7d,resources=25,events=10,support=2,waived=none");
    await save(admin, { policy: DEFAULTS, note: "Back to the process document's values" });
  });
});

describe("the preview of a policy change", () => {
  let accountId: string;
  const OWNED = [{ kind: "group" as const, path: "pv", email: null }];
  const REQ = new Date("2026-03-31T10:00:00Z");
  const day = 86_400_000;

  interface Crafted {
    name: string;
    status?: string;
    resources?: ResourceRef[];
    eventTypes?: string[];
    logSources?: ("application" | "component" | "access")[];
    from: Date;
    to?: Date;
    personalData?: boolean;
    requestedAt?: Date;
  }

  const res = (n: number, prefix = "pv/p") => Array.from({ length: n }, (_, i) => ({ kind: "project" as const, path: `${prefix}${i}` }));

  /** A submitted case with these facts and the outcome lib/workflow gives them under `policy`. */
  async function craft(c: Crafted, policy: PolicyValues = DEFAULTS) {
    const requestedAt = c.requestedAt ?? REQ;
    const scope = { resources: c.resources ?? res(1), eventTypes: c.eventTypes ?? ["user_login"], logSources: c.logSources ?? ["application"], window: { from: c.from, to: c.to ?? new Date(requestedAt.getTime() - 3_600_000) }, personalData: c.personalData ?? false };
    const facts = factsFromAccount({ plan: "premium", deployment: "saas", paying: true, supportPlan: "current", resources: OWNED }, scope, requestedAt);
    const d = evaluateRequest(facts, policy);
    const row = await db().case.create({
      data: {
        accountId,
        authorId: support.id,
        reference: `IR-PV-${c.name}`,
        status: (c.status ?? (d.outcome === "eligible" ? "accepted" : d.outcome)) as "accepted",
        team: d.route,
        outcome: d.outcome,
        requestedAt,
        resources: scope.resources,
        eventTypes: scope.eventTypes,
        logSources: scope.logSources,
        windowFrom: scope.window.from,
        windowTo: scope.window.to,
        personalData: scope.personalData,
      },
      select: { id: true },
    });
    return { id: row.id, facts };
  }

  async function allRows(policy: PolicyValues): Promise<{ first: PolicyPreview; rows: PreviewRow[] }> {
    const first = await previewPolicyChange(admin, { policy });
    const rows = [...first.rows];
    for (let page = 2; (page - 1) * first.pageSize < first.changed; page++) rows.push(...(await previewPolicyChange(admin, { policy, page })).rows);
    return { first, rows };
  }

  beforeAll(async () => {
    await db().case.deleteMany({});
    const a = await db().account.create({ data: { slug: `pv-${Date.now()}`, name: "Preview Co", plan: "premium", deployment: "saas", paying: true, resources: { create: [{ kind: "group", path: "pv", pathLower: "pv" }] } }, select: { id: true } });
    accountId = a.id;
    expect((await current()).policy).toEqual(DEFAULTS);
  });

  it("lists the cases whose outcome or route changes, and leaves the rest out", async () => {
    const routeChange = await craft({ name: "route", resources: res(4), from: new Date(REQ.getTime() - 2 * day) }); // eligible, Support
    const outcomeChange = await craft({ name: "outcome", resources: res(25), from: new Date(REQ.getTime() - 2 * day) }); // re-scope: 25 > 20
    await craft({ name: "same", resources: res(1), from: new Date(REQ.getTime() - 2 * day) });
    // 31 March minus one month is 28 February (2026 is no leap year): exactly on the bound passes.
    await craft({ name: "monthend", from: new Date("2026-02-28T10:00:00Z") });
    const tooOld = await craft({ name: "tooold", from: new Date("2026-02-28T10:00:00Z") });
    await db().case.update({ where: { id: tooOld.id }, data: { windowFrom: new Date("2026-02-28T09:59:59.999Z") } }); // the stored scope a later change left
    // Counted once each, as the evaluation counts them: 3 resources, not 6.
    const dup = await craft({ name: "dup", resources: [...res(3), ...res(3).map((r) => ({ ...r, path: r.path.toUpperCase() }))], from: new Date(REQ.getTime() - 2 * day) });
    expect(dup.facts.resources).toHaveLength(3);
    // Closed and draft cases are not open; a case in Legal's review is ineligible on its plan whatever the policy.
    await craft({ name: "closed", status: "closed", resources: res(4), from: new Date(REQ.getTime() - 2 * day) });
    await craft({ name: "draft", status: "draft", resources: res(4), from: new Date(REQ.getTime() - 2 * day) });

    const next = { ...DEFAULTS, maxResources: 30, supportMaxResources: 3 };
    const { first, rows } = await allRows(next);
    expect(first.baseVersion).toBe((await current()).version);
    expect(first.evaluated).toBe(6);
    const byRef = Object.fromEntries(rows.map((r) => [r.reference, r]));
    expect(Object.keys(byRef).sort()).toEqual(["IR-PV-outcome", "IR-PV-route"]);
    expect(byRef["IR-PV-route"]).toMatchObject({ caseId: routeChange.id, account: "Preview Co", current: { outcome: "eligible", route: "support" }, next: { outcome: "eligible", route: "sirt" } });
    expect(byRef["IR-PV-outcome"]).toMatchObject({ caseId: outcomeChange.id, current: { outcome: "rescope", route: null }, next: { outcome: "eligible", route: "sirt" } });
    expect(first.byKind).toEqual(expect.arrayContaining([{ from: { outcome: "eligible", route: "support" }, to: { outcome: "eligible", route: "sirt" }, count: 1 }]));

    // One millisecond past the bound: ineligible with one month, eligible with two.
    const twoMonths = await previewPolicyChange(admin, { policy: { ...DEFAULTS, maxWindowMonths: 2 } });
    expect(twoMonths.rows.map((r) => [r.reference, r.current.outcome, r.next.outcome])).toEqual([["IR-PV-tooold", "ineligible", "eligible"]]);

    // The same values as in force: nothing moves.
    expect((await previewPolicyChange(admin, { policy: DEFAULTS })).changed).toBe(0);
    // Nothing was written.
    expect(await db().case.count({ where: { reference: { startsWith: "IR-PV-" } } })).toBe(8);
  });

  it("shows what a case holds beside what the values in force give: a case evaluated under older values says so", async () => {
    // Eligible for Support under the values in force (4 resources, Support's maximum 5), but stored
    // as SIRT's: it was last evaluated under a version whose Support maximum was 3.
    const { id } = await craft({ name: "older", resources: res(4), from: new Date(REQ.getTime() - 2 * day) });
    await db().case.update({ where: { id }, data: { team: "sirt" } });
    const versions = await db().settingsVersion.findMany({ orderBy: { version: "asc" }, select: { version: true, createdAt: true } });
    const latest = versions.at(-1)!;
    const older = versions.filter((v) => v.createdAt < latest.createdAt).at(-1)!;
    await db().caseDecision.create({
      data: { caseId: id, outcome: "eligible", route: "sirt", extended: false, checks: [], policyVersion: "rules-1:support=3", policy: {}, facts: {}, reason: "submit", evaluatedAt: older.createdAt },
    });
    const next = { ...DEFAULTS, supportMaxResources: 3 };
    const { rows } = await allRows(next);
    const row = rows.find((r) => r.caseId === id)!;
    // "Would move" is still in force -> draft ...
    expect(row).toMatchObject({ current: { outcome: "eligible", route: "support" }, next: { outcome: "eligible", route: "sirt" } });
    // ... and the row also says what the case holds, and under which version it was evaluated.
    expect(row).toMatchObject({ stored: { outcome: "eligible", route: "sirt" }, storedUnder: older.version, storedDiffers: true });
    // A case that holds what the values in force give says nothing more.
    const same = rows.find((r) => r.reference === "IR-PV-route")!;
    expect(same).toMatchObject({ stored: { outcome: "eligible", route: "support" }, storedUnder: null, storedDiffers: false });
    await db().case.delete({ where: { id } });
  });

  it("agrees with lib/workflow on many cases, page by page", async () => {
    await db().case.deleteMany({});
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const expected = new Map<string, { cur: string; nxt: string }>();
    const next: PolicyValues = { maxWindowMonths: 2, standardWindowDays: 3, maxResources: 12, maxEventTypes: 4, supportMaxResources: 2, retentionDays: 90 };
    const key = (d: { outcome: string; route: string | null }) => `${d.outcome}:${d.route ?? ""}`;
    for (let i = 0; i < 150; i++) {
      const requestedAt = new Date(Date.UTC(2026, rnd(12), 1 + rnd(31), rnd(24)));
      const from = new Date(requestedAt.getTime() - rnd(70) * day - rnd(24) * 3_600_000);
      const c = await craft({
        name: `r${i}`,
        requestedAt,
        from,
        to: new Date(Math.min(requestedAt.getTime(), from.getTime() + rnd(5) * day)),
        resources: res(1 + rnd(24)),
        eventTypes: Array.from({ length: 1 + rnd(12) }, (_, k) => `e${k}`),
        logSources: rnd(10) === 0 ? ["access"] : ["application"],
        personalData: rnd(4) === 0,
      });
      const cur = evaluateRequest(c.facts, DEFAULTS);
      if (cur.outcome === "ineligible") continue; // stored as ineligible: closed with its reasons
      const nxt = evaluateRequest(c.facts, next);
      if (key(cur) !== key(nxt)) expected.set(`IR-PV-r${i}`, { cur: key(cur), nxt: key(nxt) });
    }
    expect(expected.size).toBeGreaterThan(25); // more than a page
    const { first, rows } = await allRows(next);
    expect(first.changed).toBe(expected.size);
    expect(new Set(rows.map((r) => r.caseId)).size).toBe(rows.length);
    expect(Object.fromEntries(rows.map((r) => [r.reference, { cur: key(r.current), nxt: key(r.next) }]))).toEqual(Object.fromEntries(expected));
    // Each was stored as lib/workflow decided it under the values in force: nothing else to say.
    expect(rows.filter((r) => r.storedDiffers)).toEqual([]);
  });
});

describe("host proposals", () => {
  let sirtArtefact: string, supportArtefact: string, sirtCase: string;

  async function artefactOn(team: "sirt" | "support", artefactReview = false) {
    const account = await db().account.create({ data: { slug: `hp-${team}-${Date.now()}-${Math.random()}`, name: "HP", plan: "premium", deployment: "saas", paying: true }, select: { id: true } });
    const c = await db().case.create({
      data: { accountId: account.id, authorId: support.id, team, status: "artefacts_in_review", artefactReview, reference: `IR-HP-${Math.random()}`, requestedAt: new Date() },
      select: { id: true },
    });
    const a = await db().artefact.create({
      data: { caseId: c.id, uploadedById: sirt.id, filename: "x.ndjson", contentType: "application/x-ndjson", status: "in_review", format: "ndjson", rawSha256: `${Math.random()}` },
      select: { id: true },
    });
    return { caseId: c.id, artefactId: a.id };
  }

  beforeAll(async () => {
    const s = await artefactOn("sirt");
    sirtArtefact = s.artefactId;
    sirtCase = s.caseId;
    supportArtefact = (await artefactOn("support")).artefactId;
  });

  it("SIRT proposes a host from an artefact it may see; logged", async () => {
    const r = await proposeInternalHost(sirt, { artefactId: sirtArtefact, host: " Build7.CI.Example ", reason: "Our CI runners" });
    expect(r).toMatchObject({ host: "build7.ci.example", status: "open" });
    expect(await db().activityLog.count({ where: { action: "hostProposal.create", entityId: r.id, caseId: sirtCase, actorId: sirt.id } })).toBe(1);
    expect(await hostProposalStatusesForArtefact(sirt, sirtArtefact)).toEqual({ "build7.ci.example": "open" });
  });

  it("refuses a duplicate open proposal for the same host with a message", async () => {
    const err = await rejection(proposeInternalHost(sirt, { artefactId: sirtArtefact, host: "build7.ci.example" }));
    expect(err.code).toBe("CONFLICT");
    expect(err.message).toMatch(/already proposed by .* Admin has not decided yet/);
  });

  it("refuses a host the settings in force already cover, and one that is not a host", async () => {
    expect((await rejection(proposeInternalHost(sirt, { artefactId: sirtArtefact, host: "db9.internal" }))).message).toMatch(/already treated as internal \(suffix “\.internal”/);
    const bad = await rejection(proposeInternalHost(sirt, { artefactId: sirtArtefact, host: "https://x.example:8443" }));
    expect(bad).toMatchObject({ code: "VALIDATION", fieldErrors: { host: [expect.stringMatching(/without a scheme/)] } });
  });

  it("refuses a single word and a host that would cover a product host, on proposing and on accepting", async () => {
    const { artefactId: sirtArtefact } = await artefactOn("sirt");
    const word = await rejection(proposeInternalHost(sirt, { artefactId: sirtArtefact, host: "internal" }));
    expect(word).toMatchObject({ code: "VALIDATION", fieldErrors: { host: [expect.stringMatching(/single word: .* Write “\.internal”/)] } });
    await save(admin, { productHosts: ["gitlab.hp.example"], note: "The product's front end" });
    const product = await rejection(proposeInternalHost(sirt, { artefactId: sirtArtefact, host: ".hp.example" }));
    expect(product).toMatchObject({ code: "VALIDATION", message: expect.stringMatching(/“\.hp\.example” covers the product host gitlab\.hp\.example/), fieldErrors: { host: [expect.stringMatching(/gitlab\.hp\.example/)] } });
    expect(await db().hostProposal.count({ where: { host: { in: ["internal", ".hp.example"] } } })).toBe(0);

    // Proposed while it covered nothing; the product host added since makes accepting it wrong.
    const { id } = await proposeInternalHost(sirt, { artefactId: sirtArtefact, host: ".ci2.example" });
    await save(admin, { productHosts: ["gitlab.hp.example", "git.ci2.example"], note: "A second front end" });
    const before = await current();
    const refused = await rejection(acceptHostProposal(admin, { proposalId: id, note: "Treat .ci2.example as internal" }));
    expect(refused).toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/covers the product host git\.ci2\.example.*decline it with the reason.*Nothing was saved\./) });
    expect((await current()).version).toBe(before.version);
    expect(await db().hostProposal.findUniqueOrThrow({ where: { id }, select: { status: true } })).toEqual({ status: "open" });
    await declineHostProposal(admin, { proposalId: id, reason: "Covers our second front end, git.ci2.example" });
  });

  it("is SIRT's alone, and a case SIRT may not see is not found (cross-team ids)", async () => {
    for (const user of [support, csm, legal, admin]) expect((await rejection(proposeInternalHost(user, { artefactId: sirtArtefact, host: "a.example" }))).code).toBe("FORBIDDEN");
    // A Support case with no artefact in review is not SIRT's to see.
    expect((await rejection(proposeInternalHost(sirt, { artefactId: supportArtefact, host: "a.example" }))).code).toBe("NOT_FOUND");
    expect((await rejection(proposeInternalHost(sirt, { artefactId: "00000000-0000-4000-8000-000000000000", host: "a.example" }))).code).toBe("NOT_FOUND");
    expect((await rejection(listHostProposalsForArtefact(csm, sirtArtefact))).code).toBe("NOT_FOUND");
  });

  it("Admin accepts: the host joins the internal suffixes in a new version, and the proposal records it", async () => {
    const before = await current();
    const open = await listOpenHostProposals(admin);
    const p = open.rows.find((r) => r.host === "build7.ci.example")!;
    expect(p).toMatchObject({ proposedBy: sirt.name, reason: "Our CI runners", suggestedNote: expect.stringMatching(/^Treat build7\.ci\.example as internal/) });
    expect((await rejection(acceptHostProposal(sirt, { proposalId: p.id, note: p.suggestedNote }))).code).toBe("FORBIDDEN");
    const r = await acceptHostProposal(admin, { proposalId: p.id, note: p.suggestedNote });
    expect(r).toEqual({ version: before.version + 1, created: true });
    const after = await current();
    expect(after.internalHosts).toEqual([...before.internalHosts, "build7.ci.example"]);
    expect(after).toMatchObject({ createdById: admin.id, note: p.suggestedNote, policy: before.policy, productHosts: before.productHosts });
    expect(await listHostProposalsForArtefact(sirt, sirtArtefact)).toEqual([expect.objectContaining({ host: "build7.ci.example", status: "accepted", settingsVersion: after.version, decidedBy: admin.name })]);
    expect(await db().activityLog.count({ where: { action: "hostProposal.accept", entityId: p.id } })).toBe(1);
    expect(await db().activityLog.count({ where: { action: "settings.save", entityId: String(after.version), meta: { path: ["hostProposalId"], equals: p.id } } })).toBe(1);
    expect((await rejection(acceptHostProposal(admin, { proposalId: p.id, note: "again" }))).message).toMatch(/already accepted/);
  });

  it("accepting tells the proposer through the outbox, in the decision's transaction, with a link to the artefact page", async () => {
    const p = (await db().hostProposal.findFirstOrThrow({ where: { host: "build7.ci.example" }, select: { id: true, settingsVersion: true } }))!;
    const messages = await db().outboxMessage.findMany({ where: { dedupeKey: `hostProposal.decided:${p.id}` } });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ kind: "hostProposal.accepted", toAddress: sirt.email, caseId: sirtCase, subject: expect.stringMatching(/^IR-HP-.*: “build7\.ci\.example” is now treated as internal$/) });
    expect(messages[0]!.body).toContain(`${admin.name} (Admin) accepted your proposal to treat “build7.ci.example” as internal: it joined the internal host suffixes in settings version ${p.settingsVersion}.`);
    expect(messages[0]!.body).toContain(`The case's team can now redact “x.ndjson” on `);
    expect(messages[0]!.body).toMatch(/again with the new settings/);
    expect(messages[0]!.body).toContain(`/cases/${sirtCase}/artefacts/${sirtArtefact}`);
    // Delivered by the outbox's job, like every notification.
    expect(await db().job.count({ where: { kind: "outbox.deliver", dedupeKey: `outbox:${messages[0]!.id}` } })).toBe(1);
  });

  it("Admin declines with a reason; nothing else changes", async () => {
    const { id } = await proposeInternalHost(sirt, { artefactId: sirtArtefact, host: "cdn.partner.example" });
    const before = await current();
    expect((await rejection(declineHostProposal(admin, { proposalId: id, reason: "" }))).fieldErrors).toHaveProperty("reason");
    expect(await declineHostProposal(admin, { proposalId: id, reason: "A partner's CDN, not ours" })).toEqual({ status: "declined" });
    expect((await current()).version).toBe(before.version);
    expect((await listHostProposalsForArtefact(sirt, sirtArtefact))[0]).toMatchObject({ host: "cdn.partner.example", status: "declined", decisionNote: "A partner's CDN, not ours" });
    expect(await db().activityLog.count({ where: { action: "hostProposal.decline", entityId: id } })).toBe(1);
    // The proposer is told, with Admin's reason and a way back to the residue.
    const [message] = await db().outboxMessage.findMany({ where: { dedupeKey: `hostProposal.decided:${id}` } });
    expect(message).toMatchObject({ kind: "hostProposal.declined", toAddress: sirt.email, caseId: sirtCase, subject: expect.stringMatching(/: “cdn\.partner\.example” was not added to the internal hosts$/) });
    expect(message!.body).toContain(`${admin.name} (Admin) declined your proposal to treat “cdn.partner.example” as internal; the settings did not change.\nReason: A partner's CDN, not ours\n`);
    expect(message!.body).toContain("Propose again…");
    expect(message!.body).toContain(`/cases/${sirtCase}/artefacts/${sirtArtefact}`);
    // Declined, so it may be proposed again; the residue row then shows the new, open proposal.
    await proposeInternalHost(sirt, { artefactId: sirtArtefact, host: "cdn.partner.example", reason: "Turns out it is ours" });
    const listed = await listHostProposalsForArtefact(sirt, sirtArtefact);
    expect(listed.filter((p) => p.host === "cdn.partner.example").map((p) => p.status)).toEqual(["open", "declined"]);
    expect(proposalCovering("edge1.partner.example", listed)).toBeUndefined();
    expect(proposalCovering("cdn.partner.example", listed)).toMatchObject({ status: "open", reason: "Turns out it is ours" });
  });

  it("a refused decision tells nobody (the notification is in the decision's transaction)", async () => {
    const { id } = await proposeInternalHost(sirt, { artefactId: sirtArtefact, host: ".tx.example" });
    await db().hostProposal.update({ where: { id }, data: { host: "tx" } }); // a proposal made before the single-word rule
    expect((await rejection(acceptHostProposal(admin, { proposalId: id, note: "Treat tx as internal" }))).message).toMatch(/single word/);
    expect(await db().outboxMessage.count({ where: { dedupeKey: `hostProposal.decided:${id}` } })).toBe(0);
    await declineHostProposal(admin, { proposalId: id, reason: "A single word would redact it in ordinary text" });
    expect(await db().outboxMessage.count({ where: { dedupeKey: `hostProposal.decided:${id}` } })).toBe(1);
  });
});

describe("the redaction job and the settings", () => {
  let dir: string;
  let store: BlobStore;
  const LINE = (host: string) => `2026-11-10T10:00:00Z connect to ${host} failed`;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-settings-"));
    store = localBlobStore(dir);
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  async function redactQueued() {
    for (const job of await db().job.findMany({ where: { kind: REDACT_JOB, status: "queued" } })) {
      await runRedactionJob(db(), { id: job.id, payload: job.payload, attempts: 1, maxAttempts: 3 }, { store, limits: DEFAULT_LIMITS, progressEveryMs: 0 });
      await db().job.update({ where: { id: job.id }, data: { status: "done" } });
    }
  }

  it("uses the host lists in force, records the version, and the team redacts again once they change", async () => {
    const account = await db().account.create({ data: { slug: `job-${Date.now()}`, name: "Job Co", plan: "premium", deployment: "saas", paying: true, resources: { create: [{ kind: "group", path: "jobco", pathLower: "jobco" }] } }, select: { id: true } });
    const c = await db().case.create({
      data: { accountId: account.id, authorId: support.id, team: "sirt", status: "in_progress", ticks: tickedChecklist(support.id), reference: `IR-JOB-${Date.now()}`, requestedAt: new Date(), windowFrom: new Date("2026-11-01T00:00:00Z"), windowTo: new Date("2026-11-20T00:00:00Z"), resources: [{ kind: "group", path: "jobco" }] },
      select: { id: true },
    });
    const body = Buffer.from(`${LINE("db1.newdc.example")}\n${LINE("vault.internal")}\n`);
    const up = await uploadArtefact(sirt, { caseId: c.id, filename: "x.log", dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false }, (async function* () { yield body; })(), { store, limits: DEFAULT_LIMITS, maxUploadBytes: 1e6 });
    await redactQueued();
    const v = (await current()).version;
    let a = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    expect(a).toMatchObject({ status: "in_review", settingsVersion: v });
    let lines = await readRedactedLines(store, a.redactedBlobKey!, a.pageIndex as number[], 0, 10, DEFAULT_LIMITS);
    expect(lines.map((l) => l.text)).toEqual([LINE("db1.newdc.example"), LINE("[REDACTED:system]")]);
    expect(await artefactSettingsState(sirt, up.id)).toMatchObject({ usedVersion: v, currentVersion: v, hostsChanged: false, canRedactAgain: false });
    expect((await rejection(redactAgainWithNewSettings(sirt, { artefactId: up.id, version: a.version }))).message).toMatch(/already redacted with the settings in force/);

    // A policy-only change does not call for a new redaction, and the server refuses one.
    await save(admin, { policy: { ...DEFAULTS, maxEventTypes: 11 }, note: "Policy only" });
    expect(await artefactSettingsState(sirt, up.id)).toMatchObject({ usedVersion: v, currentVersion: v + 1, hostsChanged: false, canRedactAgain: false });
    const policyOnly = await rejection(redactAgainWithNewSettings(sirt, { artefactId: up.id, version: a.version }));
    expect(policyOnly).toMatchObject({
      code: "INVALID_STATE",
      message: `The settings in force (version ${v + 1}) have the same internal host suffixes and product hosts as version ${v}, which this artefact was redacted with: the newer versions changed only policy values. A new redaction would give the same file and void its decisions for nothing; nothing was changed.`,
    });
    expect(await db().artefact.findUniqueOrThrow({ where: { id: up.id }, select: { revision: true, status: true } })).toEqual({ revision: 1, status: "in_review" });

    await save(admin, { internalHosts: [...(await current()).internalHosts, ".newdc.example"], note: "New data centre hosts" });
    const state = await artefactSettingsState(sirt, up.id);
    expect(state).toMatchObject({ usedVersion: v, currentVersion: v + 2, hostsChanged: true, canRedactAgain: true, changes: ["Internal host suffixes: added .newdc.example"] });
    // Only the case's team: Legal sees the note, not the button.
    expect(await artefactSettingsState(legal, up.id)).toMatchObject({ hostsChanged: true, canRedactAgain: false });
    expect((await rejection(redactAgainWithNewSettings(legal, { artefactId: up.id, version: a.version }))).code).toBe("FORBIDDEN");

    const r = await redactAgainWithNewSettings(sirt, { artefactId: up.id, version: state.version });
    expect(r).toEqual({ revision: 2, settingsVersion: v + 2 });
    // A second request while it runs is refused with a message, also from the page loaded before.
    const second = await rejection(redactAgainWithNewSettings(sirt, { artefactId: up.id, version: state.version }));
    expect(second).toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/still running/) });
    expect(await db().job.count({ where: { kind: REDACT_JOB, status: "queued" } })).toBe(1);

    await redactQueued();
    a = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    expect(a).toMatchObject({ status: "in_review", revision: 2, settingsVersion: v + 2 });
    lines = await readRedactedLines(store, a.redactedBlobKey!, a.pageIndex as number[], 0, 10, DEFAULT_LIMITS);
    expect(lines.map((l) => l.text)).toEqual([LINE("[REDACTED:system]"), LINE("[REDACTED:system]")]);
    expect(await db().activityLog.count({ where: { action: "artefact.redactAgain", entityId: up.id, after: { path: ["settingsVersion"], equals: v + 2 } } })).toBe(1);
  });

  it("an approved artefact, not yet shared: the share form warns when newer settings changed the host lists, and the team may redact it again (voiding both approvals)", async () => {
    const account = await db().account.create({ data: { slug: `appr-${Date.now()}`, name: "Approved Co", plan: "premium", deployment: "saas", paying: true, resources: { create: [{ kind: "group", path: "apprco", pathLower: "apprco" }] } }, select: { id: true } });
    const c = await db().case.create({
      data: { accountId: account.id, authorId: support.id, team: "sirt", status: "in_progress", ticks: tickedChecklist(support.id), reference: `IR-APPR-${Date.now()}`, requestedAt: new Date(), windowFrom: new Date("2026-11-01T00:00:00Z"), windowTo: new Date("2026-11-20T00:00:00Z"), resources: [{ kind: "group", path: "apprco" }] },
      select: { id: true },
    });
    const body = Buffer.from(`${LINE("db1.apprdc.example")}\n${LINE("vault.internal")}\n`);
    const up = await uploadArtefact(sirt, { caseId: c.id, filename: "approved.log", dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false }, (async function* () { yield body; })(), { store, limits: DEFAULT_LIMITS, maxUploadBytes: 1e6 });
    await redactQueued();
    const approve = async (who: SessionUser) => {
      const a = await db().artefact.findUniqueOrThrow({ where: { id: up.id }, select: { version: true, residueSha256: true } });
      return decideArtefact(who, { artefactId: up.id, version: a.version, decision: "approved", comment: "", residueSha256: a.residueSha256 ?? undefined, residueReviewed: true });
    };
    await approve(sirt);
    expect(await approve(legal)).toMatchObject({ status: "approved", caseStatus: "approved" });
    const v = (await current()).version;
    expect(await releaseSettingsWarnings(support, c.id)).toEqual({});
    expect((await loadCasePage(support, c.id)).releaseWarnings).toEqual({});

    // Policy only: nothing to warn about, nothing to redact again.
    await save(admin, { policy: { ...DEFAULTS, maxEventTypes: 12 }, note: "Policy only, again" });
    expect(await releaseSettingsWarnings(support, c.id)).toEqual({});
    expect(await artefactSettingsState(sirt, up.id)).toMatchObject({ status: "approved", canRedactAgain: false });

    await save(admin, { internalHosts: [...(await current()).internalHosts, ".apprdc.example"], note: "The approved file's data centre" });
    const now = (await current()).version;
    expect(await releaseSettingsWarnings(support, c.id)).toEqual({ [up.id]: `Redacted with settings v${v}; v${now} (in force) added .apprdc.example: consider redacting again before release.` });
    // The case page derives them from the artefacts it read (issue 15): the same warning.
    expect((await loadCasePage(support, c.id)).releaseWarnings).toEqual({ [up.id]: `Redacted with settings v${v}; v${now} (in force) added .apprdc.example: consider redacting again before release.` });
    // Scoped like the case: another team's user sees no warning for it.
    const otherSupport = (await createUser("support")) as SessionUser;
    expect(await releaseSettingsWarnings(otherSupport, c.id)).toEqual({});
    expect(await releaseSettingsWarnings(admin, c.id)).toEqual({});

    const state = await artefactSettingsState(sirt, up.id);
    expect(state).toMatchObject({ status: "approved", hostsChanged: true, canRedactAgain: true, voidsApprovals: true });
    expect(await redactAgainWithNewSettings(sirt, { artefactId: up.id, version: state.version })).toEqual({ revision: 2, settingsVersion: now });
    expect(await db().artefactApproval.count({ where: { artefactId: up.id, voidedAt: null } })).toBe(0);
    expect(await db().case.findUniqueOrThrow({ where: { id: c.id }, select: { status: true } })).toEqual({ status: "artefacts_in_review" });
    await redactQueued();
    const a = await db().artefact.findUniqueOrThrow({ where: { id: up.id } });
    expect(a).toMatchObject({ status: "in_review", revision: 2, settingsVersion: now });
    const lines = await readRedactedLines(store, a.redactedBlobKey!, a.pageIndex as number[], 0, 10, DEFAULT_LIMITS);
    expect(lines.map((l) => l.text)).toEqual([LINE("[REDACTED:system]"), LINE("[REDACTED:system]")]);
  });

  it("a shared artefact is final: not redacted again with new settings", async () => {
    const a = await db().artefact.findFirstOrThrow({ where: { filename: "approved.log" }, select: { id: true, version: true } });
    await db().artefact.update({ where: { id: a.id }, data: { status: "shared", settingsVersion: 1 } });
    expect(await artefactSettingsState(sirt, a.id)).toMatchObject({ canRedactAgain: false });
    expect((await rejection(redactAgainWithNewSettings(sirt, { artefactId: a.id, version: a.version }))).message).toMatch(/already shared; its released file stays as it was/);
  });
});
