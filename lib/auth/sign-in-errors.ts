/**
 * The sentence the sign-in page shows for the error code in its URL: next-auth's own codes (the
 * OAuth ones when the company SSO failed) and the portal's (lib/auth/options.ts). Pure, so each
 * code's sentence is tested (tests/unit/sign-in-errors.test.ts); `sso` is the SSO button's label
 * (OIDC_NAME). An unknown code gets a generic sentence, never the code itself.
 */
export function signInErrorMessage(code: string, sso: string): string {
  switch (code) {
    case "CredentialsSignin":
      return "Wrong email or password.";
    case "RateLimited":
      return "Too many failed attempts. Wait a moment before trying again.";
    case "NotInvited":
      return `Your ${sso} account is not a Logdesk staff member. Ask an Admin to invite you with the email address ${sso} has for you.`;
    case "EmailNotVerified":
      return `${sso} has not verified your email address, so Logdesk cannot match it to a staff member. Verify it with ${sso}, then sign in again.`;
    case "Deactivated":
      return "This account has been deactivated. Ask an Admin if you need access.";
    case "SessionExpired":
      return "Your session has expired or your access changed. Please sign in again.";
    // next-auth: the provider's discovery or authorisation URL failed (OAuthSignin), or the code
    // exchange / ID token check at the callback did (OAuthCallback, Callback): the provider was
    // down or unreachable, answered an error, or the sign-in took too long.
    case "OAuthSignin":
    case "OAuthCreateAccount":
      return `${sso} could not be reached, so you were not signed in. Try again in a few minutes; if it keeps failing, tell whoever runs ${sso}.`;
    // At the callback the cause may also be this browser: a sign-in started in another tab or left
    // too long (its check cookie no longer matches), not only the provider.
    case "OAuthCallback":
    case "Callback":
      return `Signing in with ${sso} did not complete, so you were not signed in: ${sso} could not be reached, or the sign-in was started in another tab or took too long. Try again; if it keeps failing, tell whoever runs ${sso}.`;
    default:
      return "Sign-in failed. Please try again.";
  }
}
