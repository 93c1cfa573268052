import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Inserts `count` cases with bulk SQL (one INSERT ... SELECT generate_series),
 * spread over accounts, authors, statuses, teams and two years, with some
 * exceptions for Legal and artefacts on the cases past the log-dive. Used by the EXPLAIN tests and the
 * list benchmark. Returns the ids it made up for the people involved.
 */
export async function seedBulkCases(prisma: PrismaClient, count: number, opts: { accounts?: number } = {}) {
  const nAccounts = opts.accounts ?? 200;
  const stamp = Date.now().toString(36);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Account" (id, name, slug, plan, deployment, paying, "supportPlan", "updatedAt")
    SELECT gen_random_uuid()::text, 'Bulk account ' || g, 'bulk-${stamp}-' || g, 'premium', 'saas', true, 'current', now()
    FROM generate_series(1, ${nAccounts}) g`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "User" (id, email, name, role, "updatedAt")
    SELECT gen_random_uuid()::text, 'bulk-${stamp}-' || r || '-' || g || '@bulk.example', 'Bulk ' || r || ' ' || g, r::"Role", now()
    FROM unnest(ARRAY['support','csm','sirt','legal']) r, generate_series(1, 20) g`);
  // Each bulk CSM manages ten accounts.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "AccountManager" ("accountId", "userId")
    SELECT a.id, u.id FROM
      (SELECT id, row_number() OVER (ORDER BY id) n FROM "Account" WHERE slug LIKE 'bulk-${stamp}-%') a
      JOIN (SELECT id, row_number() OVER (ORDER BY id) n FROM "User" WHERE role = 'csm' AND email LIKE 'bulk-${stamp}-%') u
      ON (a.n % 20) + 1 = u.n AND a.n <= 200`);
  await prisma.$executeRawUnsafe(`
    WITH acc AS (SELECT array_agg(id ORDER BY id) ids FROM "Account" WHERE slug LIKE 'bulk-${stamp}-%'),
         aut AS (SELECT array_agg(id ORDER BY id) ids FROM "User" WHERE role IN ('support','csm') AND email LIKE 'bulk-${stamp}-%'),
         src AS (
           SELECT g,
             (ARRAY['draft','rescope','ineligible','legal_review','accepted','in_progress','artefacts_in_review','approved','shared','closed'])[1 + (g * 7) % 10] AS status,
             now() - ((g % 730) || ' days')::interval - ((g % 1440) || ' minutes')::interval AS created
           FROM generate_series(1, ${count}) g)
    INSERT INTO "Case" (id, reference, status, team, "accountId", "authorId", summary, "requesterName", "requesterEmail",
                        "requestedAt", outcome, "createdAt", "updatedAt", "searchText", "nextUpdateDue")
    SELECT gen_random_uuid()::text,
      CASE WHEN status = 'draft' THEN NULL ELSE 'IR-B${stamp}-' || g END,
      status::"CaseStatus",
      CASE WHEN status IN ('draft','rescope','ineligible','legal_review') THEN NULL WHEN g % 3 = 0 THEN 'sirt'::"Team" ELSE 'support'::"Team" END,
      acc.ids[1 + g % array_length(acc.ids, 1)],
      aut.ids[1 + (g * 13) % array_length(aut.ids, 1)],
      'Suspicious ' || (ARRAY['token use','SSH key','pipeline run','member removal','webhook change'])[1 + g % 5] || ' case ' || g,
      'Requester ' || g, 'requester' || g || '@bulk.example',
      CASE WHEN status = 'draft' THEN NULL ELSE created END,
      CASE WHEN status IN ('draft') THEN NULL WHEN status = 'rescope' THEN 'rescope'::"Outcome" WHEN status IN ('ineligible','legal_review') THEN 'ineligible'::"Outcome" ELSE 'eligible'::"Outcome" END,
      created, created,
      lower('IR-B${stamp}-' || g || E'\\n' || 'bulk account ' || (1 + g % ${nAccounts}) || E'\\nrequester ' || g || E'\\nsuspicious case ' || g),
      CASE WHEN status IN ('accepted','in_progress') THEN created + interval '12 hours' ELSE NULL END
    FROM src, acc, aut`);
  await prisma.$executeRawUnsafe(`
    INSERT INTO "LegalException" (id, "caseId", reason, "requestedById", status)
    SELECT gen_random_uuid()::text, c.id, 'Bulk exception', c."authorId", 'requested'
    FROM "Case" c WHERE c.status = 'legal_review' AND c.reference LIKE 'IR-B${stamp}-%'`);
  // Cases past the log-dive carry one artefact each, in review, approved or shared.
  await prisma.$executeRawUnsafe(`
    INSERT INTO "Artefact" (id, "caseId", "uploadedById", filename, "contentType", status, format, "rawSha256", "rawSize", "redactedSha256", "redactedSize", "redactedLines", "updatedAt", "createdAt")
    SELECT gen_random_uuid()::text, c.id, c."authorId", 'extract-' || c.reference || '.ndjson', 'application/x-ndjson',
      (CASE c.status WHEN 'artefacts_in_review' THEN 'in_review' WHEN 'approved' THEN 'approved' ELSE 'shared' END)::"ArtefactStatus",
      'ndjson', md5(c.id) || md5(c.reference), 1048576, md5(c.reference) || md5(c.id), 1000000, 5000, c."createdAt" + interval '2 days', c."createdAt" + interval '1 day'
    FROM "Case" c WHERE c.status IN ('artefacts_in_review','approved','shared') AND c.reference LIKE 'IR-B${stamp}-%'`);
  await prisma.$executeRawUnsafe(`UPDATE "Case" SET "artefactReview" = true WHERE status IN ('artefacts_in_review','approved','shared') AND reference LIKE 'IR-B${stamp}-%'`);
  await prisma.$executeRawUnsafe(`ANALYZE`);
  const people = await prisma.user.findMany({ where: { email: { startsWith: `bulk-${stamp}-` } }, select: { id: true, email: true, name: true, role: true } });
  const pick = (role: string) => people.find((p) => p.role === role)!;
  return { stamp, support: pick("support"), csm: pick("csm"), sirt: pick("sirt"), legal: pick("legal") };
}
