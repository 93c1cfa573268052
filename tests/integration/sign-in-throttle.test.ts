import { describe, expect, it } from "vitest";
import { clearSignInFailures, recordSignInFailure, signInBlockedFor } from "@/lib/auth/throttle";
import { useTestDatabase } from "../support/db";

useTestDatabase();

describe("repeated wrong passwords are slowed down", () => {
  it("blocks a key after the free failures, and a success clears it", async () => {
    const keys = ["email:victim@corp.example"];
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
    const keys = ["email:forgetful@corp.example"];
    const t0 = new Date("2026-11-23T10:00:00Z");
    for (let i = 0; i < 5; i++) await recordSignInFailure(keys, t0);
    const later = new Date(t0.getTime() + 2 * 3_600_000);
    await recordSignInFailure(keys, later);
    expect(await signInBlockedFor(keys, later)).toBe(0);
  });
});
