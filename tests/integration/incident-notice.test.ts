import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { ZRecordCustomerNotified } from "@/lib/cases/incident-notice";
import { recordCustomerNotified } from "@/lib/cases/record-customer-notified";
import { recordIncidentImpact } from "@/lib/cases/record-incident-impact";
import { db } from "@/lib/db";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser, nextReference } from "../support/factories";

useTestDatabase();

let support: SessionUser, csm: SessionUser, sirt: SessionUser;
let notifyingAccount: string, quietAccount: string;

beforeAll(async () => {
  [support, csm, sirt] = (await Promise.all((["support", "csm", "sirt"] as const).map((r) => createUser(r)))) as SessionUser[];
  notifyingAccount = (await createAccount({ incidentNotification: true, name: "Acme Notify" })).id;
  quietAccount = (await createAccount({ incidentNotification: false })).id;
  await db().accountManager.create({ data: { accountId: notifyingAccount, userId: csm.id } });
});

const caseOn = async (accountId: string) =>
  createCase({ accountId, authorId: support.id, team: "support", status: "accepted", reference: nextReference() });
const version = async (id: string) => (await db().case.findUniqueOrThrow({ where: { id } })).version;

describe("K2: the customer is told within 24 hours when their agreement asks for it", () => {
  it("recording the impact starts a 24-hour deadline with a draft notice and tells the CSM", async () => {
    const { id } = await caseOn(notifyingAccount);
    const before = Date.now();
    const { notifyDeadline } = await recordIncidentImpact(support, { id, version: await version(id) });
    expect(notifyDeadline!.getTime() - before).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
    expect(notifyDeadline!.getTime() - before).toBeLessThanOrEqual(24 * 3_600_000 + 5000);
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    expect(c.notifyText).toContain(c.reference!);
    expect(c.notifyText).toMatch(/Recommended measures/);
    expect(await db().outboxMessage.count({ where: { caseId: id, kind: "incident.noticeDue", toAddress: csm.email } })).toBe(1);
    expect(await db().activityLog.count({ where: { caseId: id, action: "case.incidentImpact" } })).toBe(1);
  });

  it("without that clause in the agreement, no deadline is set", async () => {
    const { id } = await caseOn(quietAccount);
    expect((await recordIncidentImpact(support, { id, version: await version(id) })).notifyDeadline).toBeNull();
  });

  it("the notice as sent must tell the customer how to track the case; then it is recorded once", async () => {
    const { id } = await caseOn(notifyingAccount);
    await recordIncidentImpact(support, { id, version: await version(id) });
    const c = await db().case.findUniqueOrThrow({ where: { id } });
    const sentAt = new Date().toISOString().slice(0, 16);
    const bad = ZRecordCustomerNotified.parse({ id, version: c.version, text: "We had an incident. Please rotate your tokens and review members.", sentAt });
    await expect(recordCustomerNotified(csm, bad)).rejects.toMatchObject({ code: "VALIDATION" });
    const good = ZRecordCustomerNotified.parse({ id, version: c.version, text: c.notifyText!, sentAt });
    await recordCustomerNotified(csm, good);
    expect((await db().case.findUniqueOrThrow({ where: { id } })).notifiedAt).not.toBeNull();
    await expect(recordCustomerNotified(csm, { ...good, version: c.version + 1 })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("a stale version is a conflict, and another team's case is not found", async () => {
    const { id } = await caseOn(notifyingAccount);
    await expect(recordIncidentImpact(support, { id, version: 99 })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(recordIncidentImpact(sirt, { id, version: await version(id) })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
