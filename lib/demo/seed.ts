import type { PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { AUDIT_EVENT_TYPES } from "./audit-event-types";
import { DEMO_ACCOUNTS, DEMO_STAFF } from "./data";

/** Reference data every installation needs: team calendars and the audit event catalogue. Idempotent. */
export async function seedReferenceData(prisma: PrismaClient) {
  for (const team of ["support", "sirt"] as const) {
    await prisma.calendar.upsert({ where: { team }, create: { team }, update: {} });
  }
  const known = new Set((await prisma.auditEventType.findMany({ select: { name: true } })).map((r) => r.name));
  const missing = AUDIT_EVENT_TYPES.filter((t) => !known.has(t.name));
  if (missing.length) await prisma.auditEventType.createMany({ data: missing, skipDuplicates: true });
}

/**
 * Demo staff and customer accounts. Only ever called for the embedded
 * default on an empty database, or on explicit request (npm run db:seed -- --demo).
 */
export async function seedDemoData(prisma: PrismaClient) {
  const hashes = await Promise.all(DEMO_STAFF.map((s) => hashPassword(s.password)));
  await prisma.$transaction(async (tx) => {
    for (const [i, s] of DEMO_STAFF.entries()) {
      const user = await tx.user.upsert({
        where: { email: s.email },
        create: { email: s.email, name: s.name, role: s.role, passwordHash: hashes[i] },
        update: {},
        select: { id: true },
      });
      await recordActivity(tx, { actor: SYSTEM, action: "user.seedDemo", entityType: "User", entityId: user.id, after: { email: s.email, role: s.role } });
    }
    for (const a of DEMO_ACCOUNTS) {
      const exists = await tx.account.findUnique({ where: { slug: a.slug }, select: { id: true } });
      if (exists) continue;
      const account = await tx.account.create({
        data: {
          slug: a.slug,
          name: a.name,
          plan: a.plan,
          deployment: a.deployment,
          paying: a.paying,
          supportPlan: a.supportPlan,
          incidentNotification: a.incidentNotification,
          notificationContact: a.notificationContact ?? null,
          resources: {
            create: a.resources.map((r) => ({ kind: r.kind, path: r.path, pathLower: r.path.toLowerCase(), email: r.email ?? null })),
          },
        },
        select: { id: true },
      });
      for (const email of a.managedBy ?? []) {
        const csm = await tx.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
        await tx.accountManager.create({ data: { accountId: account.id, userId: csm.id } });
      }
      await recordActivity(tx, { actor: SYSTEM, action: "account.seedDemo", entityType: "Account", entityId: account.id, after: { slug: a.slug, exercises: a.exercises } });
    }
  });
}

export async function isEmptyDatabase(prisma: PrismaClient) {
  return (await prisma.user.count()) === 0;
}
