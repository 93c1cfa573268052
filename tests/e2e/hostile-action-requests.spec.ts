import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { postAction, listServerActions } from "./server-actions";

// Issue 12, finding 8: a server action called with a foreign Origin answered 500, and malformed
// action bodies gave framework errors. Now the server answers before Next: 403 for an Origin
// that is not the portal's (or none), 404 for an id the build does not have, 400 for a body that
// is not the JSON array of arguments Next's client sends, 413 past the size limit; plain text,
// never a stack, and nothing written.

const DAY = 86_400_000;
const saveDraft = () => listServerActions().find((a) => a.name === "saveDraftAction")!;

async function acmeId(page: Page) {
  await page.goto("/cases/new");
  const select = page.getByLabel("Customer account");
  await select.selectOption({ label: "Acme Corporation (acme) · premium" });
  return select.inputValue();
}

const draftArgs = (accountId: string, id: string) => [
  {
    id,
    draft: {
      accountId,
      requesterName: "Dana Customer",
      requesterEmail: "dana@customer.example",
      summary: "Sent with a foreign Origin by a page on another site.",
      resources: [{ kind: "project", path: "acme/infra/api" }],
      eventTypes: ["user_login"],
      logSources: ["application"],
      windowFrom: new Date(Date.now() - 3 * DAY).toISOString(),
      windowTo: new Date(Date.now() - 60_000).toISOString(),
      personalData: false,
    },
  },
];

function expectPlainRefusal(res: { status: number; body: string }, status: number | number[]) {
  expect([status].flat()).toContain(res.status);
  expect(res.body).not.toMatch(/at \w+ \(|node_modules|Error:/);
  expect(res.body.length).toBeLessThan(300);
}

test("a server action with a foreign or missing Origin is refused with 403 and writes nothing", async ({ support: page, baseURL }) => {
  const accountId = await acmeId(page);
  const action = saveDraft();
  for (const origin of ["https://evil.example", "null", "http://localhost.evil.example", null]) {
    const id = randomUUID();
    const res = await postAction(page.request, baseURL!, action, draftArgs(accountId, id), { origin });
    expectPlainRefusal(res, 403);
    expect(res.body).toContain("Origin");
    expect((await page.request.get(`/cases/${id}/edit`)).status(), `no draft for Origin ${origin}`).toBe(404);
  }
  // The portal's own Origin saves the draft.
  const id = randomUUID();
  const ok = await postAction(page.request, baseURL!, action, draftArgs(accountId, id));
  expect(ok.status).toBe(200);
  expect(ok.result).toMatchObject({ ok: true, data: { id } });
  const discard = listServerActions().find((a) => a.name === "discardDraftAction")!;
  expect((await postAction(page.request, baseURL!, discard, [{ id }])).result).toMatchObject({ ok: true });
});

test("malformed server action requests get a 4xx, never a 500", async ({ support: page, baseURL }) => {
  const action = saveDraft();
  const cases: [string, Parameters<typeof postAction>[3], Parameters<typeof postAction>[4], number | number[]][] = [
    ["a body that is not JSON", "{not json", {}, 400],
    ["a JSON object instead of the argument list", JSON.stringify({ id: 1 }), {}, 400],
    ["a JSON string", JSON.stringify("hello"), {}, 400],
    ["an empty body", "", {}, 400],
    ["a NUL byte in the body", "[\u0000]", {}, 400],
    ["a huge body", JSON.stringify([{ draft: { summary: "x".repeat(3 * 1024 * 1024) } }]), {}, 413],
    ["a form-encoded body", "a=1&b=2", { contentType: "application/x-www-form-urlencoded" }, [400, 415]],
    ["a JSON content type", "[{}]", { contentType: "application/json" }, [400, 415]],
    ["a multipart body that is not one", "--x\r\nnonsense", { contentType: "multipart/form-data; boundary=x" }, [400, 415]],
  ];
  for (const [what, body, opts, status] of cases) {
    const res = await postAction(page.request, baseURL!, action, body, opts);
    expectPlainRefusal(res, status);
    expect.soft(res.status, what).not.toBe(500);
  }
  // An id the build does not have, in any form.
  for (const id of ["0".repeat(42), "not-an-action-id", "x".repeat(5000)]) {
    const res = await postAction(page.request, baseURL!, { id, page: action.page }, [{}]);
    expectPlainRefusal(res, [400, 404]);
  }
  // Wrong argument shapes reach the action, which answers VALIDATION rather than failing.
  for (const args of [[], [null], [1, 2, 3], [{ draft: null }], [{ id: "x", draft: { accountId: {} } }]]) {
    const res = await postAction(page.request, baseURL!, action, args);
    expect(res.status, JSON.stringify(args)).toBe(200);
    expect(res.result?.code, JSON.stringify(args)).toBe("VALIDATION");
  }
});

// Issue 12, finding 9: a double-clicked first save made two drafts. The form's id makes them one.
test("first saves sent at once with the form's id make one draft", async ({ support: page, baseURL }) => {
  const accountId = await acmeId(page);
  const id = randomUUID();
  const results = await Promise.all(Array.from({ length: 5 }, () => postAction(page.request, baseURL!, saveDraft(), draftArgs(accountId, id))));
  for (const r of results) expect(r.result).toMatchObject({ ok: true, data: { id } });
  await page.goto(`/cases/${id}/edit`);
  await expect(page.getByLabel("Incident summary")).toHaveValue(/foreign Origin/);
  await expectAccessible(page);
  const discard = listServerActions().find((a) => a.name === "discardDraftAction")!;
  expect((await postAction(page.request, baseURL!, discard, [{ id }])).result).toMatchObject({ ok: true });
});

test("a double click on Submit of an unfinished new request saves into one draft", async ({ support: page }) => {
  await page.goto("/cases/new");
  await page.getByLabel("Customer account").selectOption({ label: "Acme Corporation (acme) · premium" });
  await page.getByLabel("Incident summary").fill("Double-clicked: one draft, one case.");
  const saves: string[] = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && r.headers()["next-action"]) saves.push(r.postData() ?? "");
  });
  await page.getByRole("button", { name: "Submit for evaluation" }).dblclick();
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page.getByTestId("save-state")).toContainText("Draft saved");
  const ids = new Set(saves.map((b) => /"id":"([0-9a-f-]{36})"/.exec(b)?.[1]).filter(Boolean));
  expect(ids.size).toBe(1);
  await page.screenshot({ path: "/work/shots/robust-double-click-one-draft.png", fullPage: true });
});
