import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Gives the submitted cases seedBulkCases made (tests/support/bulk-cases.ts, same `stamp`) a scope
 * with bulk SQL, so that evaluating them again means something: resources (60% of cases 1-2,
 * 25% 3-5, 10% 6-12, 5% 13-30; every 25th lists its first resource twice, in capitals), event
 * types (85% 1-4, the rest 5-14), application logs (every 50th asks for access logs too), a window
 * ending an hour before the request and starting 1-40 days before it, and personal data on every
 * fifth. The stored outcome of open cases is what the process document's policy gives them.
 */
export async function seedBulkScopes(prisma: PrismaClient, stamp: string): Promise<void> {
  await prisma.$executeRawUnsafe(`
    WITH s AS (
      SELECT c.id, c."requestedAt" AS req, abs(hashtext(c.id)) AS h, abs(hashtext(c.id || 'e')) AS he, abs(hashtext(c.id || 'w')) AS hw
      FROM "Case" c WHERE c.reference LIKE 'IR-B${stamp}-%' AND c."requestedAt" IS NOT NULL
    ), n AS (
      SELECT s.*,
        CASE WHEN h % 100 < 60 THEN 1 + h % 2 WHEN h % 100 < 85 THEN 3 + h % 3 WHEN h % 100 < 95 THEN 6 + h % 7 ELSE 13 + h % 18 END AS n_res,
        CASE WHEN he % 100 < 85 THEN 1 + he % 4 ELSE 5 + he % 10 END AS n_ev
      FROM s
    )
    UPDATE "Case" c SET
      resources = (SELECT jsonb_agg(jsonb_build_object('kind', 'project', 'path', 'bulk/p' || i) ORDER BY i) FROM generate_series(1, n.n_res) i)
        || CASE WHEN n.h % 25 = 0 THEN '[{"kind":"project","path":"BULK/P1"}]'::jsonb ELSE '[]'::jsonb END,
      "eventTypes" = (SELECT array_agg('event_' || i ORDER BY i) FROM generate_series(1, n.n_ev) i),
      "logSources" = CASE WHEN n.h % 50 = 0 THEN ARRAY['application','access'] ELSE ARRAY['application'] END::"LogSource"[],
      "windowTo" = n.req - interval '1 hour',
      "windowFrom" = n.req - ((1 + n.hw % 40) || ' days')::interval - ((n.hw % 1440) || ' minutes')::interval,
      "personalData" = (n.h % 5 = 0)
    FROM n WHERE c.id = n.id`);
  // Outcomes under the default policy (1 month, 20 resources, 10 event types), for the open cases.
  await prisma.$executeRawUnsafe(`
    UPDATE "Case" c SET outcome = CASE
        WHEN c."windowFrom" < c."requestedAt" - interval '1 month' THEN 'ineligible'
        WHEN 'access' = ANY(c."logSources") OR jsonb_array_length(c.resources) > 20 OR cardinality(c."eventTypes") > 10 THEN 'rescope'
        ELSE 'eligible' END::"Outcome"
    WHERE c.reference LIKE 'IR-B${stamp}-%' AND c.status IN ('rescope','accepted','in_progress','artefacts_in_review','approved','shared')`);
  await prisma.$executeRawUnsafe(`ANALYZE "Case"`);
}
