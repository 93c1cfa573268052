import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { CASE_METADATA_SELECT, visibleCasesWhere } from "./visibility";

export const PAGE_SIZE = 25;

const LIST_SELECT = {
  ...CASE_METADATA_SELECT,
  summary: true,
  outcome: true,
  extended: true,
  nextUpdateDue: true,
  account: { select: { name: true } },
  author: { select: { name: true } },
} as const;

/** A page of the cases the user may see, newest first. Admin gets metadata only. */
export async function listCasesForUser(user: SessionUser, page = 1) {
  const where = visibleCasesWhere(user);
  const skip = (Math.max(1, page) - 1) * PAGE_SIZE;
  const [rows, total] = await Promise.all([
    user.role === "admin"
      ? db().case.findMany({ where, select: CASE_METADATA_SELECT, orderBy: { createdAt: "desc" }, skip, take: PAGE_SIZE })
      : db().case.findMany({ where, select: LIST_SELECT, orderBy: { createdAt: "desc" }, skip, take: PAGE_SIZE }),
    db().case.count({ where }),
  ]);
  return { rows, total, page: Math.max(1, page), pageSize: PAGE_SIZE };
}

/** One case, or NOT_FOUND when it does not exist or the user may not see it (the same answer on purpose). */
export async function getCaseForUser(user: SessionUser, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound("That case");
  const where = { AND: [{ id }, visibleCasesWhere(user)] };
  const found =
    user.role === "admin"
      ? await db().case.findFirst({ where, select: CASE_METADATA_SELECT })
      : await db().case.findFirst({ where, select: { ...LIST_SELECT, requesterName: true, requesterEmail: true, windowFrom: true, windowTo: true, personalData: true } });
  if (!found) throw notFound("That case");
  return found;
}
