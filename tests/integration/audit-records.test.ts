// The records Admin and Legal read (activity log, security events): filters, keyset pages, CSV
// exports; and the signed checkpoints of the chain's head (written when the head moved, refused
// when a checkpoint or the chain disagrees). PGlite here, PostgreSQL in scripts/test-postgres.sh.
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { entryHash, GENESIS } from "@/lib/audit/chain";
import { checkCheckpoints, listCheckpoints, writeCheckpoint } from "@/lib/audit/checkpoint";
import { activityCsv, exportActivity, searchActivity } from "@/lib/audit/search";
import { verifyActivityChain } from "@/lib/audit/verify";
import { db, type Tx } from "@/lib/db";
import { createPGlite } from "@/lib/db/pglite";
import { PAGE_SIZE, ZActivityFilter, ZSecurityEventFilter } from "@/lib/records/filters";
import { recordSecurityEvent } from "@/lib/security-events/record-security-event";
import { orPageNotFound } from "@/lib/auth/page-guard";
import { notFound } from "@/lib/errors";
import { exportSecurityEvents, searchSecurityEvents, securityEventsCsv } from "@/lib/security-events/search";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

const ref = useTestDatabase();
const { privateKey, publicKey } = crypto.generateKeyPairSync("ed25519");
const keyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function runScript(script: string, envVars: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/register.mjs", script, ...args],
      { cwd: process.cwd(), timeout: 90_000, env: { ...process.env, ...envVars, npm_lifecycle_event: "" } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

const collect = async (g: AsyncGenerator<string>) => {
  let s = "";
  for await (const chunk of g) s += chunk;
  return s;
};
const af = (v: Record<string, string>) => ZActivityFilter.parse(v);
const sf = (v: Record<string, string>) => ZSecurityEventFilter.parse(v);

class Rollback extends Error {
  constructor(public result: unknown) {
    super("rollback");
  }
}
async function inRolledBack<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    await db().$transaction(async (tx) => {
      throw new Rollback(await fn(tx));
    });
  } catch (err) {
    if (err instanceof Rollback) return err.result as T;
    throw err;
  }
  throw new Error("unreachable");
}

