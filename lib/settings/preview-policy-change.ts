import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { fieldErrorsOf } from "@/lib/action-errors";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { getCurrentSettings } from "./current-settings";
import type { PolicyValues } from "./rules";
import { ZPreviewPolicyInput } from "./schemas";

export type Outcome = "eligible" | "rescope" | "ineligible";
export interface OutcomeRoute {
  outcome: Outcome;
  route: "support" | "sirt" | null;
}

export interface PreviewRow {
  caseId: string;
  reference: string;
  account: string;
  status: string;
  /** With the policy values in force (the "would move" is current -> next). */
  current: OutcomeRoute;
  next: OutcomeRoute;
  /** What the case holds: its stored outcome and team, from its last evaluation. */
  stored: OutcomeRoute;
  /** The settings version in force at its last evaluation (null: no evaluation on record). */
  storedUnder: number | null;
  /** The stored outcome or team is not what the values in force give (evaluated under other values, or moved by hand). */
  storedDiffers: boolean;
}

export interface PolicyPreview {
  /** The settings version the draft is compared with. */
  baseVersion: number;
  /** Open cases whose outcome can depend on the policy (see below). */
  evaluated: number;
  /** How many of them would get another outcome or route. */
  changed: number;
  /** Changes by kind, largest first: "eligible (Support) -> eligible (SIRT)": 12. */
  byKind: { from: OutcomeRoute; to: OutcomeRoute; count: number }[];
  rows: PreviewRow[];
  page: number;
  pageSize: number;
  tookMs: number;
}

export const PREVIEW_PAGE_SIZE = 25;

/**
 * Open cases: submitted and not closed. Ineligible cases are closed with their reasons; a case in
 * Legal's review is ineligible on its plan until Legal decides, whatever the policy says.
 */
const OPEN_STATUSES = ["submitted", "rescope", "accepted", "in_progress", "artefacts_in_review", "approved", "shared"] as const;

const parse = (v: string): OutcomeRoute => {
  const [outcome, route] = v.split(":") as [Outcome, "support" | "sirt" | undefined];
  return { outcome, route: route || null };
};

/**
 * lib/workflow's outcome and route (contracts.md section 1) for one policy, in SQL, over the
 * compact facts of `compact` (see previewPolicyChange). Checks that do not depend on the policy
 * (plan, deployment, ownership) passed: the case's stored outcome is eligible or re-scope.
 */
