import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/session";
import { exportCaseList, CASE_CSV_HEADER, CASE_METADATA_CSV_HEADER } from "@/lib/cases/export-cases";
import { db } from "@/lib/db";
import { cursorBatches } from "@/lib/records/cursor-batches";
import { exportUpdatesDue, BOARD_CSV_HEADER } from "@/lib/updates/export-board";
import { useTestDatabase } from "../support/db";
import { createAccount, createCase, createUser } from "../support/factories";

useTestDatabase();

const H = 3_600_000;
// A Wednesday noon: the default calendar (Mon-Fri, whole days, UTC) is running.
const NOW = new Date("2026-11-25T12:00:00Z");
const at = (ms: number) => new Date(NOW.getTime() + ms);

let support: SessionUser, otherSupport: SessionUser, sirt: SessionUser, admin: SessionUser, csm: SessionUser;
let accountId: string;

async function text(gen: AsyncGenerator<string>): Promise<string> {
  let out = "";
  for await (const chunk of gen) out += chunk;
  return out;
}
const lines = (csv: string) => csv.split("\r\n").filter(Boolean);
/** RFC 4180 cells of one line (no line breaks inside cells in these fixtures). */
function cells(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    out.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    if (!m[2]) break;
  }
  return out;
}
const firstCells = (csv: string) => lines(csv).slice(1).map((l) => cells(l)[0]);

beforeAll(async () => {
  [support, otherSupport, sirt, admin, csm] = (await Promise.all((["support", "support", "sirt", "admin", "csm"] as const).map((r) => createUser(r)))) as SessionUser[];
  const account = await createAccount({ name: "Acme, Inc." });
  accountId = account.id;
  await db().accountManager.create({ data: { accountId, userId: csm.id } });
  // 7 Support cases (more than one cursor batch of 3 below), 2 SIRT cases.
  for (let i = 1; i <= 7; i++) {
    await createCase({
      reference: `IR-2026-10${i}`,
      accountId,
      authorId: support.id,
      team: "support",
      status: i % 2 ? "in_progress" : "accepted",
      acceptedAt: at(-48 * H),
      nextUpdateDue: i === 7 ? at(72 * H) : at((i - 4) * H),
      createdAt: at(-i * H),
      summary: i === 3 ? "=HYPERLINK(\"http://evil.example\",\"click\")" : `Token misuse, case ${i}`,
    });
  }
  await createCase({ reference: "IR-2026-201", accountId, authorId: otherSupport.id, team: "sirt", status: "accepted", acceptedAt: at(-H), nextUpdateDue: at(20 * H), createdAt: at(-30 * H) });
  await createCase({ reference: "IR-2026-202", accountId, authorId: otherSupport.id, team: "sirt", status: "closed", resolution: "withdrawn", closedAt: at(-H), createdAt: at(-40 * H) });
});

describe("cursorBatches", () => {
  it("reads every row once, in order, across batch edges", async () => {
    const seen: string[] = [];
    let batches = 0;
    const where = { team: "support" as const };
    const orderBy = [{ createdAt: "desc" as const }, { id: "desc" as const }];
    for await (const rows of cursorBatches((args) => db().case.findMany({ ...args, select: { id: true, reference: true } }), where, orderBy, 3)) {
      batches++;
      seen.push(...rows.map((r) => r.reference!));
    }
    expect(batches).toBe(3);
    expect(seen).toEqual(["IR-2026-101", "IR-2026-102", "IR-2026-103", "IR-2026-104", "IR-2026-105", "IR-2026-106", "IR-2026-107"]);
  });
});

describe("cursorBatches on a sort with empty values (drafts have no reference or requestedAt)", () => {
  it.each([
    ["requested", [{ requestedAt: { sort: "desc" as const, nulls: "last" as const } }, { id: "desc" as const }]],
    ["reference", [{ reference: { sort: "asc" as const, nulls: "last" as const } }, { id: "asc" as const }]],
  ])("%s: every row once, the empty ones last", async (_sort, orderBy) => {
    const drafts = await Promise.all([1, 2, 3].map(() => createCase({ accountId, authorId: csm.id, status: "draft", reference: null, requestedAt: null })));
    try {
      const where = { accountId };
      const all = (await db().case.findMany({ where, orderBy, select: { id: true } })).map((r) => r.id);
      const seen: string[] = [];
      for await (const rows of cursorBatches((args) => db().case.findMany({ ...args, select: { id: true } }), where, orderBy, 2)) seen.push(...rows.map((r) => r.id));
      expect(seen).toEqual(all);
      expect(seen.slice(-3).sort()).toEqual(drafts.map((d) => d.id).sort());
    } finally {
      await db().case.deleteMany({ where: { id: { in: drafts.map((d) => d.id) } } });
    }
  });
});

