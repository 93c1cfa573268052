// A staff member's notifications (/notifications, lib/outbox/inbox.ts): found by the address among
// each message's recipients, never as a substring of another address, through OutboxRecipient's
// index in the page's order.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { queueNotification } from "@/lib/outbox";
import { notificationsFor } from "@/lib/outbox/inbox";
import { recipientsOf } from "@/lib/outbox/recipients";
import { withClock } from "@/lib/clock";
import { useTestDatabase } from "../support/db";

useTestDatabase();

/** A notification written at `at` (the injected clock the demo history uses). */
const send = (to: string, subject: string, at: Date) =>
  withClock(() => at, () => db().$transaction(async (tx) => (await queueNotification(tx, { kind: "test", to, subject, body: `To ${to}` })).id));

const t0 = Date.parse("2026-12-06T09:00:00Z");
beforeAll(async () => {
  await send("ann@corp.example", "one", new Date(t0));
  await send("joann@corp.example", "not Ann's: another address ends with hers", new Date(t0 + 1000));
  await send("Bob@corp.example, ANN@Corp.Example", "two", new Date(t0 + 2000));
  await send(" x@corp.example ,ann@corp.example ", "three", new Date(t0 + 3000));
  await send("annie@corp.example", "not Ann's: hers is a prefix of it", new Date(t0 + 4000));
  for (let i = 0; i < 30; i++) await send("busy@corp.example", `busy ${i}`, new Date(t0 + 10_000 + i * 1000));
});

