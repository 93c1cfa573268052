import { z } from "zod";
import { line, text } from "@/lib/validation/text";
import { RESOLUTIONS } from "./closing-rules";

/** Closing and reopening a case (closing-rules.ts): each with a note written for the file. */

export const CLOSE_NOTE_MIN = 10;
export const CLOSE_NOTE_MAX = 2000;
export const REOPEN_REASON_MIN = 10;
export const REOPEN_REASON_MAX = 1000;

const ZCaseAtVersion = z.object({
  id: z.string().uuid("That case was not found."),
  version: z.coerce.number().int().min(1, "Reload the case: this form does not know which version of the case you saw."),
});

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ZCloseCase = ZCaseAtVersion.extend({
  resolution: z.enum(RESOLUTIONS, { message: "Choose how the case ends." }),
  note: text(
    z
      .string({ message: "Write the resolution note." })
      .trim()
      .min(CLOSE_NOTE_MIN, `Write the resolution note: what was decided and why (at least ${CLOSE_NOTE_MIN} characters).`)
      .max(CLOSE_NOTE_MAX, `Keep the resolution note under ${CLOSE_NOTE_MAX} characters.`),
  ),
  /** Only for a duplicate: the reference of the case this one duplicates (IR-YYYY-NNNN). */
  duplicateOf: z.preprocess(
    blankToUndefined,
    line(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^IR-\d{4}-\d{4,6}$/, "Enter the other case's reference, like IR-2026-0042."),
    ).optional(),
  ),
}).superRefine((v, ctx) => {
  if (v.resolution === "duplicate" && !v.duplicateOf) ctx.addIssue({ code: "custom", path: ["duplicateOf"], message: "Enter the reference of the case this one duplicates." });
});
export type TCloseCase = z.infer<typeof ZCloseCase>;

export const ZReopenCase = ZCaseAtVersion.extend({
  reason: text(
    z
      .string({ message: "Write why the case is reopened." })
      .trim()
      .min(REOPEN_REASON_MIN, `Write why the case is reopened (at least ${REOPEN_REASON_MIN} characters).`)
      .max(REOPEN_REASON_MAX, `Keep the reason under ${REOPEN_REASON_MAX} characters.`),
  ),
});
export type TReopenCase = z.infer<typeof ZReopenCase>;
