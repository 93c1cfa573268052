// A real OpenID Connect provider for the SSO spec (issue 15): `oidc-provider` on 127.0.0.1, one
// static client (the portal), any login accepted by its development login form (the login is the
// account's email), consent granted without asking (a company's own SSO does not ask its staff to
// approve the company's own portal). `stop()` takes it down for the "identity provider down" case.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

export interface TestProvider {
  issuer: string;
  stop(): Promise<void>;
  /** Goes down right after it next sends a browser back to the portal's callback (before the portal exchanges the code). */
  stopAfterNextCallbackRedirect(): void;
}

export async function startOidcProvider(client: { clientId: string; clientSecret: string; redirectUri: string }): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  // Its start-up warnings (Node 20, the in-memory adapter, development keys and login form) are
  // what this test wants; they would only be noise in the run's output.
  const warn = console.warn;
  console.warn = () => {};
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    // The login typed at the provider's form is the account: its email, as a company directory would
    // send it; "unverified:<email>" is an account claiming that email without having verified it.
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const email = id.replace(/^unverified:/, "");
      return { accountId: id, claims: async () => ({ sub: id, email, email_verified: !id.startsWith("unverified:"), name: email.split("@")[0] }) };
    },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The email claim in the ID token itself (next-auth reads the ID token's claims), as most company IdPs send it.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(16).toString("hex")] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const clientId = ctx.oidc.client!.clientId;
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session!.grantIdFor(clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  console.warn = warn;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  let stopAfterCallbackRedirect = false;
  const handle = provider.callback();
  server.on("request", (req, res) => {
    if (stopAfterCallbackRedirect) {
      res.once("finish", () => {
        if (String(res.getHeader("location") ?? "").startsWith(client.redirectUri)) void stop();
      });
    }
    handle(req, res);
  });
  return { issuer, stop, stopAfterNextCallbackRedirect: () => void (stopAfterCallbackRedirect = true) };
}
