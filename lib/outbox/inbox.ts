import "server-only";
import { db } from "@/lib/db";

const PAGE = 25;

/**
 * The notifications addressed to one staff member, newest first: the portal's
 * copy of what the outbox sends (and all there is when no SMTP is configured).
 * Matches the address among comma-separated recipients, case-insensitively.
 */
export async function notificationsFor(email: string, page = 1) {
  const where = { OR: [{ toAddress: { equals: email, mode: "insensitive" as const } }, { toAddress: { contains: email, mode: "insensitive" as const } }] };
  const [rows, total] = await Promise.all([
    db().outboxMessage.findMany({
      where,
      select: { id: true, kind: true, subject: true, body: true, status: true, createdAt: true, sentAt: true, caseId: true },
      orderBy: { createdAt: "desc" },
      skip: (Math.max(1, page) - 1) * PAGE,
      take: PAGE,
    }),
    db().outboxMessage.count({ where }),
  ]);
  return { rows, total, page: Math.max(1, page), pageSize: PAGE };
}
