import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { auditEventCatalogue, cataloguedEventTypes } from "@/lib/gaps/queries";
import { useTestDatabase } from "../support/db";

useTestDatabase();

describe("the audit event catalogue for the event type fields (GET /api/event-types)", () => {
  it("lists every entry by name with its category and description", async () => {
    const all = await auditEventCatalogue();
    expect(all.length).toBe(await db().auditEventType.count());
    expect(all.length).toBeGreaterThan(100);
    expect(all.map((e) => e.name)).toEqual([...all.map((e) => e.name)].sort());
    expect(all[0]).toEqual({ name: expect.any(String), category: expect.any(String), description: expect.any(String) });
  });

  it.each([
    [[], []],
    [["personal_access_token_created"], ["personal_access_token_created"]],
    [["personal_access_token_created", "made_up_event_name"], ["personal_access_token_created"]],
    [["made_up_event_name"], []],
  ])("cataloguedEventTypes(%j) = %j", async (names, expected) => {
    expect((await cataloguedEventTypes(names)).sort()).toEqual(expected);
  });
});
