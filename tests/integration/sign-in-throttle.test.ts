import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from "@/lib/auth/throttle";
import { FREE_FAILURES, FREE_FAILURES_PER_ADDRESS, signInKeys } from "@/lib/auth/throttle-rule";
import { db } from "@/lib/db";
import { createUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

useTestDatabase();

describe("repeated wrong passwords are slowed down", () => {
  it("blocks a key after the free failures, and a success clears it", async () => {
    const keys = [signInKeys("victim@corp.example", "10.0.0.1").account];
    const t0 = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 4; i++) await recordSignInFailure(keys, t0);
    expect(await signInBlockedFor(keys, t0)).toBe(0);
    await recordSignInFailure(keys, t0);
    expect(await signInBlockedFor(keys, t0)).toBe(15_000);
    expect(await signInBlockedFor(keys, new Date(t0.getTime() + 15_000))).toBe(0);
    await clearSignInFailures(keys);
    expect(await signInBlockedFor(keys, t0)).toBe(0);
  });

  it("forgets failures after an hour", async () => {
    const keys = [signInKeys("forgetful@corp.example", "10.0.0.2").account];
    const t0 = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 5; i++) await recordSignInFailure(keys, t0);
    const later = new Date(t0.getTime() + 2 * 3_600_000);
    expect(await recordSignInFailure(keys, later)).toEqual([1]);
    expect(await signInBlockedFor(keys, later)).toBe(0);
  });

  it("counts parallel failures atomically: none is lost (finding 1: the counter was read, then written)", async () => {
    const keys = [signInKeys("parallel@corp.example", "10.0.0.3").account, signInKeys("parallel@corp.example", "10.0.0.3").address];
    await Promise.all(Array.from({ length: 20 }, () => recordSignInFailure(keys)));
    const rows = await db().signInThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } }, orderBy: { key: "asc" } });
    expect(rows.map((r) => r.failures)).toEqual([20, 20]);
  });
});

describe("sign-in throttling cannot be turned against a colleague (finding 1)", () => {
  const password = "right-password-1";

  it("five wrong passwords for made-up emails from one address do not block the real user at that address", async () => {
    const user = await createUser("csm", { email: "real.csm@corp.example", passwordHash: await hashPassword(password) });
    for (let i = 0; i < 5; i++) {
      expect(await signInWithPassword({ email: `made-up-${i}@corp.example`, password: "guess" }, "127.0.0.1")).toEqual({ ok: false, error: "CredentialsSignin" });
    }
    const result = await signInWithPassword({ email: user.email, password }, "127.0.0.1");
    expect(result.ok).toBe(true);
  });

  it("one person's typos block only that email at that address: the same email elsewhere and colleagues at the address still sign in", async () => {
    const typist = await createUser("support", { email: "typist@corp.example", passwordHash: await hashPassword(password) });
    const colleague = await createUser("support", { email: "colleague@corp.example", passwordHash: await hashPassword(password) });
    for (let i = 0; i < 5; i++) await signInWithPassword({ email: typist.email, password: "typo" }, "198.51.100.7");
    expect(await signInWithPassword({ email: typist.email, password }, "198.51.100.7")).toEqual({ ok: false, error: "RateLimited" });
    expect((await signInWithPassword({ email: colleague.email, password }, "198.51.100.7")).ok).toBe(true);
    expect((await signInWithPassword({ email: typist.email, password }, "203.0.113.9")).ok).toBe(true);
  });

  it("an address guessing many accounts is slowed down once it passes the generous per-address allowance", async () => {
    const user = await createUser("sirt", { email: "sprayed@corp.example", passwordHash: await hashPassword(password) });
    const address = "192.0.2.44";
    await recordSignInFailure(Array.from({ length: FREE_FAILURES_PER_ADDRESS }, () => signInKeys("x@corp.example", address).address));
    expect(await signInWithPassword({ email: "one-more@corp.example", password: "guess" }, address)).toEqual({ ok: false, error: "CredentialsSignin" });
    expect(await signInWithPassword({ email: user.email, password }, address)).toEqual({ ok: false, error: "RateLimited" });
  });

  it("a burst of 20 parallel wrong passwords has only the free allowance checked: the rest are refused before the password is tried", async () => {
    const user = await createUser("support", { email: "burst@corp.example", passwordHash: await hashPassword(password) });
    const results = await Promise.all(Array.from({ length: 20 }, () => signInWithPassword({ email: user.email, password: "guess" }, "192.0.2.120")));
    // The free failures, plus the one that starts the block.
    expect(results.filter((r) => !r.ok && r.error === "CredentialsSignin")).toHaveLength(FREE_FAILURES + 1);
    expect(results.filter((r) => !r.ok && r.error === "RateLimited")).toHaveLength(20 - FREE_FAILURES - 1);
    // The right password within the block is refused too, and is not counted.
    expect(await signInWithPassword({ email: user.email, password }, "192.0.2.120")).toEqual({ ok: false, error: "RateLimited" });
    const row = await db().signInThrottle.findUnique({ where: { key: signInKeys(user.email, "192.0.2.120").account.key } });
    expect(row?.failures).toBe(FREE_FAILURES + 1);
  });

  it("a right password gives its attempt back to the address, so an office's successful sign-ins never add up to a block", async () => {
    const passwordHash = await hashPassword(password);
    const users = await Promise.all(Array.from({ length: 3 }, (_, i) => createUser("csm", { email: `office-${i}@corp.example`, passwordHash })));
    for (let round = 0; round < 15; round++) for (const u of users) expect((await signInWithPassword({ email: u.email, password }, "192.0.2.121")).ok).toBe(true);
    const row = await db().signInThrottle.findUnique({ where: { key: signInKeys("x@corp.example", "192.0.2.121").address.key } });
    expect(row?.failures).toBe(0);
  });

  it("records failed and blocked sign-ins as security events with the email and address tried (finding 7)", async () => {
    await signInWithPassword({ email: "nobody@corp.example", password: "guess" }, "192.0.2.99");
    const events = await db().securityEvent.findMany({ where: { address: "192.0.2.99" } });
    expect(events).toMatchObject([{ kind: "signInFailed", email: "nobody@corp.example", target: "signIn:password", outcome: "CredentialsSignin" }]);
  });

  it("security events are append-only: UPDATE and DELETE are refused by the database", async () => {
    await signInWithPassword({ email: "append-only@corp.example", password: "guess" }, "192.0.2.98");
    await expect(db().$executeRawUnsafe(`UPDATE "SecurityEvent" SET "outcome" = 'ok'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "SecurityEvent"`)).rejects.toThrow(/append-only/);
    expect(await db().securityEvent.count({ where: { address: "192.0.2.98" } })).toBe(1);
  });
});
