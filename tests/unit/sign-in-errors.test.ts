import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";

describe("the sign-in page's sentence for each error code", () => {
  it.each([
    ["CredentialsSignin", /^Wrong email or password\.$/],
    ["RateLimited", /Wait a moment/],
    ["NotInvited", /^Your Acme SSO account is not a Logdesk staff member\. Ask an Admin to invite you with the email address Acme SSO has for you\.$/],
    ["EmailNotVerified", /^Acme SSO has not verified your email address/],
    ["Deactivated", /has been deactivated/],
    ["SessionExpired", /session has expired/],
    // The provider down or failing, before the redirect or at the callback: the same clear sentence.
    ["OAuthSignin", /^Acme SSO could not be reached, so you were not signed in\./],
    ["OAuthCallback", /^Signing in with Acme SSO did not complete, so you were not signed in: Acme SSO could not be reached, or the sign-in was started in another tab/],
    ["Callback", /^Signing in with Acme SSO did not complete/],
    ["OAuthCreateAccount", /^Acme SSO could not be reached/],
    // Anything else (a made-up code in the URL): generic, never the code echoed back.
    ["<script>alert(1)</script>", /^Sign-in failed\. Please try again\.$/],
    ["", /^Sign-in failed\. Please try again\.$/],
  ])("%s", (code, sentence) => {
    expect(signInErrorMessage(code, "Acme SSO")).toMatch(sentence);
  });
});
