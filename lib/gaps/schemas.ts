import { z } from "zod";
import { MAX_EVENT_TYPES, ZGapEventType } from "@/lib/gap-tracker/issue";
import { DAY_MS, dayStart, refineRange, ZIsoDay } from "@/lib/validation/date-range";
import { text } from "@/lib/validation/text";

/**
 * The Audit Events gap record (process step 10): the missing event types (picked from the
 * catalogue or typed, each a catalogue-style name, so nothing else can reach the public issue) and
 * what the customer needed them for (free text, stays in the portal); or "no gap" and why.
 */

export const NO_GAP_REASON_MIN = 10;
export const NO_GAP_REASON_MAX = 2000;
export const NEEDED_FOR_MAX = 4000;
export const EMPTY_GAP_MESSAGE = 'Name at least one missing event type (with what the customer needed it for), or tick "No gap" and say why.';

const ZCaseId = z.string().uuid("That case was not found.");

export const ZRecordGap = z
  .object({
    caseId: ZCaseId,
    noGap: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
    noGapReason: text(z.string().trim().max(NO_GAP_REASON_MAX, `Keep the reason under ${NO_GAP_REASON_MAX} characters.`)).default(""),
    eventTypes: z
      .array(ZGapEventType)
      .max(MAX_EVENT_TYPES, `List at most ${MAX_EVENT_TYPES} missing event types.`)
      .default([])
      .transform((names) => [...new Set(names)]),
    neededFor: text(z.string().trim().max(NEEDED_FOR_MAX, `Keep this under ${NEEDED_FOR_MAX} characters.`)).default(""),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.noGap) {
      if (v.eventTypes.length > 0)
        ctx.addIssue({ code: "custom", path: ["eventTypes"], message: 'Remove the missing event types, or untick "No gap".' });
      if (v.noGapReason.length < NO_GAP_REASON_MIN)
        ctx.addIssue({ code: "custom", path: ["noGapReason"], message: v.noGapReason ? `Say a little more about why there is no gap (at least ${NO_GAP_REASON_MIN} characters).` : "Say why the log-dive found no gap in Audit Events." });
      return;
    }
    if (v.eventTypes.length === 0) {
      ctx.addIssue({ code: "custom", path: ["eventTypes"], message: EMPTY_GAP_MESSAGE });
      return;
    }
    if (!v.neededFor) ctx.addIssue({ code: "custom", path: ["neededFor"], message: "Say what the customer needed these events for (it stays in the portal)." });
  });
export type TRecordGap = z.output<typeof ZRecordGap>;

export const ZRetryGapFiling = z.object({ caseId: ZCaseId }).strict();
export type TRetryGapFiling = z.output<typeof ZRetryGapFiling>;

/** At most five years: the analytics and exports read one range with an index, not the whole table. */
export const MAX_RANGE_YEARS = 5;

/** A date range in whole UTC days, both ends included: from <= to, at most five years. */
export const ZGapRange = z
  .object({ from: ZIsoDay, to: ZIsoDay })
  .strict()
  .superRefine((v, ctx) => refineRange(v, ctx, MAX_RANGE_YEARS))
  .transform((v) => ({ from: dayStart(v.from), toExclusive: new Date(dayStart(v.to).getTime() + DAY_MS) }));
export type TGapRange = z.output<typeof ZGapRange>;
