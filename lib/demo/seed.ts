import type { PrismaClient } from "@/generated/prisma/client";
import { recordActivity, SYSTEM } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { appendSettingsVersion } from "@/lib/settings/append-version";
import { environmentDefaults } from "@/lib/settings/current-settings";
import { ensureSettings, type FirstDefaults } from "@/lib/settings/ensure-settings";
import { findCurrentSettings } from "@/lib/settings/queries";
import { normalizeHost } from "@/lib/settings/rules";
import { AUDIT_EVENT_TYPES } from "./audit-event-types";
import { DEMO_ACCOUNTS, DEMO_REDACTION_SETTINGS, DEMO_STAFF } from "./data";

/**
 * Reference data every installation needs: team calendars, the audit event catalogue, and a
 * settings version in force (version 1 from the environment when there is none). Idempotent.
 */
export async function seedReferenceData(prisma: PrismaClient, settingsDefaults: FirstDefaults = environmentDefaults()) {
  await ensureSettings(prisma, settingsDefaults);
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
  await seedDemoSettings(prisma);
}

export const DEMO_SETTINGS_NOTE = "Demo defaults: added the internal host suffixes and product host that the demo data and the sample extract (npm run sample-extract) are written for, to those in force.";

/**
 * The demo's redaction settings (DEMO_REDACTION_SETTINGS) merged into the version in force: the
 * suffixes and product hosts in force, then the demo's that are missing, as a settings version by
 * the system, policy values unchanged. Nothing in force is dropped (an Admin's own suffixes stay
 * when `db seed --demo` runs again), and nothing is written when nothing is missing.
 */
export async function seedDemoSettings(prisma: PrismaClient) {
  await ensureSettings(prisma, environmentDefaults());
  await prisma.$transaction(async (tx) => {
    const current = (await findCurrentSettings(tx))!;
    const union = (inForce: string[], demo: readonly string[]) => [...inForce, ...demo.filter((h) => !inForce.includes(normalizeHost(h))).map(normalizeHost)];
    const next = { ...current, internalHosts: union(current.internalHosts, DEMO_REDACTION_SETTINGS.internalHosts), productHosts: union(current.productHosts, DEMO_REDACTION_SETTINGS.productHosts) };
    if (next.internalHosts.length === current.internalHosts.length && next.productHosts.length === current.productHosts.length) return;
    await appendSettingsVersion(tx, null, current, next, DEMO_SETTINGS_NOTE, { demo: true });
  });
}

export async function isEmptyDatabase(prisma: PrismaClient) {
  return (await prisma.user.count()) === 0;
}