describe("case list CSV", () => {
  it("has every case the filters match (not only one page), in the list's order, inside what the user sees", async () => {
    const csv = await text(await exportCaseList(support, { status: ["in_progress"], sort: "oldest" }, { now: NOW }));
    expect(lines(csv)[0]).toBe(CASE_CSV_HEADER.join(","));
    expect(firstCells(csv)).toEqual(["IR-2026-107", "IR-2026-105", "IR-2026-103", "IR-2026-101"]);
    // SIRT cases are outside Support's sight, whatever the filter.
    const all = await text(await exportCaseList(support, {}, { now: NOW }));
    expect(firstCells(all)).toHaveLength(7);
    expect(all).not.toContain("IR-2026-201");
  });

  it("quotes commas and guards formulas", async () => {
    const csv = await text(await exportCaseList(support, { status: ["in_progress"] }, { now: NOW }));
    expect(csv).toContain(`"Acme, Inc."`);
    expect(cells(lines(csv).find((l) => l.startsWith("IR-2026-103,"))!)[5]).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
  });

  it("says whether the customer update is overdue, and the resolution of a closed case", async () => {
    const csv = await text(await exportCaseList(sirt, {}, { now: NOW }));
    const rows = lines(csv).slice(1);
    expect(rows).toHaveLength(2);
    const closed = rows.find((r) => r.startsWith("IR-2026-202,"))!;
    expect(cells(closed).slice(0, 4)).toEqual(["IR-2026-202", "closed", "withdrawn", "sirt"]);
    const open = rows.find((r) => r.startsWith("IR-2026-201,"))!;
    expect(cells(open)[CASE_CSV_HEADER.indexOf("update_overdue")]).toBe("no");
  });

  it("gives Admin metadata only", async () => {
    const csv = await text(await exportCaseList(admin, {}, { now: NOW }));
    expect(lines(csv)[0]).toBe(CASE_METADATA_CSV_HEADER.join(","));
    expect(firstCells(csv)).toHaveLength(9);
    expect(csv).not.toContain("Acme");
    expect(csv).not.toContain("Token misuse");
  });

  it("is written to the activity log with its filters", async () => {
    await text(await exportCaseList(support, { team: "support", q: "token" }, { now: NOW }));
    const entry = await db().activityLog.findFirst({ where: { action: "records.exportCases", actorId: support.id }, orderBy: { id: "desc" } });
    expect(entry?.meta).toEqual({ filters: { team: "support", q: "token" } });
  });
});

describe("Updates due board CSV", () => {
  it("lists every open case of the scope with a running clock, most overdue first, grouped in words", async () => {
    const csv = await text(await exportUpdatesDue(support, { scope: "mine", now: NOW }));
    expect(lines(csv)[0]).toBe(BOARD_CSV_HEADER.join(","));
    const rows = lines(csv).slice(1).map(cells);
    expect(rows.map((r) => r[1])).toEqual(["IR-2026-101", "IR-2026-102", "IR-2026-103", "IR-2026-104", "IR-2026-105", "IR-2026-106", "IR-2026-107"]);
    expect(rows[0]![0]).toBe("overdue");
    expect(rows[0]![7]).toBe("overdue by 3 h");
    expect(rows.at(-1)![0]).toBe("later");
  });

  it("is refused to roles without the board, and logged for those with it", async () => {
    await expect(exportUpdatesDue(sirt, { now: NOW })).rejects.toThrow();
    await text(await exportUpdatesDue(csm, { scope: "team", now: NOW }));
    expect(await db().activityLog.count({ where: { action: "records.exportUpdatesDue", actorId: csm.id } })).toBe(1);
  });
});
