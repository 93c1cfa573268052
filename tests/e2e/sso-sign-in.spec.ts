import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { ROLE_LABELS } from "../../lib/auth/permissions";
import { expect, expectAccessible, test } from "./fixtures";
import { startOidcProvider, type TestProvider } from "./oidc-test-provider";
import { snap } from "./screenshots";
import { rememberSecret, rememberSessionCookies } from "./secrets-seen";
import { specServerStdio } from "./spec-server-output";

// Single sign-on through a real OpenID Connect provider (issue 15): `oidc-provider` on 127.0.0.1,
// started here, and a portal server of this file's own whose SSO points at it (OIDC_* set,
// PASSWORD_SIGN_IN unset, so password sign-in is off). Staff are matched by email and must have
// been invited; SSO never creates users. The demo staff of the fresh data folder are the invited ones.
const port = Number(
  execFileSync(process.execPath, ["-e", 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})']).toString(),
);
const baseURL = `http://localhost:${port}`;
const dataDir = path.resolve("tmp", `e2e-sso-${port}`);
const SSO_NAME = "Acme SSO";
const CLIENT_SECRET = randomBytes(24).toString("base64url");
rememberSecret(CLIENT_SECRET); // no log line may hold it (global-teardown.ts)

let idp: TestProvider;
let server: ChildProcess | undefined;
const contexts: BrowserContext[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  rmSync(dataDir, { recursive: true, force: true });
  idp = await startOidcProvider({ clientId: "logdesk", clientSecret: CLIENT_SECRET, redirectUri: `${baseURL}/api/auth/callback/sso` });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    HOST: "127.0.0.1",
    LOGDESK_DATA_DIR: dataDir,
    NEXTAUTH_URL: baseURL,
    SMTP_URL: "",
    LOGDESK_DEMO_HISTORY: "off",
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: "logdesk",
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_NAME: SSO_NAME,
  };
  delete env.PASSWORD_SIGN_IN;
  server = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], { env, stdio: specServerStdio("sso", port) });
  for (let i = 0; ; i++) {
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (i > 400 || server.exitCode !== null) throw new Error("the SSO spec's server did not start");
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
  await idp?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A browser of its own (cookies at the portal and at the provider), failing the test on a CSP violation like the fixtures' pages. */
async function person(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  contexts.push(context);
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) expect.soft(m.text(), `CSP violation on ${page.url()}`).toBe("");
  });
  return page;
}

/** From the portal's sign-in page through the provider's login form; where the browser lands is the caller's to check. */
async function ssoSignIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any password: the provider's development form accepts it");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/`));
  await rememberSessionCookies(page.context());
}

const sessionCookies = async (page: Page) => (await page.context().cookies(baseURL)).filter((c) => c.name.includes("next-auth.session-token"));

/** The security events of failed sign-ins, as the CSV export gives them to an Admin. */
async function signInFailures(admin: Page): Promise<string> {
  const res = await admin.request.get("/api/security-events/export?kind=signInFailed");
  expect(res.status()).toBe(200);
  return res.text();
}

let admin: Page;

test("with SSO configured and PASSWORD_SIGN_IN unset, the sign-in page offers SSO only, and the password route is off", async ({ browser }) => {
  const page = await person(browser);
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: `Sign in with ${SSO_NAME}` })).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveCount(0);
  await expect(page.getByLabel("Password")).toHaveCount(0);
  await expectAccessible(page);
  await snap(page, "i15-sso-api-signin-sso-only");
  // Nor can a script post a demo password: there is no credentials provider.
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/credentials", { form: { email: "admin@logdesk.test", password: "admin-demo-pass", csrfToken, json: "true" }, maxRedirects: 0 });
  expect(res.status()).not.toBe(200);
  expect(await sessionCookies(page)).toHaveLength(0);
});

test("an invited staff member signs in at the provider and lands signed in with their role; sign-out ends the session on the server", async ({ browser }) => {
  const page = await person(browser);
  await ssoSignIn(page, "sirt@logdesk.test");
  await expect(page.getByTestId("signed-in-user")).toHaveText("Riley SIRT");
  await expect(page.locator("header")).toContainText(ROLE_LABELS.sirt);
  await page.goto("/queue");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page).toHaveURL(`${baseURL}/queue`);
  await snap(page.locator("header"), "i15-sso-api-signed-in-by-sso");

  // The browser's session has its row on the server: signing out ends it, so a kept copy of the cookie opens nothing.
  const kept = await sessionCookies(page);
  expect(kept).toHaveLength(1);
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/signin/);
  const replay = await browser.newContext({ baseURL });
  contexts.push(replay);
  await replay.addCookies(kept);
  const replayed = await replay.newPage();
  await replayed.goto("/queue");
  await expect(replayed).toHaveURL(/\/signin/);
});

