import { z } from "zod";
import { RESOLUTIONS } from "./closing-rules";

/** The cases list's query string: filters, text search, sort, page. Unknown or bad values fall back to defaults. */
export const SORTS = {
  newest: { label: "Newest first" },
  oldest: { label: "Oldest first" },
  requested: { label: "Requested (newest)" },
  reference: { label: "Reference" },
  updated: { label: "Recently updated" },
} as const;
export type Sort = keyof typeof SORTS;

export const AGES = { "1d": "Last 24 hours", "7d": "Last 7 days", "30d": "Last 30 days", older: "Older than 30 days" } as const;

const csv = <T extends string>(values: readonly T[]) =>
  z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").filter((v): v is T => (values as readonly string[]).includes(v)) : []));

export const ZCaseListQuery = z.object({
  status: csv(["draft", "submitted", "rescope", "ineligible", "legal_review", "accepted", "in_progress", "artefacts_in_review", "approved", "shared", "closed"] as const).catch([]),
  outcome: z.enum(["eligible", "rescope", "ineligible"]).optional().catch(undefined),
  /** How a closed case ended (issue 13). */
  resolution: z.enum(RESOLUTIONS).optional().catch(undefined),
  team: z.enum(["support", "sirt"]).optional().catch(undefined),
  account: z.string().uuid().optional().catch(undefined),
  author: z.string().uuid().optional().catch(undefined),
  age: z.enum(Object.keys(AGES) as [keyof typeof AGES, ...(keyof typeof AGES)[]]).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined).transform((v) => v || undefined),
  sort: z.enum(Object.keys(SORTS) as [Sort, ...Sort[]]).default("newest").catch("newest"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  /** Keyset cursors (lib/cases/keyset.ts): the page after / before this row. `page` is then only its label. */
  after: z.string().max(400).optional().catch(undefined),
  before: z.string().max(400).optional().catch(undefined),
});
export type TCaseListQuery = z.infer<typeof ZCaseListQuery>;

/** Back to a query string, dropping defaults, for links that keep the other filters. */
export function toSearchParams(q: Partial<TCaseListQuery>): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.status?.length) out.status = q.status.join(",");
  for (const k of ["outcome", "resolution", "team", "account", "author", "age", "q"] as const) if (q[k]) out[k] = String(q[k]);
  if (q.sort && q.sort !== "newest") out.sort = q.sort;
  if (q.page && q.page > 1) out.page = String(q.page);
  return out;
}
