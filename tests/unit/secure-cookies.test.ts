import { afterEach, describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/options";
import { resetEnvCache } from "@/lib/env";

// Issue 12, finding 5: session cookies are `Secure` (next-auth's __Secure- names) exactly when the public URL is https.
describe("session cookies follow the public URL's scheme", () => {
  const saved = process.env.NEXTAUTH_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = saved;
    resetEnvCache();
  });

  it.each([
    ["https://logdesk.example.com", true],
    ["http://localhost:3000", false],
    [undefined, false],
  ])("NEXTAUTH_URL=%s -> useSecureCookies %s", (url, secure) => {
    if (url === undefined) delete process.env.NEXTAUTH_URL;
    else process.env.NEXTAUTH_URL = url;
    resetEnvCache();
    expect(authOptions().useSecureCookies).toBe(secure);
  });
});