test("a staff member who was never invited is refused with a clear message, and the refusal is a security event", async ({ browser }) => {
  const page = await person(browser);
  await ssoSignIn(page, "stranger@corp.example");
  await expect(page).toHaveURL(/\/signin\?error=NotInvited/);
  await expect(page.locator("main").getByRole("alert")).toHaveText(`Your ${SSO_NAME} account is not a Logdesk staff member. Ask an Admin to invite you with the email address ${SSO_NAME} has for you.`);
  expect(await sessionCookies(page)).toHaveLength(0);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/signin?error=NotInvited");
  await expectAccessible(page);
  await snap(page, "i15-sso-api-signin-not-invited");

  admin = await person(browser);
  await ssoSignIn(admin, "admin@logdesk.test");
  await expect(admin.getByTestId("signed-in-user")).toHaveText("Alex Admin");
  const csv = await signInFailures(admin);
  expect(csv.split("\n").find((l) => l.includes("stranger@corp.example"))).toMatch(/signIn:sso.*NotInvited|NotInvited.*signIn:sso/);
});

test("an account whose email the provider has not verified is refused, even with an invited staff member's address", async ({ browser }) => {
  const page = await person(browser);
  await ssoSignIn(page, "unverified:admin@logdesk.test");
  await expect(page).toHaveURL(/\/signin\?error=EmailNotVerified/);
  await expect(page.locator("main").getByRole("alert")).toHaveText(`${SSO_NAME} has not verified your email address, so Logdesk cannot match it to a staff member. Verify it with ${SSO_NAME}, then sign in again.`);
  expect(await sessionCookies(page)).toHaveLength(0);
  const csv = await signInFailures(admin);
  expect(csv.split("\n").find((l) => l.includes("EmailNotVerified"))).toContain("admin@logdesk.test");
});

test("Admin invites a colleague, who signs in by SSO with the role given; once deactivated, SSO refuses them", async ({ browser }) => {
  const email = "ivy.invited@corp.example";
  await admin.goto("/admin");
  await admin.getByLabel("Name").fill("Ivy Invited");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("legal");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.getByTestId(`staff-${email}`)).toContainText("invited");
  await expect(admin.getByTestId("invite-link")).toHaveCount(0); // with SSO there is no password to choose

  const ivy = await person(browser);
  await ssoSignIn(ivy, "Ivy.Invited@corp.example"); // the provider's casing: matched without it
  await expect(ivy.getByTestId("signed-in-user")).toHaveText("Ivy Invited");
  await expect(ivy.locator("header")).toContainText(ROLE_LABELS.legal);

  admin.once("dialog", (d) => void d.accept());
  await admin.reload();
  await expect(admin.getByTestId(`staff-${email}`)).toContainText("active");
  await admin.getByTestId(`staff-${email}`).getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId(`staff-${email}`)).toContainText("deactivated");
  await ivy.goto("/queue");
  await expect(ivy).toHaveURL(/error=SessionExpired/);

  // Still signed in at the provider: SSO answers at once, and the portal refuses: no new session
  // (the browser keeps only its old cookie, which opens nothing).
  const before = (await sessionCookies(ivy)).map((c) => c.value);
  await ivy.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  await expect(ivy).toHaveURL(/\/signin\?error=Deactivated/);
  await expect(ivy.locator("main").getByRole("alert")).toHaveText("This account has been deactivated. Ask an Admin if you need access.");
  expect((await sessionCookies(ivy)).map((c) => c.value)).toEqual(before);
  await expectAccessible(ivy);
  await snap(ivy, "i15-sso-api-signin-deactivated");
  await ivy.goto("/queue");
  await expect(ivy).toHaveURL(/\/signin/);
  const csv = await signInFailures(admin);
  expect(csv.split("\n").find((l) => l.includes(email))).toMatch(/Deactivated/);
});

test("the identity provider down, at the callback or before: a clear message on the sign-in page, not an error page", async ({ browser }) => {
  const message = `${SSO_NAME} could not be reached, so you were not signed in. Try again in a few minutes; if it keeps failing, tell whoever runs ${SSO_NAME}.`;
  const atCallback = `Signing in with ${SSO_NAME} did not complete, so you were not signed in: ${SSO_NAME} could not be reached, or the sign-in was started in another tab or took too long. Try again; if it keeps failing, tell whoever runs ${SSO_NAME}.`;
  // Down between its login form and the portal's callback: the portal's code exchange finds nobody.
  const page = await person(browser);
  idp.stopAfterNextCallbackRedirect();
  await ssoSignIn(page, "support@logdesk.test");
  await expect(page).toHaveURL(/\/signin\?(.*&)?error=OAuth/);
  await expect(page.locator("main").getByRole("alert")).toHaveText(atCallback);
  expect(await sessionCookies(page)).toHaveLength(0);

  // Down before: the button leads straight back to the sign-in page with the same message.
  const late = await person(browser);
  await late.goto("/signin");
  await late.getByRole("button", { name: `Sign in with ${SSO_NAME}` }).click();
  await expect(late).toHaveURL(/\/signin\?(.*&)?error=OAuth/);
  await expect(late.locator("main").getByRole("alert")).toHaveText(message);
  await expect(late.getByRole("button", { name: `Sign in with ${SSO_NAME}` })).toBeVisible();
  await expectAccessible(late);
  await snap(late, "i15-sso-api-signin-provider-down");

  // And the portal itself is well: an Admin signed in before keeps working.
  await admin.goto("/admin");
  await expect(admin.getByTestId("signed-in-user")).toHaveText("Alex Admin");
});
