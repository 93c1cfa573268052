// Issue 12's "Done when" for the activity chain, as an operator would meet it: a data folder made
// the way `npm start` makes it (migrations, reference data, demo staff and accounts), then
// `npm run audit:verify` on copies of it where one row was changed, one deleted, and two swapped
// behind the portal's back (trigger disabled, straight SQL on the folder).
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPGlite } from "@/lib/db/pglite";
import type { Env } from "@/lib/env";
import { bootDatabase } from "@/lib/server/boot";
import { testPostgresUrl } from "../support/template";

const root = mkdtempSync(path.join(os.tmpdir(), "logdesk-audit-demo-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const demo = path.join(root, "demo");
let ids: bigint[] = [];

function verify(dataDir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/register.mjs", "scripts/audit-verify.ts"],
      { cwd: process.cwd(), timeout: 90_000, env: { ...process.env, LOGDESK_DATA_DIR: dataDir, DATABASE_URL: "", npm_lifecycle_event: "" } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === "number" ? err.code : -1) : 0, stdout, stderr }),
    );
  });
}

/** A copy of the demo folder with `sql` run on it, the append-only trigger off meanwhile. */
async function tamperedCopy(name: string, sql: string): Promise<string> {
  const dir = path.join(root, name);
  cpSync(demo, dir, { recursive: true });
  const p = await createPGlite(path.join(dir, "pglite"));
  await p.exec(`ALTER TABLE "ActivityLog" DISABLE TRIGGER "ActivityLog_append_only"; ${sql}; ALTER TABLE "ActivityLog" ENABLE TRIGGER "ActivityLog_append_only"`);
  await p.close();
  return dir;
}

// The embedded folder only: the PostgreSQL pass has the same checks in activity-chain.test.ts.
describe.skipIf(Boolean(testPostgresUrl()))("npm run audit:verify on a data folder with the demo history", () => {
  beforeAll(async () => {
    const e = { dataDir: demo, DATABASE_URL: undefined, embedded: true, LOGDESK_DEMO_DATA: true } as unknown as Env;
    const boot = await bootDatabase(e);
    try {
      expect(boot.seededDemo).toBe(true);
      ids = (await boot.database.prisma.activityLog.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((r) => r.id);
    } finally {
      await boot.database.close();
    }
    expect(ids.length).toBeGreaterThanOrEqual(6);
  }, 120_000);

  it("passes on the folder as the portal left it, printing the count and the head", async () => {
    const r = await verify(demo);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`holds: ${ids.length} entries, head [0-9a-f]{64}`));
  }, 120_000);

  it("names the changed entry", async () => {
    const victim = ids[3]!;
    const r = await verify(await tamperedCopy("changed", `UPDATE "ActivityLog" SET "entityId" = 'someone-else' WHERE "id" = ${victim}`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`first entry that does not fit: id ${victim}`);
  }, 120_000);

  it("names the entry after a deleted one", async () => {
    const r = await verify(await tamperedCopy("deleted", `DELETE FROM "ActivityLog" WHERE "id" = ${ids[2]}`));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`first entry that does not fit: id ${ids[3]}`);
  }, 120_000);

  it("names the first of two swapped entries", async () => {
    const [a, b] = [ids[1]!, ids[4]!];
    const r = await verify(
      await tamperedCopy(
        "swapped",
        `UPDATE "ActivityLog" SET "id" = -1 WHERE "id" = ${a}; UPDATE "ActivityLog" SET "id" = ${a} WHERE "id" = ${b}; UPDATE "ActivityLog" SET "id" = ${b} WHERE "id" = -1`,
      ),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`first entry that does not fit: id ${a}`);
  }, 120_000);
});
