import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

// Issue 12, finding 6 (the rest of it): a NUL byte, another control character, a year-0 or a
// year-275760 date sent to any form gave HTTP 500 or saved what could never be used. Through the
// real server actions and the upload route: a VALIDATION answer (HTTP 400 on the route) naming the
// field, and nothing written (row counts and the activity log unchanged).
let me: SessionUser;
vi.mock("@/lib/auth/session", async (original) => ({
  ...(await original<typeof import("@/lib/auth/session")>()),
  requireUser: vi.fn(async () => me),
  currentUser: vi.fn(async () => me),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn(), refresh: vi.fn() }));

const { saveDraftAction, changeScopeAction, addEntryAction, relayEntryAction, requestExceptionAction } = await import("@/app/(portal)/cases/actions");
const { updateCalendarAction } = await import("@/app/(portal)/admin/calendars/actions");
const { issueApiTokenAction } = await import("@/app/(portal)/admin/tokens/actions");
const { createAccountAction, updateAccountAction, addResourceAction } = await import("@/app/(portal)/admin/accounts/actions");
const { inviteStaffAction } = await import("@/app/(portal)/admin/actions");
const { saveSettingsAction } = await import("@/app/(portal)/admin/settings/actions");
const { markNeedsRescopeAction } = await import("@/app/(portal)/queue/actions");
const { POST: upload } = await import("@/app/api/cases/[id]/artefacts/route");

useTestDatabase();

let support: SessionUser, sirt: SessionUser, admin: SessionUser;
let accountId: string, caseId: string, sirtCaseId: string;

beforeAll(async () => {
  [support, sirt, admin] = (await Promise.all([createUser("support"), createUser("sirt"), createUser("admin")])) as SessionUser[];
  accountId = (await createAccount()).id;
  caseId = (await createCase({ accountId, authorId: support.id, team: "support" })).id;
  sirtCaseId = (await createCase({ accountId, authorId: support.id, team: "sirt", status: "accepted" })).id;
});

const TABLES = ["case", "timelineEntry", "relay", "account", "ownedResource", "apiToken", "user", "calendar", "settingsVersion", "artefact", "legalException", "activityLog"] as const;
async function counts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = await (db()[t] as unknown as { count(): Promise<number> }).count();
  return out;
}

const NUL = "with a NUL\u0000 byte";
const BELL = "with a bell\u0007";
const ESC = "\u001b[2Jcleared";
const YEAR_0 = "0000-01-01T00:00";
const YEAR_275760 = "+275760-09-13T00:00:00Z";
const DAY = 86_400_000;
const draft = (over: Record<string, unknown> = {}) => ({
  accountId,
  requesterName: "Dana Customer",
  requesterEmail: "dana@customer.example",
  summary: "A token was used from an unknown location.",
  resources: [{ kind: "project", path: "acme/infra/api" }],
  eventTypes: ["user_login"],
  logSources: ["application"],
  windowFrom: new Date(Date.now() - 3 * DAY),
  windowTo: new Date(Date.now() - 60_000),
  personalData: false,
  ...over,
});
const calendar = { team: "support", timeZone: "Europe/Amsterdam", workdays: [1, 2, 3, 4, 5], holidays: ["2026-12-25"], workingHours: { start: "09:00", end: "17:00" } };
const account = { name: "Hostile Input Ltd", slug: "hostile-input", plan: "premium", deployment: "saas", paying: true, supportPlan: "current" };
const policy = { maxWindowMonths: 1, standardWindowDays: 7, maxResources: 20, maxEventTypes: 10, supportMaxResources: 5 };
const settings = { baseVersion: 1, internalHosts: [".internal"], productHosts: ["gitlab.example.com"], policy, note: "Add the VPN suffix." };

