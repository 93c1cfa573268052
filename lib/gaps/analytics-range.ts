import type { z } from "zod";
import { ZGapRange, type TGapRange } from "./schemas";

/** The analytics page's range from its query: the last twelve months (whole UTC days) unless asked. */
export function analyticsRangeOf(values: Record<string, string>, now = new Date()): { values: { from: string; to: string }; range: TGapRange | null; error: z.ZodError | null } {
  const to = values.to || now.toISOString().slice(0, 10);
  const start = new Date(`${to}T00:00:00Z`);
  const defaultFrom = Number.isFinite(start.getTime()) ? new Date(Date.UTC(start.getUTCFullYear() - 1, start.getUTCMonth(), start.getUTCDate() + 1)).toISOString().slice(0, 10) : "";
  const from = values.from || defaultFrom;
  const parsed = ZGapRange.safeParse({ from, to });
  return { values: { from, to }, range: parsed.success ? parsed.data : null, error: parsed.success ? null : parsed.error };
}
