// A staff member's notifications (/notifications, lib/outbox/inbox.ts): found by the address among
// each message's recipients through their GIN index, never as a substring of another address.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { queueNotification } from "@/lib/outbox";
import { notificationsFor } from "@/lib/outbox/inbox";
import { recipientsOf } from "@/lib/outbox/recipients";
import { useTestDatabase } from "../support/db";

useTestDatabase();

const send = (to: string, subject: string, at: Date) =>
  db().$transaction(async (tx) => {
    const { id } = await queueNotification(tx, { kind: "test", to, subject, body: `To ${to}` });
    await tx.outboxMessage.update({ where: { id }, data: { createdAt: at } });
    return id;
  });

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

  it("is read through the recipients' GIN index", async () => {
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN SELECT id FROM "OutboxMessage" WHERE "recipients" @> ARRAY[$1]::text[] ORDER BY "createdAt" DESC LIMIT 26`, "ann@corp.example");
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toMatch(/OutboxMessage_recipients_idx/);
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
});
