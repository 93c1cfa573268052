import { z } from "zod";
import { POLICY_LIMITS } from "@/lib/settings/rules";

/** A draft retention period, from Admin -> Settings, to preview (not saved). */
export const ZPreviewRetentionInput = z
  .object({
    days: z.coerce
      .number({ message: "Enter a whole number of days." })
      .int("Enter a whole number of days.")
      .min(POLICY_LIMITS.retentionDays.min, `At least ${POLICY_LIMITS.retentionDays.min} day.`)
      .max(POLICY_LIMITS.retentionDays.max, `At most ${POLICY_LIMITS.retentionDays.max} days.`),
  })
  .strict();
export type TPreviewRetentionInput = z.input<typeof ZPreviewRetentionInput>;

