import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { metrics } from "./registry";

/**
 * /api/metrics (issue 14): the process's metrics (lib/metrics/registry.ts) and, read at scrape, the
 * jobs by state and kind and the outbox by status: three small grouped queries on indexed columns.
 */
export async function renderMetrics(prisma: PrismaClient, now = new Date()): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const [jobs, outbox, oldest] = await Promise.all([
    prisma.job.groupBy({ by: ["status", "kind"], _count: { _all: true } }),
    prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } }),
    prisma.outboxMessage.findFirst({ where: { status: "pending" }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  // Reset first: a kind whose last job was pruned disappears rather than keeping its old figure.
  m.jobs.reset();
  for (const g of jobs) m.jobs.set({ state: g.status, kind: g.kind }, g._count._all);
  m.outboxMessages.reset();
  for (const status of ["pending", "sent", "failed"]) m.outboxMessages.set({ status }, outbox.find((g) => g.status === status)?._count._all ?? 0);
  m.outboxOldestPendingSeconds.set(oldest ? Math.max(0, (now.getTime() - oldest.createdAt.getTime()) / 1000) : 0);
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

/**
 * Whether an Authorization header carries the metrics token ("Bearer <token>"), compared in constant
 * time (both sides hashed first, so neither the length nor a prefix shows in the timing).
 */
export function metricsTokenMatches(authorization: string | null, token: string): boolean {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1] ?? "";
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(token).digest();
  return timingSafeEqual(a, b) && presented.length > 0;
}