describe("the activity log for Admin and Legal", () => {
  it("filters by actor, action and case, pages newest first by keyset, and exports the same rows as CSV", async () => {
    const legal = await createUser("legal", { email: "records-legal@corp.example", name: "Rita Records" });
    const author = await createUser("support");
    const account = await createAccount();
    const c = await createCase({ accountId: account.id, authorId: author.id, reference: "IR-2026-7777" });
    for (let i = 0; i < PAGE_SIZE + 20; i++) {
      await recordActivity(db(), { actor: { kind: "user", id: legal.id, role: "legal" }, action: "test.records", entityType: "Case", entityId: c.id, caseId: c.id, meta: { i } });
    }
    await recordActivity(db(), { actor: SYSTEM, action: "test.other", entityType: "Test", entityId: "x", meta: { note: "=HYPERLINK(\"http://evil\")" } });

    const first = await searchActivity(af({ actor: "records-legal" }));
    expect(first.rows).toHaveLength(PAGE_SIZE);
    expect(first.rows[0]!.meta).toEqual({ i: PAGE_SIZE + 19 }); // newest first
    expect(first.rows[0]).toMatchObject({ actorName: "Rita Records", actorEmail: "records-legal@corp.example", caseReference: "IR-2026-7777" });
    expect(first.newerThan).toBeNull();
    expect(first.olderThan).toBe(first.rows.at(-1)!.id);

    const second = await searchActivity(af({ actor: "records-legal", before: first.olderThan!.toString() }));
    expect(second.rows).toHaveLength(20);
    expect(second.olderThan).toBeNull();
    expect(second.rows[0]!.id < first.rows.at(-1)!.id).toBe(true);
    const back = await searchActivity(af({ actor: "records-legal", after: second.newerThan!.toString() }));
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));

    expect((await searchActivity(af({ case: "ir-2026-7777" }))).rows).toHaveLength(PAGE_SIZE);
    expect((await searchActivity(af({ case: "IR-2026-0000" }))).rows).toHaveLength(0);
    expect((await searchActivity(af({ action: "test.oth" }))).rows.map((r) => r.action)).toEqual(["test.other"]);
    expect((await searchActivity(af({ actor: "system", action: "test." }))).rows.map((r) => r.action)).toEqual(["test.other"]);
    expect((await searchActivity(af({ from: "2000-01-01", to: "2000-01-02" }))).rows).toHaveLength(0);

    const csv = await collect(activityCsv(af({ action: "test." })));
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("id,at,actor,actor_email,actor_role,action,entity_type,entity_id,case,before,after,meta,hash");
    expect(lines).toHaveLength(1 + PAGE_SIZE + 21);
    expect(lines[1]).toContain("test.other");
    expect(lines[1]).toContain(`"{""note"":""=HYPERLINK(\\""http://evil\\"")""}"`); // JSON text, not a formula cell
    expect(lines[2]).toMatch(/,Rita Records,records-legal@corp\.example,legal,test\.records,Case,.*,IR-2026-7777,/);
  });

  it("logs each export (who took a copy, with which filters) before the rows", async () => {
    const legal = await createUser("legal");
    const actor = { kind: "user" as const, id: legal.id, role: "legal" };
    const csv = await collect(await exportActivity(actor, af({ action: "records.export", before: "999999" })));
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(2); // written first, the export's own entry is in it
    expect(lines[1]).toContain("records.exportActivity");
    await collect(await exportSecurityEvents(actor, sf({ kind: "refused" })));
    const entries = await db().activityLog.findMany({ where: { actorId: legal.id }, orderBy: { id: "asc" } });
    expect(entries).toMatchObject([
      { action: "records.exportActivity", meta: { filters: { action: "records.export" } } },
      { action: "records.exportSecurityEvents", meta: { filters: { kind: "refused" } } },
    ]);
  });
});

describe("the security events for Admin and Legal", () => {
  it("filters by kind, actor, target and outcome, and exports CSV with formulas made text", async () => {
    const sirt = await createUser("sirt", { email: "probe-sirt@corp.example", name: "Sam Probe" });
    await recordSecurityEvent({ kind: "refused", actorId: sirt.id, email: sirt.email, target: "page:case:abc", outcome: "NOT_FOUND" });
    await recordSecurityEvent({ kind: "refused", actorId: sirt.id, email: sirt.email, target: "action:addEntry", outcome: "FORBIDDEN" });
    await recordSecurityEvent({ kind: "signInFailed", email: "=cmd|' /C calc'!A0", address: "203.0.113.9", target: "signIn:password", outcome: "CredentialsSignin" });

    expect((await searchSecurityEvents(sf({ actor: "Sam Probe" }))).rows.map((r) => r.outcome)).toEqual(["FORBIDDEN", "NOT_FOUND"]);
    expect((await searchSecurityEvents(sf({ kind: "refused", outcome: "not_found" }))).rows.map((r) => r.target)).toContain("page:case:abc");
    expect((await searchSecurityEvents(sf({ target: "action:" }))).rows.map((r) => r.target)).toEqual(["action:addEntry"]);
    expect((await searchSecurityEvents(sf({ kind: "signInFailed" }))).rows).toHaveLength(1);

    const csv = await collect(securityEventsCsv(sf({ kind: "signInFailed" })));
    const lines = csv.split("\r\n").filter(Boolean);
    expect(lines[0]).toBe("id,at,kind,actor,email,address,target,outcome,detail");
    expect(lines[1]).toContain(",signInFailed,,'=cmd|' /C calc'!A0,203.0.113.9,signIn:password,CredentialsSignin,");
  });
});

