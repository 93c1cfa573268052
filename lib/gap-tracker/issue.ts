import { z } from "zod";
import { line } from "@/lib/validation/text";

/**
 * The Audit Events gap issue (process step 10) as the product's tracker receives it: the case
 * reference, the missing event types and the plan tier, and nothing else. The input type cannot
 * carry a customer name, account path, requester, free text or log content; the free text of a gap
 * record stays in the portal. Pure: no I/O, never throws.
 */

/** The labels the process asks for, in the order the tracker shows them. */
export const GAP_ISSUE_LABELS = ["Category:Audit Events", "Enterprise Edition"] as const;

/** A case reference as lib/cases/evaluate-case.ts gives it (IR-YYYY-NNNN, more digits past 9999). */
export const CASE_REFERENCE_PATTERN = /^IR-\d{4}-\d{4,8}$/;

/**
 * An event type name: the catalogue's snake_case (all 501 names of lib/demo/audit-event-types.ts
 * match). Typed-in names must match it too, so nothing else (an email, a path, markdown, a mention)
 * can ride along into a public issue.
 */
export const EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]{1,99}$/;

/** Catalogue descriptions are public text, but are still only copied when they look like it. */
const DESCRIPTION_PATTERN = /^[A-Za-z0-9 ,.()':_&+-]{1,300}$/;
/** "CI/CD" and the like are the only slashes a description may hold (a path could be a namespace). */
const ACRONYM_WITH_SLASH = /\b[A-Z]{1,5}\/[A-Z]{1,5}\b/g;

export const MAX_EVENT_TYPES = 50;

export const PLAN_TIERS = ["free", "trial", "premium", "ultimate"] as const;
export type TPlanTier = (typeof PLAN_TIERS)[number];
const PLAN_NAMES: Record<TPlanTier, string> = { free: "Free", trial: "Trial", premium: "Premium", ultimate: "Ultimate" };

export const ZGapEventType = line(
  z
    .string()
    .trim()
    .min(1, "An event type cannot be blank.")
    .max(100, "Keep an event type under 100 characters.")
    .regex(EVENT_TYPE_PATTERN, "Use the event type's name as the catalogue writes it: lower-case letters, digits and underscores (e.g. user_email_changed)."),
);

export const ZGapIssueInput = z
  .object({
    caseReference: z.string().regex(CASE_REFERENCE_PATTERN, "The case reference must look like IR-2026-0042."),
    missingEventTypes: z
      .array(ZGapEventType)
      .min(1, "Name at least one missing event type.")
      .max(MAX_EVENT_TYPES, `List at most ${MAX_EVENT_TYPES} missing event types.`),
    planTier: z.enum(PLAN_TIERS, { message: "The plan tier must be free, trial, premium or ultimate." }),
    /** Descriptions from the audit event catalogue, by name; a name without one is listed alone. */
    catalogueDescriptions: z.record(z.string(), z.string()).optional(),
  })
  .strict();
export type TGapIssueInput = z.input<typeof ZGapIssueInput>;
/** The brief's name for the same shape. */
export type GapIssueInput = TGapIssueInput;

export interface GapIssue {
  title: string;
  description: string;
  labels: string[];
}

export type BuildGapIssueResult = { ok: true; issue: GapIssue } | { ok: false; reason: string };

/** Whether a catalogue description may be copied into the issue as it is. */
export function isSafeDescription(description: string): boolean {
  const t = description.trim();
  return DESCRIPTION_PATTERN.test(t.replace(ACRONYM_WITH_SLASH, "AB")) && !/@/.test(t);
}

const TITLE_NAMES = 3;

/** The issue for one case's gap; refused (with the reason) when any part is not what it must be. */
export function buildGapIssue(input: unknown): BuildGapIssueResult {
  const parsed = ZGapIssueInput.safeParse(input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const where = first.path.length ? ` (${first.path.join(".")})` : "";
    return { ok: false, reason: `${first.message}${where}` };
  }
  const { caseReference, planTier, catalogueDescriptions = {} } = parsed.data;
  const names = [...new Set(parsed.data.missingEventTypes)];

  const shown = names.slice(0, TITLE_NAMES).join(", ");
  const more = names.length > TITLE_NAMES ? ` and ${names.length - TITLE_NAMES} more` : "";
  const title = `Audit Events gap from ${caseReference}: ${shown}${more}`;

  const rows = names.map((name) => {
    const d = Object.prototype.hasOwnProperty.call(catalogueDescriptions, name) ? catalogueDescriptions[name]! : "";
    return isSafeDescription(d) ? `- \`${name}\`: ${d.trim()}` : `- \`${name}\``;
  });
  const description = [
    `A customer's request for logs after a security incident (case ${caseReference}) needed audit events that the product does not record.`,
    "",
    `**Plan tier:** ${PLAN_NAMES[planTier]}`,
    "",
    `**Missing event types (${names.length}):**`,
    "",
    ...rows,
    "",
    `Filed by Logdesk for case ${caseReference}. The customer, the account and what the events were needed for stay in the portal.`,
  ].join("\n");

  return { ok: true, issue: { title, description, labels: [...GAP_ISSUE_LABELS] } };
}

/**
 * Whether an issue title names this case reference as a whole word (so IR-2026-0012 does not
 * match IR-2026-00120): the tracker's search is fuzzy, this is the exact check.
 */
export function titleNamesReference(title: string, reference: string): boolean {
  if (!CASE_REFERENCE_PATTERN.test(reference)) return false;
  const re = new RegExp(`(^|[^A-Za-z0-9-])${reference.replace(/[-]/g, "\\-")}($|[^A-Za-z0-9-])`);
  return re.test(title);
}
