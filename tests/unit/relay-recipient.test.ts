import { describe, expect, it } from "vitest";
import { relayRecipientProblem, ZRelayEntry, type RelayChannel } from "@/lib/timeline/schemas";

const ids = { caseId: "6f1c1c1e-8b8a-4a55-9a0e-1a2b3c4d5e6f", entryId: "7f1c1c1e-8b8a-4a55-9a0e-1a2b3c4d5e6f" };

describe("a relay's recipient is checked by its channel", () => {
  it.each<[RelayChannel, string | undefined, boolean]>([
    ["email", "dana@customer.example", true],
    ["email", undefined, true], // the case's requester email
    ["email", "", true],
    ["email", "dana at customer", false],
    ["email", "+31 20 555 0100", false],
    ["email", "#48213", false],
    ["ticket", "#48213", true],
    ["ticket", "ZD-48213", true],
    ["ticket", "https://support.example/tickets/48213", true],
    ["ticket", "dana@customer.example", true],
    ["ticket", undefined, true],
    ["ticket", "ticket number forty two", false],
    ["phone", "+31 20 555 0100", true],
    ["phone", "(020) 555-0100", true],
    ["phone", undefined, false],
    ["phone", "dana@customer.example", false],
    ["phone", "12", false],
    ["other", "Dana Customer, weekly call", true],
    ["other", undefined, true],
  ])("%s to %j: accepted %s", (channel, recipient, ok) => {
    expect(relayRecipientProblem(channel, recipient) === null).toBe(ok);
    const parsed = ZRelayEntry.safeParse({ ...ids, channel, recipient });
    expect(parsed.success).toBe(ok);
    if (!parsed.success) {
      expect(parsed.error.issues).toEqual([expect.objectContaining({ path: ["recipient"], message: relayRecipientProblem(channel, recipient) })]);
    }
  });

  it("trims the recipient before checking it", () => {
    expect(ZRelayEntry.parse({ ...ids, channel: "email", recipient: "  dana@customer.example " }).recipient).toBe("dana@customer.example");
  });

  it("names the email the channel needs", () => {
    const parsed = ZRelayEntry.safeParse({ ...ids, channel: "email", recipient: "not-an-address" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.message).toMatch(/email address/);
  });
});
