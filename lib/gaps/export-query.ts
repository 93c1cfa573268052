import { z } from "zod";
import { fieldErrorsOf } from "@/lib/action-errors";
import { AppError } from "@/lib/errors";
import { ZGapRange, type TGapRange } from "./schemas";

/** The export's optional ?from=YYYY-MM-DD&to=YYYY-MM-DD: both or neither; refused with the field's message. */
export function exportRangeOf(url: URL): TGapRange | undefined {
  const from = url.searchParams.get("from") ?? "";
  const to = url.searchParams.get("to") ?? "";
  if (!from && !to) return undefined;
  const parsed = ZGapRange.safeParse({ from, to });
  if (!parsed.success) throw new AppError("VALIDATION", parsed.error.issues[0]?.message ?? "The date range is not valid.", fieldErrorsOf(parsed.error as z.ZodError));
  return parsed.data;
}
