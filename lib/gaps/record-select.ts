import type { Prisma } from "@/generated/prisma/client";

/** What the case page and the case report show of a gap record (step 10). */
export const GAP_RECORD_SELECT = {
  noGap: true,
  noGapReason: true,
  neededFor: true,
  filingState: true,
  filingAttempts: true,
  nextAttemptAt: true,
  filingError: true,
  issueIid: true,
  issueUrl: true,
  recordedAt: true,
  recordedById: true,
  updatedAt: true,
  events: { select: { eventType: true, catalogued: true }, orderBy: { eventType: "asc" } },
} as const satisfies Prisma.GapRecordSelect;