describe("a page's guard miss (case, artefact) is a recorded refusal", () => {
  it("records who asked for which case, then answers the 404 page", async () => {
    const sirt = await createUser("sirt");
    const user = { ...sirt, role: "sirt" as const };
    await expect(orPageNotFound(Promise.reject(notFound("That case")), user, "case:00000000-0000-0000-0000-000000000000")).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/);
    const ev = await db().securityEvent.findFirst({ where: { actorId: sirt.id }, orderBy: { id: "desc" } });
    expect(ev).toMatchObject({ kind: "refused", target: "page:case:00000000-0000-0000-0000-000000000000", outcome: "NOT_FOUND", email: sirt.email });
    // Other errors pass through unrecorded.
    await expect(orPageNotFound(Promise.reject(new Error("boom")), user, "case:x")).rejects.toThrow("boom");
    expect(await db().securityEvent.count({ where: { actorId: sirt.id } })).toBe(1);
    await expect(orPageNotFound(Promise.resolve(7), user, "case:x")).resolves.toBe(7);
  });
});

describe("signed checkpoints of the chain's head", () => {
  it("are written when the head moved, and only then", async () => {
    await recordActivity(db(), { actor: SYSTEM, action: "test.cp", entityType: "Test", entityId: "1" });
    const a = await writeCheckpoint(db(), privateKey);
    expect(a.written).toBe(true);
    const head = await db().activityChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(a.checkpoint).toMatchObject({ count: head.count, headHash: head.hash, lastId: head.lastId });
    expect(await writeCheckpoint(db(), privateKey)).toMatchObject({ written: false });
    await recordActivity(db(), { actor: SYSTEM, action: "test.cp", entityType: "Test", entityId: "2" });
    expect(await writeCheckpoint(db(), privateKey)).toMatchObject({ written: true });
    const all = await listCheckpoints(db());
    expect(all.length).toBeGreaterThanOrEqual(2);
    const report = await verifyActivityChain(db(), { hashesAt: new Set(all.map((c) => c.count)) });
    expect(report.ok).toBe(true);
    if (report.ok) expect(checkCheckpoints(all, publicKey, (n) => report.hashesAt.get(n))).toBeNull();
  });

  // Issue 15, several instances: every worker signs the head at start and every hour.
  it("several instances signing the same head at once store one checkpoint of it", async () => {
    await recordActivity(db(), { actor: SYSTEM, action: "test.cp", entityType: "Test", entityId: "3" });
    const results = await Promise.all(Array.from({ length: 4 }, () => writeCheckpoint(db(), privateKey)));
    expect(results.filter((r) => r.written)).toHaveLength(1);
    const head = await db().activityChainHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(await db().activityCheckpoint.count({ where: { count: head.count } })).toBe(1);
    expect(results.every((r) => r.checkpoint?.count === head.count)).toBe(true);
  });

  it("cannot be changed or deleted (trigger)", async () => {
    await expect(db().$executeRawUnsafe(`UPDATE "ActivityCheckpoint" SET "headHash" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`DELETE FROM "ActivityCheckpoint"`)).rejects.toThrow(/append-only/);
  });

  it("fail verification when a checkpoint was changed behind the portal's back", async () => {
    const misfit = await inRolledBack(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "ActivityCheckpoint" DISABLE TRIGGER "ActivityCheckpoint_append_only"`);
      await tx.$executeRawUnsafe(`UPDATE "ActivityCheckpoint" SET "headHash" = '${"f".repeat(64)}' WHERE "count" = (SELECT min("count") FROM "ActivityCheckpoint")`);
      const cps = (await tx.activityCheckpoint.findMany({ orderBy: { count: "asc" } })).map((r) => ({ ...r, count: BigInt(r.count), lastId: r.lastId === null ? null : BigInt(r.lastId) }));
      const report = await verifyActivityChain(tx, { hashesAt: new Set(cps.map((c) => c.count)) });
      return report.ok ? checkCheckpoints(cps, publicKey, (n) => report.hashesAt.get(n)) : null;
    });
    expect(misfit).toMatchObject({ reason: expect.stringMatching(/signature does not match/) });
  });

  it("fail verification when the chain was rewritten consistently (an entry deleted, every later hash recomputed)", async () => {
    const checkpoints = await listCheckpoints(db());
    const misfit = await inRolledBack(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "ActivityLog" DISABLE TRIGGER "ActivityLog_append_only"`);
      const rows = await tx.activityLog.findMany({ orderBy: { id: "asc" } });
      await tx.activityLog.delete({ where: { id: rows[0]!.id } });
      let prev = GENESIS;
      for (const r of rows.slice(1)) {
        const hash = entryHash(prev, r);
        await tx.activityLog.update({ where: { id: r.id }, data: { prevHash: prev, hash } });
        prev = hash;
      }
      await tx.$executeRaw`UPDATE "ActivityChainHead" SET "hash" = ${prev}, "count" = "count" - 1 WHERE "id" = 1`;
      const report = await verifyActivityChain(tx, { hashesAt: new Set(checkpoints.map((c) => c.count)) });
      expect(report.ok).toBe(true); // the chain alone cannot tell
      return report.ok ? checkCheckpoints(checkpoints, publicKey, (n) => report.hashesAt.get(n)) : null;
    });
    expect(misfit).toMatchObject({ count: checkpoints[0]!.count, reason: expect.stringMatching(/rewritten|fewer than/) });
  });

  it("npm run audit:checkpoint writes one and audit:verify checks it, then fails naming a changed checkpoint", async () => {
    if (process.env.TEST_DATABASE_URL || !ref.current.pglite) return; // the script runs on a copy of the embedded data folder
    const dir = mkdtempSync(path.join(os.tmpdir(), "logdesk-checkpoint-"));
    dirs.push(dir);
    await recordActivity(db(), { actor: SYSTEM, action: "test.cp", entityType: "Test", entityId: "3" });
    const dump = await ref.current.pglite.dumpDataDir("gzip");
    const copy = await createPGlite(path.join(dir, "pglite"), { loadDataDir: dump });
    await copy.close();
    const envVars = { LOGDESK_DATA_DIR: dir, DATABASE_URL: "", AUDIT_CHECKPOINT_KEY: Buffer.from(keyPem).toString("base64") };

    const cp = await runScript("scripts/audit-checkpoint.ts", envVars);
    expect(cp.code, cp.stderr).toBe(0);
    const doc = JSON.parse(cp.stdout) as { publicKey: string; checkpoints: { count: string; headHash: string }[] };
    expect(doc.publicKey).toBe(publicKey.export({ type: "spki", format: "pem" }).toString());
    expect(cp.stderr).toContain("checkpoint written");

    const ok = await runScript("scripts/audit-verify.ts", envVars);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/signed checkpoint\(s\) hold, the latest at \d+ entries/);

    // With the public key kept elsewhere: the right key holds, another key's file does not.
    const kept = path.join(dir, "kept.pub.pem");
    writeFileSync(kept, publicKey.export({ type: "spki", format: "pem" }).toString());
    const withKept = await runScript("scripts/audit-verify.ts", envVars, ["--public-key", kept]);
    expect(withKept.code, withKept.stderr).toBe(0);
    const other = path.join(dir, "other.pub.pem");
    writeFileSync(other, crypto.generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "pem" }).toString());
    const withOther = await runScript("scripts/audit-verify.ts", envVars, ["--public-key", other]);
    expect(withOther.code).toBe(1);
    expect(withOther.stderr).toMatch(/signed with key ed25519:[0-9a-f]+, not ed25519:[0-9a-f]+/);

    const p = await createPGlite(path.join(dir, "pglite"));
    await p.exec(`ALTER TABLE "ActivityCheckpoint" DISABLE TRIGGER "ActivityCheckpoint_append_only"; UPDATE "ActivityCheckpoint" SET "at" = "at" - interval '1 day' WHERE "count" = ${doc.checkpoints[0]!.count}`);
    await p.close();
    const bad = await runScript("scripts/audit-verify.ts", envVars);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`the checkpoint of ${doc.checkpoints[0]!.count} entries`);
    expect(bad.stderr).toMatch(/signature does not match/);
  }, 180_000);
});
