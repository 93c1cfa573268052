import { z } from "zod";
import { DATE_RANGE_MESSAGE, isDateInRange, line } from "@/lib/validation/text";

/** Lists are capped well above every policy limit, so an over-long list still gets its "re-scope" answer. */
const MAX_LIST = 500;

export const ZResourceRef = z.object(
  {
    kind: z.enum(["group", "project", "user"], { message: "Use group, project or user." }),
    path: line(z.string({ message: "Give the path, e.g. acme/infra/api, or the user name." }).trim().min(1, "Give the path, e.g. acme/infra/api, or the user name.").max(255, "Keep a path under 255 characters.")),
  },
  { message: "Give each resource as { kind, path }." },
);

const ZIsoInstant = (what: string) =>
  z.iso
    .datetime({ offset: true, message: `Give the ${what} as an ISO 8601 date-time with a time zone, e.g. 2026-03-14T09:00:00Z.` })
    .transform((s) => new Date(s))
    .refine(isDateInRange, DATE_RANGE_MESSAGE);

/**
 * The body of POST /api/v1/evaluate. Unknown fields are refused rather than ignored, so a
 * misspelt field, or a `requestedAt` (always the server's time), cannot silently change the answer.
 */
export const ZEvaluateRequestInput = z.strictObject(
  {
    account: line(z.string({ message: "Give the customer account's slug, e.g. acme." }).trim().toLowerCase().min(1, "Give the customer account's slug, e.g. acme.").max(100, "Keep the account slug under 100 characters.")).meta({ description: "The customer account's slug (any case)." }),
    resources: z.array(ZResourceRef, { message: "Give the resources of interest as a list." }).max(MAX_LIST, `List at most ${MAX_LIST} resources.`).meta({ description: "The resources of interest: groups, projects (full path) or users." }),
    eventTypes: z
      .array(line(z.string({ message: "Give each event type as text." }).trim().min(1, "An event type cannot be blank.").max(200, "Keep an event type under 200 characters.")), { message: "Give the event types as a list." })
      .max(MAX_LIST, `List at most ${MAX_LIST} event types.`)
      .meta({ description: "Event names of interest (more than the policy allows: a re-scope answer)." }),
    logSources: z.array(z.enum(["application", "component", "access"], { message: "Use application, component or access." }), { message: "Give the log sources as a list." }).max(3, "List each log source once.").meta({ description: "Which logs: application, component and/or access (access logs are refused by the rules)." }),
    window: z.strictObject(
      { from: ZIsoInstant("window start"), to: ZIsoInstant("window end") },
      { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}. The window has only from and to.` : "Give the window as { from, to }.") },
    ).meta({ description: "The log window, ISO 8601 date-times with a zone; eligible only within the last calendar month." }),
    personalData: z.boolean({ message: "Say true or false: would the answer disclose user names, IP addresses or emails?" }).meta({ description: "Whether the answer would disclose user names, IP addresses or emails." }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Unknown field: ${issue.keys.join(", ")}. The request time is always the server's time.` : "Send a JSON object.") },
);
export type TEvaluateRequestInput = z.infer<typeof ZEvaluateRequestInput>;
