import { z } from "zod";
import { text } from "@/lib/validation/text";

/** Triage of a team's queue: assignment (SIRT and Support), priority and "needs re-scope" (SIRT). */
export const PRIORITIES = [1, 2, 3, 4] as const;
export const PRIORITY_LABELS: Record<(typeof PRIORITIES)[number], string> = { 1: "P1 (urgent)", 2: "P2 (high)", 3: "P3 (normal)", 4: "P4 (low)" };

const blankToNull = (v: unknown) => (v === "" || v === undefined ? null : v);

const ZCaseAtVersion = z.object({
  id: z.string().uuid("That case was not found."),
  version: z.coerce.number().int().min(1, "Reload the queue: this form does not know which version of the case you saw."),
});

export const ZAssignCase = ZCaseAtVersion.extend({
  /** null unassigns. */
  assigneeId: z.preprocess(blankToNull, z.string().uuid("Choose a member of the team.").nullable()),
});
export type TAssignCase = z.infer<typeof ZAssignCase>;

export const ZSetPriority = ZCaseAtVersion.extend({
  priority: z.coerce
    .number({ message: "Choose a priority from P1 to P4." })
    .int("Choose a priority from P1 to P4.")
    .min(1, "Choose a priority from P1 (most urgent) to P4.")
    .max(4, "Choose a priority from P1 to P4 (least urgent)."),
});
export type TSetPriority = z.infer<typeof ZSetPriority>;

export const ZNeedsRescope = ZCaseAtVersion.extend({
  reason: text(
    z
      .string()
      .trim()
      .min(10, "Say what the author should narrow (at least 10 characters): the author sees this reason.")
      .max(2_000, "Keep the reason under 2,000 characters."),
  ),
});
export type TNeedsRescope = z.infer<typeof ZNeedsRescope>;

/** The team queue's query string: who it is assigned to, priority, extended only, sort, page. Bad values fall back to defaults. */
export const QUEUE_SORTS = {
  triage: { label: "Unassigned, then priority, then oldest" },
  due: { label: "Next update due (soonest)" },
  oldest: { label: "Age (oldest first)" },
  newest: { label: "Age (newest first)" },
} as const;
export type QueueSort = keyof typeof QUEUE_SORTS;

export const QUEUE_ASSIGNEES = { anyone: "Anyone", me: "Assigned to me", unassigned: "Unassigned" } as const;
export type QueueAssignee = keyof typeof QUEUE_ASSIGNEES;

export const ZQueueQuery = z.object({
  assignee: z.enum(["anyone", "me", "unassigned"]).default("anyone").catch("anyone"),
  priority: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["1", "2", "3", "4", "none"]).optional()).catch(undefined),
  extended: z.preprocess((v) => v === "1" || v === "on" || v === "true" || v === true, z.boolean()).catch(false),
  sort: z.enum(Object.keys(QUEUE_SORTS) as [QueueSort, ...QueueSort[]]).default("triage").catch("triage"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type TQueueQuery = z.infer<typeof ZQueueQuery>;

/** Back to a query string, dropping defaults, for links (pagination) that keep the filters. */
export function queueSearchParams(q: Partial<TQueueQuery>): Record<string, string> {
  const out: Record<string, string> = {};
  if (q.assignee && q.assignee !== "anyone") out.assignee = q.assignee;
  if (q.priority) out.priority = q.priority;
  if (q.extended) out.extended = "1";
  if (q.sort && q.sort !== "triage") out.sort = q.sort;
  if (q.page && q.page > 1) out.page = String(q.page);
  return out;
}

export interface TriageResult {
  version: number;
}
