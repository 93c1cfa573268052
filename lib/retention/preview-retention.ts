import "server-only";
import { fieldErrorsOf } from "@/lib/action";
import { authorize, type SessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { retentionDaysInForce } from "./delete-due-files";
import { ZPreviewRetentionInput } from "./schemas";

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionPreview {
  days: number;
  /** The period in force now. */
  currentDays: number;
  /** Files the hourly job would delete within the hour of saving `days`, and the closed cases they belong to. */
  files: number;
  cases: number;
  /** The same under the period in force (what is due anyway). */
  filesNow: number;
}

/** Files due for deletion under `days`: the same conditions as deleteDueFiles reads (rules.ts decides per file). */
async function countDue(days: number, now: Date): Promise<{ files: number; cases: number }> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const rows = await db().$queryRaw<{ files: bigint; cases: bigint }[]>`
    SELECT
      (count(*) FILTER (WHERE a."rawDeletedAt" IS NULL AND a."rawBlobKey" IS NOT NULL)
       + count(*) FILTER (WHERE a.status = 'withdrawn' AND a."redactedDeletedAt" IS NULL AND a."redactedBlobKey" IS NOT NULL)
       + count(*) FILTER (WHERE a."supersededDeletedAt" IS NULL AND cardinality(a."supersededBlobKeys") > 0)) AS files,
      count(DISTINCT a."caseId") FILTER (WHERE (a."rawDeletedAt" IS NULL AND a."rawBlobKey" IS NOT NULL)
        OR (a.status = 'withdrawn' AND a."redactedDeletedAt" IS NULL AND a."redactedBlobKey" IS NOT NULL)
        OR (a."supersededDeletedAt" IS NULL AND cardinality(a."supersededBlobKeys") > 0)) AS cases
    FROM "Artefact" a JOIN "Case" c ON c.id = a."caseId"
    WHERE c."closedAt" IS NOT NULL AND c."closedAt" <= ${cutoff}`;
  return { files: Number(rows[0]?.files ?? 0), cases: Number(rows[0]?.cases ?? 0) };
}

/**
 * What a new retention period would delete within the hour of saving it, beside what the period in
 * force deletes anyway: Admin sees a shortening's effect (a typed 9 for 90) before saving. Counts
 * only; nothing is written. Superseded redacted files count once per artefact.
 */
export async function previewRetention(user: SessionUser, input: unknown, now = new Date()): Promise<RetentionPreview> {
  authorize(user, "settings.manage");
  const parsed = ZPreviewRetentionInput.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", "Enter the retention period to see its effect.", fieldErrorsOf(parsed.error));
  const currentDays = await retentionDaysInForce(db());
  const [next, current] = await Promise.all([countDue(parsed.data.days, now), countDue(currentDays, now)]);
  return { days: parsed.data.days, currentDays, files: next.files, cases: next.cases, filesNow: current.files };
}