type Act = (input: unknown) => Promise<{ ok: boolean; code?: string; fieldErrors?: Record<string, string[]> }>;
const CASES: [string, () => SessionUser, () => Act, () => unknown, string][] = [
  ["save draft: NUL in the summary", () => support, () => saveDraftAction, () => ({ draft: draft({ summary: NUL }) }), "draft.summary"],
  ["save draft: bell in the requester name", () => support, () => saveDraftAction, () => ({ draft: draft({ requesterName: BELL }) }), "draft.requesterName"],
  ["save draft: escape in a resource path", () => support, () => saveDraftAction, () => ({ draft: draft({ resources: [{ kind: "project", path: `acme/${ESC}` }] }) }), "draft.resources.0.path"],
  ["save draft: NUL in an event type", () => support, () => saveDraftAction, () => ({ draft: draft({ eventTypes: [NUL] }) }), "draft.eventTypes.0"],
  ["save draft: window from year 0", () => support, () => saveDraftAction, () => ({ draft: draft({ windowFrom: YEAR_0 }) }), "draft.windowFrom"],
  ["save draft: window to year 275760", () => support, () => saveDraftAction, () => ({ draft: draft({ windowTo: YEAR_275760 }) }), "draft.windowTo"],
  ["change scope (resubmit): NUL in the summary", () => support, () => changeScopeAction, () => ({ id: caseId, version: 1, draft: draft({ summary: NUL }) }), "draft.summary"],
  ["change scope (resubmit): window to year 275760", () => support, () => changeScopeAction, () => ({ id: caseId, version: 1, draft: draft({ windowTo: YEAR_275760 }) }), "draft.windowTo"],
  ["exception request: NUL in the reason", () => support, () => requestExceptionAction, () => ({ id: caseId, version: 1, reason: `${NUL} and enough words to pass` }), "reason"],
  ["timeline entry: NUL in the body", () => support, () => addEntryAction, () => ({ caseId, kind: "finding", body: NUL }), "body"],
  ["timeline entry: escape in the body", () => support, () => addEntryAction, () => ({ caseId, kind: "status_update", body: ESC }), "body"],
  ["relay: NUL in the recipient", () => support, () => relayEntryAction, () => ({ caseId, entryId: caseId, channel: "other", recipient: NUL }), "recipient"],
  ["relay: bell in the text", () => support, () => relayEntryAction, () => ({ caseId, entryId: caseId, channel: "other", recipient: "Dana", text: BELL }), "text"],
  ["needs re-scope: NUL in the reason", () => sirt, () => markNeedsRescopeAction, () => ({ id: sirtCaseId, version: 1, reason: `${NUL} narrow the window` }), "reason"],
  ["calendar: NUL in the time zone", () => admin, () => updateCalendarAction, () => ({ ...calendar, timeZone: `Europe/Amsterdam\u0000` }), "timeZone"],
  ["calendar: a holiday in year 0", () => admin, () => updateCalendarAction, () => ({ ...calendar, holidays: ["0000-12-25"] }), "holidays.0"],
  ["calendar: a holiday in year 275760", () => admin, () => updateCalendarAction, () => ({ ...calendar, holidays: ["+275760-09-13"] }), "holidays.0"],
  ["calendar: escape in the working hours", () => admin, () => updateCalendarAction, () => ({ ...calendar, workingHours: { start: "09:00\u001b", end: "17:00" } }), "workingHours.start"],
  ["API token: NUL in the name", () => admin, () => issueApiTokenAction, () => ({ name: NUL }), "name"],
  ["API token: escape in the name", () => admin, () => issueApiTokenAction, () => ({ name: ESC }), "name"],
  ["account: NUL in the name", () => admin, () => createAccountAction, () => ({ ...account, name: NUL }), "name"],
  ["account: bell in the notification contact", () => admin, () => createAccountAction, () => ({ ...account, incidentNotification: true, notificationContact: `sec\u0007@hostile.example` }), "notificationContact"],
  ["account edit: NUL in the slug", () => admin, () => updateAccountAction, () => ({ ...account, id: accountId, version: 1, slug: `acme\u0000` }), "slug"],
  ["account resource: NUL in the path", () => admin, () => addResourceAction, () => ({ accountId, kind: "project", path: `acme/${NUL}` }), "path"],
  ["staff invite: NUL in the name", () => admin, () => inviteStaffAction, () => ({ email: "new@logdesk.test", name: NUL, role: "support" }), "name"],
  ["staff invite: escape in the email", () => admin, () => inviteStaffAction, () => ({ email: "new\u001b@logdesk.test", name: "New Person", role: "support" }), "email"],
  ["settings: NUL in the note", () => admin, () => saveSettingsAction as Act, () => ({ ...settings, note: NUL }), "note"],
  ["settings: NUL in an internal host", () => admin, () => saveSettingsAction as Act, () => ({ ...settings, internalHosts: [".int\u0000ernal"] }), "internalHosts.0"],
];

describe("hostile input through the server actions: VALIDATION naming the field, nothing written", () => {
  it.each(CASES)("%s", async (_name, who, action, input, field) => {
    me = who();
    const before = await counts();
    const r = await action()(input());
    expect(r.ok).toBe(false);
    expect(r.code).toBe("VALIDATION");
    expect(Object.keys(r.fieldErrors ?? {})).toContain(field);
    expect(await counts()).toEqual(before);
  });
});

describe("hostile upload file names: HTTP 400 naming the file name, nothing stored", () => {
  it.each([
    ["a NUL", `extract${"\u0000"}.ndjson`],
    ["a bell", "extract\u0007.ndjson"],
    ["an escape", "\u001b[2Jextract.ndjson"],
    ["a line break", "extract\n.ndjson"],
  ])("%s", async (_name, filename) => {
    me = support;
    const before = await counts();
    const res = await upload(
      new Request(`http://logdesk.test/api/cases/${caseId}/artefacts?${new URLSearchParams({ filename })}`, {
        method: "POST",
        headers: { "x-logdesk-upload": "1", "Content-Type": "application/octet-stream" },
        body: '{"ts":"2026-03-01T00:00:00Z","msg":"hello"}\n',
      }),
      { params: Promise.resolve({ id: caseId }) },
    );
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(Object.keys(error.fields)).toContain("filename");
    expect(await counts()).toEqual(before);
  });
});
