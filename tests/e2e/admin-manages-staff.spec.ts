import { expect, expectAccessible, signIn, test } from "./fixtures";
import { rememberSecret } from "./secrets-seen";

test("Admin invites an agent, who sets a password and signs in; deactivation signs them out", async ({ admin, browser }) => {
  await admin.goto("/admin");
  const email = `new.agent.${Date.now()}@corp.example`;
  await admin.getByLabel("Name").fill("Nora New");
  await admin.getByLabel("Email").fill(email);
  await admin.getByLabel("Role", { exact: true }).selectOption("support");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  const link = await admin.getByTestId("invite-link").textContent();
  expect(link).toMatch(/\/invite\//);
  // The invitation's token and the password set with it: the log scan (global-teardown.ts) looks for both.
  rememberSecret(link!.split("/invite/")[1]!);
  rememberSecret("correct horse battery");
  await expect(admin.getByTestId(`staff-${email}`)).toContainText("invited");

  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await agent.goto(link!);
  await expect(agent.getByLabel("New password")).toBeVisible();
  await expectAccessible(agent, { where: "/invite/[token]" });
  await agent.getByLabel("New password").fill("correct horse battery");
  await agent.getByLabel("Repeat it").fill("correct horse battery");
  await agent.getByRole("button", { name: "Set password" }).click();
  await expect(agent.getByRole("status")).toContainText("Your password is set");
  await signIn(agent, email, "correct horse battery");
  await expect(agent.getByTestId("signed-in-user")).toHaveText("Nora New");

  // The Admin deactivates her: her very next request is refused.
  admin.once("dialog", (d) => void d.accept());
  await admin.reload();
  await admin.getByTestId(`staff-${email}`).getByRole("button", { name: "Deactivate" }).click();
  await expect(admin.getByTestId(`staff-${email}`)).toContainText("deactivated");
  await agent.goto("/queue");
  await expect(agent).toHaveURL(/error=SessionExpired/);
  await agentContext.close();
});

test("inviting an existing email shows the problem beside the field", async ({ admin }) => {
  await admin.goto("/admin");
  await admin.getByLabel("Name").fill("Someone");
  await admin.getByLabel("Email").fill("support@logdesk.test");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.locator("#invite-email-error")).toHaveText("Already a staff member.");
  await expectAccessible(admin, { where: "/admin (invitation refused beside its field)" });
});

test("a bad email is refused inline", async ({ admin }) => {
  await admin.goto("/admin");
  await admin.getByLabel("Name").fill("Someone");
  await admin.getByLabel("Email").fill("not-an-email");
  await admin.getByRole("button", { name: "Send invitation" }).click();
  await expect(admin.locator("#invite-email-error")).toHaveText("Enter a valid email address.");
});
