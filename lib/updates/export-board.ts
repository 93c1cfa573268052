import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { actorOf, recordActivity } from "@/lib/audit";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { csvRow } from "@/lib/records/csv";
import { cursorBatches } from "@/lib/records/cursor-batches";
import { BOARD_ROW_SELECT, boardWhere, dueSoonLimitsAndZones, managedBy, toBoardRows, type BoardScope, type DueGroup } from "./board";

export const BOARD_CSV_HEADER = ["group", "reference", "status", "team", "account", "due_at_utc", "team_time_zone", "due_in_words", "extended", "last_relay_at", "update_waiting_to_relay"] as const;

const GROUP_WORDS: Record<DueGroup, string> = { overdue: "overdue", due_soon: "due soon", later: "later" };

async function* boardCsv(user: SessionUser, scope: BoardScope, now: Date, prisma: PrismaClient): AsyncGenerator<string> {
  const { limits, zones } = await dueSoonLimitsAndZones(prisma, now);
  yield csvRow(BOARD_CSV_HEADER);
  const orderBy = [{ nextUpdateDue: "asc" as const }, { id: "asc" as const }];
  for await (const cases of cursorBatches((args) => prisma.case.findMany({ ...args, select: { ...BOARD_ROW_SELECT, id: true } }), boardWhere(user, scope, await managedBy(prisma, user)), orderBy)) {
    for (const r of await toBoardRows(prisma, cases, now, limits, zones)) {
      yield csvRow([GROUP_WORDS[r.group], r.reference, r.status, r.team, r.account, r.due, r.timeZone, r.dueInWords, r.extended ? "yes" : "no", r.lastRelayAt, r.hasUpdateToRelay ? "yes" : "no"]);
    }
  }
}

/**
 * The Updates due board as CSV (every row of the scope, most overdue first, with the board's
 * groups measured at one `now`). The export is written to the activity log before the rows stream.
 */
export async function exportUpdatesDue(user: SessionUser, opts: { scope?: BoardScope; now?: Date; prisma?: PrismaClient } = {}): Promise<AsyncGenerator<string>> {
  authorize(user, "updates.read");
  const prisma = opts.prisma ?? db();
  const scope = opts.scope ?? "mine";
  await recordActivity(prisma, { actor: actorOf(user), action: "records.exportUpdatesDue", entityType: "Case", entityId: "csv", meta: { filters: { scope } } });
  return boardCsv(user, scope, opts.now ?? new Date(), prisma);
}
