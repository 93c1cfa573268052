import { expect, expectAccessible, test } from "./fixtures";
import { snap } from "./screenshots";
import { rememberSecret } from "./secrets-seen";

const DAY = 86_400_000;

test("Admin issues an API token, a helpdesk evaluates Acme's request with it, and revoking it locks the helpdesk out", async ({ admin, request }) => {
  await admin.goto("/admin");
  await admin.getByRole("link", { name: "API tokens" }).click();
  await expect(admin.getByRole("heading", { name: "Admin · API tokens" })).toBeVisible();

  const name = `Helpdesk ${Date.now()}`;
  await admin.getByLabel("Name").fill(name);
  await admin.getByRole("button", { name: "Issue token" }).click();
  await expect(admin.getByText("it will not be shown again")).toBeVisible();
  const secret = await admin.getByTestId("token-secret").inputValue();
  rememberSecret(secret);
  expect(secret).toMatch(/^ldk_[\w-]{43}$/);
  const row = admin.getByTestId(`token-${secret.slice(0, 8)}`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("active");
  await expect(row).not.toContainText(secret.slice(8));
  await expectAccessible(admin, { where: "/admin/tokens (a new secret shown once)" });

  // The secret is shown once: after a reload only its first characters remain.
  await admin.getByRole("button", { name: "I have stored it" }).click();
  await expect(admin.getByTestId("token-secret")).toHaveCount(0);
  await admin.reload();
  await expect(admin.locator("body")).not.toContainText(secret.slice(8));

  const now = Date.now();
  const body = {
    account: "acme",
    resources: [{ kind: "group", path: "acme" }, { kind: "project", path: "acme/infra/api" }],
    eventTypes: ["user_login_failed"],
    logSources: ["application"],
    window: { from: new Date(now - 3 * DAY).toISOString(), to: new Date(now).toISOString() },
    personalData: false,
  };
  const ok = await request.post("/api/v1/evaluate", { headers: { Authorization: `Bearer ${secret}` }, data: body });
  expect(ok.status()).toBe(200);
  const { decision, facts } = await ok.json();
  expect(decision).toMatchObject({ outcome: "eligible", route: "support", extended: false });
  expect(decision.checks.every((c: { result: string }) => c.result === "pass")).toBe(true);
  expect(facts.account).toMatchObject({ plan: "premium", deployment: "saas" });

  // The API description is linked from the page; its example, sent as documented over HTTP, answers 200.
  const link = admin.getByRole("link", { name: "API description (OpenAPI 3.1)" });
  await expect(link).toHaveAttribute("href", "/api/v1/openapi.json");
  await snap(admin, "i15-sso-api-admin-tokens-openapi-link");
  const described = await request.get((await link.getAttribute("href"))!);
  expect(described.status()).toBe(200);
  const doc = await described.json();
  expect(doc).toMatchObject({ openapi: "3.1.0", paths: { "/api/v1/evaluate": { post: { security: [{ apiToken: [] }] } } } });
  const example = doc.paths["/api/v1/evaluate"].post.requestBody.content["application/json"].example;
  const asDocumented = await request.post("/api/v1/evaluate", { headers: { Authorization: `Bearer ${secret}` }, data: example });
  expect(asDocumented.status()).toBe(200);
  expect((await asDocumented.json()).decision).toMatchObject({ outcome: "eligible" });

  await admin.reload();
  await expect(row).not.toContainText("never"); // last used is now known

  admin.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("revoked");
  await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

  const refused = await request.post("/api/v1/evaluate", { headers: { Authorization: `Bearer ${secret}` }, data: body });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["www-authenticate"]).toContain("Bearer");
  expect((await refused.json()).error.message).toMatch(/revoked/);
});

test("without a token the API answers 401 in JSON", async ({ request }) => {
  const res = await request.post("/api/v1/evaluate", { data: {} });
  expect(res.status()).toBe(401);
  expect(await res.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
});
