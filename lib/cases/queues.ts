import "server-only";
import type { SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { visibleCasesWhere } from "./visibility";

const QUEUE_PAGE = 50;

/** The routed team's open work: accepted and in-progress cases, unassigned first, then oldest. */
export async function teamQueue(user: SessionUser, team: "support" | "sirt", page = 1) {
  const where = { AND: [visibleCasesWhere(user), { team, status: { in: ["accepted" as const, "in_progress" as const] } }] };
  const [rows, total] = await Promise.all([
    db().case.findMany({
      where,
      select: {
        id: true,
        reference: true,
        status: true,
        extended: true,
        personalData: true,
        priority: true,
        acceptedAt: true,
        nextUpdateDue: true,
        summary: true,
        account: { select: { name: true } },
        assignee: { select: { name: true } },
      },
      orderBy: [{ assigneeId: { sort: "asc", nulls: "first" } }, { acceptedAt: "asc" }, { id: "asc" }],
      skip: (page - 1) * QUEUE_PAGE,
      take: QUEUE_PAGE,
    }),
    db().case.count({ where }),
  ]);
  return { rows, total, page, pageSize: QUEUE_PAGE };
}

/** Legal's queue: exception requests and subpoena referrals waiting for Legal, oldest first. */
export async function legalQueue(user: SessionUser) {
  const visible = visibleCasesWhere(user);
  const [exceptions, referrals] = await Promise.all([
    db().legalException.findMany({
      where: { status: "requested", case: visible },
      select: { id: true, reason: true, createdAt: true, case: { select: { id: true, reference: true, account: { select: { name: true, plan: true } } } } },
      orderBy: { createdAt: "asc" },
      take: 200,
    }),
    db().subpoenaReferral.findMany({
      where: { status: "open", case: visible },
      select: { id: true, resources: true, createdAt: true, case: { select: { id: true, reference: true, account: { select: { name: true } } } } },
      orderBy: { createdAt: "asc" },
      take: 200,
    }),
  ]);
  return { exceptions, referrals };
}
