import type { PrismaClient } from "@/generated/prisma/client";

/**
 * Gives the submitted cases that seedBulkCases made (tests/support/bulk-cases.ts) a scope and a
 * stored decision each, with bulk SQL, so a re-evaluation has facts to work with: every case gets
 * 1-30 resources, 1-12 event types, a window 1-40 days back from its request (some past a month),
 * personal data on every fifth, and a CaseDecision whose `facts` and `checks` have the shape
 * cases/service.ts stores (the account's owned resources included, as in real snapshots). The
 * decision's outcome and route are those of the default policy, so a stricter or looser policy
 * changes a predictable share of them. Returns how many decisions it wrote.
 */
export async function seedBulkDecisions(prisma: PrismaClient, stamp: string): Promise<number> {
  // The scope on the case row itself (what the intake stored).
  await prisma.$executeRawUnsafe(`
    UPDATE "Case" c SET
      resources = (SELECT jsonb_agg(jsonb_build_object('kind', 'project', 'path', 'bulk-' || (c."accountId") || '/p' || i)) FROM generate_series(1, 1 + (abs(hashtext(c.id)) % 30)) i),
      "eventTypes" = (SELECT array_agg('event_' || i) FROM generate_series(1, 1 + (abs(hashtext(c.id || 'e')) % 12)) i),
      "logSources" = ARRAY['application']::"LogSource"[],
      "windowTo" = c."requestedAt" - interval '1 hour',
      "windowFrom" = c."requestedAt" - ((1 + abs(hashtext(c.id || 'w')) % 40) || ' days')::interval,
      "personalData" = (abs(hashtext(c.id || 'p')) % 5 = 0)
    WHERE c.reference LIKE 'IR-B${stamp}-%' AND c."requestedAt" IS NOT NULL`);
  const written = await prisma.$executeRawUnsafe(`
    WITH f AS (
      SELECT c.id, c.status, c."requestedAt" AS req, c."windowFrom" AS wfrom, c."windowTo" AS wto, c."personalData" AS pd,
        jsonb_array_length(c.resources) AS n_res, cardinality(c."eventTypes") AS n_ev, c.resources, c."eventTypes",
        (c."windowFrom" >= c."requestedAt" - interval '1 month') AS window_ok,
        (c."requestedAt" - c."windowFrom") > interval '7 days' AS extended
      FROM "Case" c WHERE c.reference LIKE 'IR-B${stamp}-%' AND c."requestedAt" IS NOT NULL
    ), o AS (
      SELECT f.*,
        CASE WHEN NOT window_ok THEN 'ineligible' WHEN n_res > 20 OR n_ev > 10 THEN 'rescope' ELSE 'eligible' END AS outcome
      FROM f
    )
    INSERT INTO "CaseDecision" (id, "caseId", outcome, route, extended, checks, "policyVersion", policy, facts, reason, "evaluatedAt")
    SELECT gen_random_uuid()::text, o.id, o.outcome::"Outcome",
      CASE WHEN o.outcome <> 'eligible' THEN NULL WHEN NOT o.extended AND NOT o.pd AND o.n_res <= 5 THEN 'support'::"Team" ELSE 'sirt'::"Team" END,
      o.extended,
      jsonb_build_array(
        jsonb_build_object('id', 'plan', 'result', 'pass', 'message', 'The account is on the premium plan, paying, with a current support plan.'),
        jsonb_build_object('id', 'deployment', 'result', 'pass', 'message', 'The account is on SaaS.'),
        jsonb_build_object('id', 'ownership', 'result', 'pass', 'message', 'The customer owns every resource of interest.'),
        jsonb_build_object('id', 'window', 'result', CASE WHEN o.window_ok THEN 'pass' ELSE 'fail' END, 'message', 'The window is checked against the request time.'),
        jsonb_build_object('id', 'log-source', 'result', 'pass', 'message', 'Searchable log sources: application.'),
        jsonb_build_object('id', 'resources', 'result', CASE WHEN o.n_res > 20 THEN 'fail' ELSE 'pass' END, 'message', o.n_res || ' resources are listed (maximum 20).'),
        jsonb_build_object('id', 'event-types', 'result', CASE WHEN o.n_ev > 10 THEN 'fail' ELSE 'pass' END, 'message', o.n_ev || ' event types are listed (maximum 10).')),
      'rules-1:window=1mo,standard=7d,resources=20,events=10,support=5,waived=none',
      '{"maxWindowMonths":1,"standardWindowDays":7,"maxResources":20,"maxEventTypes":10,"supportMaxResources":5,"waived":[]}'::jsonb,
      jsonb_build_object(
        'requestedAt', to_char(o.req, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'account', jsonb_build_object('plan', 'premium', 'deployment', 'saas', 'paying', true, 'supportPlan', 'current', 'owned', o.resources),
        'resources', o.resources,
        'eventTypes', to_jsonb(o."eventTypes"),
        'logSources', '["application"]'::jsonb,
        'window', jsonb_build_object('from', to_char(o.wfrom, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'to', to_char(o.wto, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        'personalData', o.pd),
      'submit', o.req
    FROM o`);
  await prisma.$executeRawUnsafe(`ANALYZE "Case"`);
  await prisma.$executeRawUnsafe(`ANALYZE "CaseDecision"`);
  return written;
}