describe("notificationsFor", () => {
  it("finds the messages with the address among their recipients, in any case, newest first", async () => {
    const got = await notificationsFor("Ann@corp.example");
    expect(got.rows.map((r) => r.subject)).toEqual(["three", "two", "one"]);
    expect(got).toMatchObject({ total: 3, capped: false, hasNext: false, page: 1 });
  });

  it("pages 25 at a time, with Next while more remain", async () => {
    const first = await notificationsFor("busy@corp.example", 1);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.subject).toBe("busy 29");
    expect(first).toMatchObject({ total: 30, hasNext: true });
    const second = await notificationsFor("busy@corp.example", 2);
    expect(second.rows.map((r) => r.subject)).toEqual(["busy 4", "busy 3", "busy 2", "busy 1", "busy 0"]);
    expect(second.hasNext).toBe(false);
    expect((await notificationsFor("nobody@corp.example")).total).toBe(0);
  });

  it("writes one inbox row per address with the message's time, and reads a page by the inbox's index in its order", async () => {
    const rows = await db().outboxRecipient.findMany({ where: { message: { subject: "two" } }, select: { recipient: true, createdAt: true, message: { select: { createdAt: true } } }, orderBy: { recipient: "asc" } });
    expect(rows.map((r) => r.recipient)).toEqual(["ann@corp.example", "bob@corp.example"]);
    expect(rows.every((r) => r.createdAt.getTime() === t0 + 2000 && r.message.createdAt.getTime() === t0 + 2000)).toBe(true);
    const plan = await db().$transaction(async (tx) => {
      // The test's few rows would be read whole and sorted; what matters is that the index holds the page's order.
      for (const off of ["enable_seqscan", "enable_bitmapscan", "enable_sort"]) await tx.$executeRawUnsafe(`SET LOCAL ${off} = off`);
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT "outboxId" FROM "OutboxRecipient" WHERE "recipient" = $1 ORDER BY "createdAt" DESC, "outboxId" DESC LIMIT 26`,
        "ann@corp.example",
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/Index (Only )?Scan using "OutboxRecipient_recipient_createdAt_outboxId_idx"/);
    expect(plan).not.toMatch(/Sort/);
  });

  it("equal times page by the message's id, newest first, with no row twice or missed across pages", async () => {
    const same = new Date(t0 + 100_000);
    for (let i = 0; i < 27; i++) await send("tied@corp.example", `tied ${i}`, same);
    const [first, second] = [await notificationsFor("tied@corp.example", 1), await notificationsFor("tied@corp.example", 2)];
    const ids = [...first.rows, ...second.rows].map((r) => r.id);
    expect(ids).toHaveLength(27);
    expect(new Set(ids).size).toBe(27);
    expect(ids).toEqual([...ids].sort().reverse());
    expect(first).toMatchObject({ total: 27, hasNext: true });
    // The page's raw read equals Prisma's form of it, field for field, on both pages.
    for (const [page, got] of [[1, first], [2, second]] as const) {
      const viaPrisma = await db().outboxRecipient.findMany({
        where: { recipient: "tied@corp.example" },
        orderBy: [{ createdAt: "desc" }, { outboxId: "desc" }],
        skip: (page - 1) * 25,
        take: 25,
        select: { message: { select: { id: true, kind: true, subject: true, body: true, status: true, createdAt: true, sentAt: true, caseId: true } } },
      });
      expect(got.rows).toEqual(viaPrisma.map((r) => r.message));
    }
  });

  it("the inbox row goes with its message", async () => {
    const id = await send("gone@corp.example", "to be removed", new Date(t0));
    await db().outboxMessage.delete({ where: { id } });
    expect(await db().outboxRecipient.count({ where: { outboxId: id } })).toBe(0);
    expect((await notificationsFor("gone@corp.example")).total).toBe(0);
  });

  it("the migration filled older messages' recipients as recipientsOf does", async () => {
    const dir = readdirSync(path.join(process.cwd(), "prisma/migrations")).find((d) => d.endsWith("_outbox_recipients"))!;
    const sql = readFileSync(path.join(process.cwd(), "prisma/migrations", dir, "migration.sql"), "utf8");
    const backfill = /UPDATE "OutboxMessage"[\s\S]*?\);/.exec(sql)![0];
    const tos = ["Old@Corp.Example", " a@x.example ,, B@x.example ", "a@x.example, A@x.example", ""];
    await db().outboxMessage.updateMany({ data: { recipients: [] } });
    const ids = await Promise.all(tos.map((to, i) => db().outboxMessage.create({ data: { kind: "old", toAddress: to, subject: "s", body: "b", messageId: `<old-${i}@logdesk>` }, select: { id: true } })));
    await db().$executeRawUnsafe(backfill);
    for (const [i, to] of tos.entries()) {
      const row = await db().outboxMessage.findUniqueOrThrow({ where: { id: ids[i]!.id }, select: { recipients: true } });
      // The SQL keeps a repeated address twice; the lookup is the same (the array contains it).
      expect([...new Set(row.recipients)], to).toEqual(recipientsOf(to));
    }
    expect((await notificationsFor("ann@corp.example")).total).toBe(3);
  });

  it("the migration filled the inbox of the messages written before it: each address once, with the message's time", async () => {
    const dir = readdirSync(path.join(process.cwd(), "prisma/migrations")).find((d) => d.endsWith("_outbox_recipient_inbox"))!;
    const sql = readFileSync(path.join(process.cwd(), "prisma/migrations", dir, "migration.sql"), "utf8");
    const backfill = /INSERT INTO "OutboxRecipient"[\s\S]*?;/.exec(sql)![0];
    // An older message whose recipients hold an address twice (the earlier migration's SQL kept repeats).
    await db().outboxMessage.create({ data: { kind: "old", toAddress: "Ann@corp.example, ann@corp.example", recipients: ["ann@corp.example", "ann@corp.example"], subject: "older", body: "b", messageId: "<older@logdesk>", createdAt: new Date(t0 - 1000) } });
    const written = await db().outboxRecipient.findMany({ select: { recipient: true, outboxId: true, createdAt: true } });
    await db().outboxRecipient.deleteMany({});
    await db().$executeRawUnsafe(backfill);
    const filled = await db().outboxRecipient.findMany({ select: { recipient: true, outboxId: true, createdAt: true } });
    const key = (r: { recipient: string; outboxId: string; createdAt: Date }) => `${r.outboxId} ${r.recipient} ${r.createdAt.toISOString()}`;
    const messages = await db().outboxMessage.findMany({ select: { id: true, recipients: true, createdAt: true } });
    const expected = messages.flatMap((m) => [...new Set(m.recipients)].map((recipient) => ({ recipient, outboxId: m.id, createdAt: m.createdAt })));
    expect(filled.map(key).sort()).toEqual(expected.map(key).sort());
    // What the service wrote is what the migration writes for the same messages.
    expect(filled.map(key)).toEqual(expect.arrayContaining(written.map(key)));
    expect((await notificationsFor("ann@corp.example")).rows.map((r) => r.subject)).toEqual(["three", "two", "one", "older"]);
  });
});
