import type { PrismaClient } from "@/generated/prisma/client";

/**
 * What the Reports page counts, added with bulk SQL to the cases of seedBulkCases (its `stamp`):
 * acceptance times, three relays per routed case with the due times they were measured against
 * (most of them late), K2 deadlines and notices on one routed case in ten, Security and Legal
 * approvals of the approved and shared artefacts, shares of the shared ones, referrals for the
 * ineligible cases. Used by bench/reports.ts. Returns the row counts.
 */
export async function seedReportActivity(prisma: PrismaClient, stamp: string) {
  const mine = `reference LIKE 'IR-B${stamp}-%'`;
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "acceptedAt" = "requestedAt" + ((abs(hashtext(id)) % 900) || ' minutes')::interval WHERE team IS NOT NULL AND ${mine}`);
  // Three relays per routed case, 10 to 15 hours apart, each measured against a due time 12 hours after the previous one (so about 60% are late: a load, not a realistic mix).
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Relay" (id, "caseId", text, recipient, channel, "sentById", "sentAt", "dueAt")
    SELECT gen_random_uuid()::text, c.id, 'Bulk update ' || k, c."requesterEmail", 'email', c."authorId",
      c."acceptedAt" + ((k * 600 + abs(hashtext(c.id || k)) % 300) || ' minutes')::interval,
      c."acceptedAt" + (((k - 1) * 600 + 720) || ' minutes')::interval
    FROM "Case" c, generate_series(1, 3) k WHERE c."acceptedAt" IS NOT NULL AND c.${mine}`);
  // K2: one routed case in ten owes a notice within 24 hours; most are sent in time.
  await prisma.$executeRawUnsafe(`
    UPDATE "Case" SET "incidentAffects" = true, "notifyDeadline" = "acceptedAt" + interval '24 hours',
      "notifiedAt" = CASE WHEN abs(hashtext(id)) % 10 < 8 THEN "acceptedAt" + ((abs(hashtext(id)) % 1800) || ' minutes')::interval ELSE NULL END
    WHERE "acceptedAt" IS NOT NULL AND abs(hashtext(id || 'k2')) % 10 = 0 AND ${mine}`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "ArtefactApproval" (id, "artefactId", kind, decision, "decidedById", "decidedAt", revision, sha256)
    SELECT gen_random_uuid()::text, a.id, k::"ApprovalKind", 'approved', a."uploadedById", a."createdAt" + interval '1 day', 1, a."redactedSha256"
    FROM "Artefact" a JOIN "Case" c ON c.id = a."caseId", unnest(ARRAY['security','legal']) k WHERE a.status IN ('approved','shared') AND c.${mine}`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "ArtefactShare" (id, "artefactId", "sharedById", recipient, channel, manifest, signature, "sharedAt")
    SELECT gen_random_uuid()::text, a.id, a."uploadedById", 'customer@bulk.example', 'email', '{}'::jsonb, 'bulk', a."createdAt" + interval '2 days'
    FROM "Artefact" a JOIN "Case" c ON c.id = a."caseId" WHERE a.status = 'shared' AND c.${mine}`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "SubpoenaReferral" (id, "caseId", resources, status, "createdAt")
    SELECT gen_random_uuid()::text, c.id, '[]'::jsonb, (CASE WHEN abs(hashtext(c.id)) % 2 = 0 THEN 'open' ELSE 'closed' END)::"ReferralStatus", c."requestedAt"
    FROM "Case" c WHERE c.status = 'ineligible' AND c.${mine}`);
  // The exceptions bulk-cases made were all created "now": spread them over their cases' request times.
  await prisma.$executeRawUnsafe(`UPDATE "LegalException" e SET "createdAt" = c."requestedAt" FROM "Case" c WHERE c.id = e."caseId" AND c.${mine}`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const count = async (t: string) => Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) n FROM "${t}"`))[0]!.n);
  return { Case: await count("Case"), Relay: await count("Relay"), Artefact: await count("Artefact"), ArtefactApproval: await count("ArtefactApproval"), ArtefactShare: await count("ArtefactShare"), LegalException: await count("LegalException"), SubpoenaReferral: await count("SubpoenaReferral") };
}

