import { afterEach, describe, expect, it } from "vitest";
import { installDatabase } from "@/lib/db";
import { openPostgres } from "@/lib/db/open";
import { resetEnvCache } from "@/lib/env";
import { checkHealth } from "@/lib/health";
import { authOptions } from "@/lib/auth/options";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
  installDatabase(undefined);
});

describe("failure modes", () => {
  it("a database that cannot be reached makes /api/health say so, without internals", async () => {
    const unreachable = openPostgres("postgresql://nobody@127.0.0.1:9/none", 1); // port 9: nothing listens
    installDatabase(unreachable);
    const health = await checkHealth();
    expect(health).toMatchObject({ ok: false, database: { ok: false, error: "The database cannot be reached." } });
    expect(JSON.stringify(health)).not.toMatch(/ECONNREFUSED|stack|at /);
    // The light check a load balancer polls (/api/health/db) answers 503 with a sentence.
    const { GET } = await import("@/app/api/health/db/route");
    const res = await GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: "The database cannot be reached." });
    await unreachable.close().catch(() => {});
  });

  it("SSO is switched on by its three variables, and then password sign-in is off unless asked for", () => {
    process.env.OIDC_ISSUER = "https://sso.example.com/realms/staff";
    process.env.OIDC_CLIENT_ID = "logdesk";
    process.env.OIDC_CLIENT_SECRET = "s3cret";
    resetEnvCache();
    expect(authOptions().providers.map((p) => p.id)).toEqual(["sso"]);
    process.env.PASSWORD_SIGN_IN = "1";
    resetEnvCache();
    expect(authOptions().providers.map((p) => p.id)).toEqual(["credentials", "sso"]);
  });

  it("without SSO settings, staff sign in with email and password; sessions expire", () => {
    delete process.env.OIDC_ISSUER;
    process.env.SESSION_MAX_AGE_HOURS = "8";
    resetEnvCache();
    const options = authOptions();
    expect(options.providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(options.session?.maxAge).toBe(8 * 3600);
  });

  it("a bad setting stops the start with a message naming it", () => {
    process.env.DATABASE_URL = "mysql://x";
    resetEnvCache();
    expect(() => authOptions()).toThrow(/DATABASE_URL must be a postgres/);
  });
});
