import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { newDraftId } from "@/lib/cases/new-draft-id";

describe("newDraftId", () => {
  afterEach(() => vi.unstubAllGlobals());
  it("is a UUID the save-draft schema takes, with or without crypto.randomUUID", () => {
    expect(z.string().uuid().safeParse(newDraftId()).success).toBe(true);
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (a: Uint8Array) => real.getRandomValues(a) });
    const ids = Array.from({ length: 50 }, newDraftId);
    for (const id of ids) expect(z.string().uuid().safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(50);
  });
});
