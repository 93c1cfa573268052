import { z } from "zod";
import { ZResourceRef } from "@/lib/evaluation/schemas";
import { DATE_RANGE_MESSAGE, inDateRange, isDateInRange, line, text } from "@/lib/validation/text";

/** Lists are capped well above the policy limits, so an over-long list still gets its "re-scope" answer. */
const MAX_LIST = 500;

const ZOptionalDate = z
  .union([z.literal(""), z.null(), z.undefined(), z.string(), z.date()])
  .transform((v, ctx) => {
    if (v === "" || v === null || v === undefined) return null;
    const d = v instanceof Date ? v : new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter a date and time, e.g. 2026-11-20 09:00 (UTC)." });
      return z.NEVER;
    }
    if (!isDateInRange(d)) {
      ctx.addIssue({ code: "custom", message: DATE_RANGE_MESSAGE });
      return z.NEVER;
    }
    return d;
  });

const ZEventType = line(z.string().trim().min(1, "An event type cannot be blank.").max(200, "Keep an event type under 200 characters."));

/** The information_request template as the author types it: everything optional until submit. */
export const ZCaseDraftInput = z.object({
  accountId: z.union([z.literal(""), z.string().uuid("Choose a customer account.")]).transform((v) => v || null).nullable().optional(),
  requesterName: line(z.string().trim().max(200, "Keep the name under 200 characters.")).default(""),
  requesterEmail: z.union([z.literal(""), line(z.string().trim().toLowerCase().email("Enter the requester's email address."))]).default(""),
  summary: text(z.string().max(20_000, "Keep the summary under 20,000 characters.")).default(""),
  resources: z.array(ZResourceRef).max(MAX_LIST, `List at most ${MAX_LIST} resources; the policy allows far fewer.`).default([]),
  eventTypes: z.array(ZEventType).max(MAX_LIST, `List at most ${MAX_LIST} event types; the policy allows far fewer.`).default([]),
  logSources: z.array(z.enum(["application", "component", "access"])).max(3).default([]),
  windowFrom: ZOptionalDate.default(null),
  windowTo: ZOptionalDate.default(null),
  personalData: z.boolean().default(false),
});
export type TCaseDraftInput = z.infer<typeof ZCaseDraftInput>;

/** What submitting needs on top of a draft: every field of the template filled in. */
export const ZCaseComplete = ZCaseDraftInput.extend({
  accountId: z.string({ message: "Choose the customer account." }).uuid("Choose the customer account."),
  requesterName: line(z.string().trim().min(1, "Enter who at the customer asked.")),
  requesterEmail: line(z.string().trim().toLowerCase().email("Enter the requester's email address.")),
  summary: text(z.string().trim().min(10, "Describe the incident in a sentence or two (at least 10 characters).")),
  windowFrom: inDateRange(z.date({ message: "Enter when the log window starts." })),
  windowTo: inDateRange(z.date({ message: "Enter when the log window ends." })),
}).refine((v) => v.windowFrom.getTime() <= v.windowTo.getTime(), { path: ["windowTo"], message: "The window ends before it starts: swap the dates." });

export const ZVersion = z.coerce.number().int().min(1);

export const ZSaveDraft = z.object({ id: z.string().uuid().optional(), version: ZVersion.optional(), draft: ZCaseDraftInput });
export const ZSubmitCase = z.object({ id: z.string().uuid(), version: ZVersion });
export const ZChangeScope = z.object({ id: z.string().uuid(), version: ZVersion, draft: ZCaseDraftInput });
export const ZRequestException = z.object({
  id: z.string().uuid(),
  version: ZVersion,
  reason: text(z.string().trim().min(20, "Explain to Legal why an exception is warranted (at least 20 characters).").max(5000)),
});
export const ZDecideException = z
  .object({
    exceptionId: z.string().uuid(),
    grant: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
    rationale: text(z.string().trim().min(10, "Record the rationale (at least 10 characters).").max(5000)),
    expiresAt: ZOptionalDate,
  })
  .refine((v) => !v.grant || (v.expiresAt && v.expiresAt.getTime() > Date.now()), { path: ["expiresAt"], message: "A granted exception needs an expiry in the future." });
export const ZRecordCostNotice = z.object({
  id: z.string().uuid(),
  version: ZVersion,
  estimate: text(z.string().trim().min(3, "Enter the estimate given to the customer, e.g. “USD 4,000, about 5 working days”.").max(2000)),
});
export const ZAcceptCostNotice = z.object({
  id: z.string().uuid(),
  version: ZVersion,
  noticeId: z.string().uuid(),
  acceptedAt: z.date().or(z.string().transform((s, ctx) => {
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter the date the customer accepted." });
      return z.NEVER;
    }
    return d;
  })).refine((d) => d.getTime() <= Date.now() + 60_000, "The acceptance cannot be in the future.").refine(isDateInRange, DATE_RANGE_MESSAGE),
  note: text(z.string().trim().max(2000)).default(""),
});
export const ZReferralOutcome = z.object({
  referralId: z.string().uuid(),
  outcomeNote: text(z.string().trim().min(10, "Record what Legal did (at least 10 characters).").max(5000)),
});
/** Step 5's checklist; `name` is how a refusal names an unticked item. */
export const VERIFICATION_ITEMS = [
  { id: "identity", name: "requester identity", label: "The requester is an authorised contact of the customer (identity verified through the account's records)." },
  { id: "ownership", name: "resource ownership", label: "The resources of interest belong to the requesting customer's account." },
  { id: "plan", name: "plan", label: "The customer is a paying Premium or Ultimate SaaS customer on a current support plan." },
  { id: "scope", name: "narrow scope", label: "The request is specific and as narrow as possible (resources, event types, window)." },
  { id: "audit-events", name: "Audit Events checked first", label: "The customer checked Audit Events first and it did not answer the question." },
  { id: "no-customer-access", name: "customer not added", label: "The customer is not added to the case; all contact goes through Support or the CSM." },
] as const;
export type VerificationItem = (typeof VERIFICATION_ITEMS)[number]["id"];
export const ZToggleVerification = z.object({
  id: z.string().uuid(),
  item: z.enum(VERIFICATION_ITEMS.map((i) => i.id) as [VerificationItem, ...VerificationItem[]]),
  checked: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

/** Longest reason a team lead may give for overriding the checklist. */
export const OVERRIDE_REASON_MAX = 1000;
export const ZOverrideVerification = z.object({
  id: z.string().uuid(),
  reason: text(
    z
      .string()
      .trim()
      .min(10, "Say why the log-dive may start before the checklist is complete (at least 10 characters).")
      .max(OVERRIDE_REASON_MAX, `Keep the reason under ${OVERRIDE_REASON_MAX} characters.`),
  ),
});
export type TOverrideVerification = z.infer<typeof ZOverrideVerification>;