function outcomeSql(p: PolicyValues): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN NOT (wfrom <= wto AND wto <= req AND wfrom >= req - make_interval(months => ${p.maxWindowMonths}::int)) THEN 'ineligible'
    WHEN NOT ls_ok OR n_res < 1 OR n_res > ${p.maxResources}::int OR n_ev < 1 OR n_ev > ${p.maxEventTypes}::int THEN 'rescope'
    WHEN (req - wfrom) <= make_interval(secs => ${p.standardWindowDays}::float8 * 86400) AND NOT pd AND n_res <= ${p.supportMaxResources}::int THEN 'eligible:support'
    ELSE 'eligible:sirt' END`;
}

/**
 * Which open cases would get another outcome or route if they were evaluated again now, from the
 * facts stored on them (requestedAt fixed), with the draft `policy` instead of the settings in
 * force; a count by kind and one page of them (reference, account, current -> new, and what the
 * case holds: its stored outcome and team and the settings version of its last evaluation, which
 * differ from "current" when it was evaluated under other values or moved by hand). Nothing is
 * re-evaluated or written.
 *
 * Built for 100,000 cases (bench/settings-preview.ts): one SQL statement over the case rows'
 * scalar columns, no decision snapshots read. A case's stored scope is what it was last evaluated
 * with (a scope changes only through a re-evaluation), and a stored outcome of eligible or
 * re-scope means the checks the policy does not touch (plan, deployment, ownership) passed, so
 * only the window, the counts, the log sources and personal data are needed. Resources and event
 * types count once each, as lib/evaluation/facts.ts counts them; the de-duplicating count is taken
 * only for lists longer than the smallest limit involved, where a repeat could matter.
 */
export async function previewPolicyChange(user: SessionUser, input: unknown): Promise<PolicyPreview> {
  authorize(user, "settings.manage");
  const parsed = ZPreviewPolicyInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Correct the policy values to see their effect.", fieldErrorsOf(parsed.error));
  const started = performance.now();
  const { policy: next, page } = parsed.data;
  const current = await getCurrentSettings();
  const cur = current.policy;
  const resLimit = Math.min(cur.maxResources, cur.supportMaxResources, next.maxResources, next.supportMaxResources);
  const evLimit = Math.min(cur.maxEventTypes, next.maxEventTypes);
  const offset = (page - 1) * PREVIEW_PAGE_SIZE;
  const rows = await db().$queryRaw<{ kind: string; id: string | null; reference: string | null; account: string | null; status: string | null; cur: string | null; nxt: string | null; req: Date | null; n: bigint; stored: string | null; stored_under: number | null }[]>`
    WITH judged AS MATERIALIZED (
      SELECT id, reference, "accountId", status, req, ${outcomeSql(cur)} AS cur, ${outcomeSql(next)} AS nxt
      FROM (
        SELECT c.id, c.reference, c."accountId", c.status::text AS status, c."requestedAt" AS req, c."windowFrom" AS wfrom, c."windowTo" AS wto, c."personalData" AS pd,
          CASE WHEN jsonb_array_length(c.resources) <= ${resLimit}::int THEN jsonb_array_length(c.resources)
               ELSE (SELECT count(DISTINCT (r->>'kind') || ':' || lower(r->>'path')) FROM jsonb_array_elements(c.resources) r) END AS n_res,
          CASE WHEN cardinality(c."eventTypes") <= ${evLimit}::int THEN cardinality(c."eventTypes")
               ELSE (SELECT count(DISTINCT e) FROM unnest(c."eventTypes") e) END AS n_ev,
          (cardinality(c."logSources") > 0 AND c."logSources" <@ ARRAY['application','component']::"LogSource"[]) AS ls_ok
        FROM "Case" c
        WHERE c.status::text IN (${Prisma.join([...OPEN_STATUSES])}) AND c.outcome IN ('eligible', 'rescope')
          AND c."requestedAt" IS NOT NULL AND c."windowFrom" IS NOT NULL AND c."windowTo" IS NOT NULL
        OFFSET 0 -- computed once per case, not once per use in the two CASEs
      ) compact
    ), changed AS MATERIALIZED (
      SELECT * FROM judged WHERE cur <> nxt
    ), page AS (
      SELECT * FROM changed ORDER BY req DESC, id LIMIT ${PREVIEW_PAGE_SIZE}::int OFFSET ${offset}::int
    )
    -- The page's rows only (25): what each case holds (stored outcome and team) and the settings
    -- version in force at its last evaluation, beside what the values in force and the draft give.
    SELECT 'row' AS kind, p.id, p.reference, a.name AS account, p.status, p.cur, p.nxt, p.req, 0::bigint AS n,
      c.outcome::text || CASE WHEN c.outcome = 'eligible' THEN ':' || COALESCE(c.team::text, '') ELSE '' END AS stored,
      (SELECT max(v.version) FROM "SettingsVersion" v WHERE v."createdAt" <= last."evaluatedAt") AS stored_under
    FROM page p JOIN "Account" a ON a.id = p."accountId" JOIN "Case" c ON c.id = p.id
    LEFT JOIN LATERAL (SELECT d."evaluatedAt" FROM "CaseDecision" d WHERE d."caseId" = p.id ORDER BY d."evaluatedAt" DESC LIMIT 1) last ON true
    UNION ALL
    SELECT 'kind', NULL, NULL, NULL, NULL, cur, nxt, NULL, count(*), NULL, NULL FROM changed GROUP BY cur, nxt
    UNION ALL
    SELECT 'evaluated', NULL, NULL, NULL, NULL, NULL, NULL, NULL, count(*), NULL, NULL FROM judged`;

  const byKind = rows
    .filter((r) => r.kind === "kind")
    .map((r) => ({ from: parse(r.cur!), to: parse(r.nxt!), count: Number(r.n) }))
    .sort((a, b) => b.count - a.count);
  // The page's order (newest request first), which the UNION does not keep.
  const order = (a: (typeof rows)[number], b: (typeof rows)[number]) => b.req!.getTime() - a.req!.getTime() || (a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0);
  return {
    baseVersion: current.version,
    evaluated: Number(rows.find((r) => r.kind === "evaluated")?.n ?? 0),
    changed: byKind.reduce((s, k) => s + k.count, 0),
    byKind,
    rows: rows
      .filter((r) => r.kind === "row")
      .sort(order)
      .map((r) => {
        const stored = parse(r.stored ?? r.cur!);
        const current = parse(r.cur!);
        return {
          caseId: r.id!,
          reference: r.reference ?? "(no reference)",
          account: r.account ?? "",
          status: r.status ?? "",
          current,
          next: parse(r.nxt!),
          stored,
          storedUnder: r.stored_under === null ? null : Number(r.stored_under),
          storedDiffers: stored.outcome !== current.outcome || stored.route !== current.route,
        };
      }),
    page,
    pageSize: PREVIEW_PAGE_SIZE,
    tookMs: Math.round(performance.now() - started),
  };
}
