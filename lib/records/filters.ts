import { z } from "zod";
import { refineRange, ZOptionalIsoDay } from "@/lib/validation/date-range";
import { line } from "@/lib/validation/text";

/**
 * The filters of the record pages (activity log, security events) and their CSV exports, read from
 * the query string (a GET form, so a filtered list is a link). Empty fields mean "any". Dates are
 * whole UTC days, `to` inclusive. `before`/`after` are the keyset cursors (entry ids) of the pages.
 */
export const PAGE_SIZE = 50;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);
const optionalLine = (max: number) => z.preprocess(blank, line(z.string().max(max, `At most ${max} characters.`)).optional());
const cursor = z.preprocess(blank, z.string().regex(/^\d{1,19}$/, "Not a page position.").transform((s) => BigInt(s)).optional());

const common = {
  from: ZOptionalIsoDay,
  to: ZOptionalIsoDay,
  actor: optionalLine(320),
  before: cursor,
  after: cursor,
};

function datesInOrder<T extends { from?: string; to?: string }>(v: T, ctx: z.RefinementCtx) {
  refineRange(v, ctx);
}

export const ZActivityFilter = z
  .object({
    ...common,
    action: optionalLine(100),
    case: optionalLine(64),
  })
  .superRefine(datesInOrder);
export type ActivityFilter = z.output<typeof ZActivityFilter>;

export const SECURITY_EVENT_KINDS = ["signInFailed", "signInBlocked", "signOut", "refused"] as const;
export const SECURITY_EVENT_KIND_LABELS: Record<(typeof SECURITY_EVENT_KINDS)[number], string> = {
  signInFailed: "Failed sign-in",
  signInBlocked: "Sign-in blocked (throttled)",
  signOut: "Sign-out",
  refused: "Refused (403/404)",
};

export const ZSecurityEventFilter = z
  .object({
    ...common,
    kind: z.preprocess(blank, z.enum(SECURITY_EVENT_KINDS, { message: "Pick a kind from the list." }).optional()),
    target: optionalLine(200),
    outcome: optionalLine(60),
  })
  .superRefine(datesInOrder);
export type SecurityEventFilter = z.output<typeof ZSecurityEventFilter>;

/** The query string's values, first of each (Next gives arrays for repeated keys). */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const s = Array.isArray(v) ? v[0] : v;
    if (typeof s === "string") out[k] = s;
  }
  return out;
}

/** `at` bounds of whole UTC days, `to` inclusive. */
export function dayRange(from?: string, to?: string): { gte?: Date; lt?: Date } | undefined {
  if (!from && !to) return undefined;
  return {
    ...(from ? { gte: new Date(`${from}T00:00:00.000Z`) } : {}),
    ...(to ? { lt: new Date(new Date(`${to}T00:00:00.000Z`).getTime() + 86_400_000) } : {}),
  };
}

/** The filter fields to keep in links and the export URL (not the cursors). */
export function filterParams(values: Record<string, string>, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) if (values[k]?.trim()) out[k] = values[k]!.trim();
  return out;
}
