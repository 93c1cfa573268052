// K2's customer notification: its deadline, its input and the notice Support or the CSM start
// from. Pure; the operations are record-incident-impact.ts and record-customer-notified.ts.
import { z } from "zod";

/** K2: when an incident affects the customer's resources and the agreement says so, they are told within 24 hours. */
export const NOTICE_HOURS = 24;

export const ZRecordIncidentImpact = z.object({ id: z.string().uuid(), version: z.coerce.number().int().min(1) });
export const ZRecordCustomerNotified = z.object({
  id: z.string().uuid(),
  version: z.coerce.number().int().min(1),
  text: z.string().trim().min(40, "Paste the notice as sent (at least 40 characters): what happened, the recommended measures and how to track the case.").max(20_000),
  sentAt: z.string().min(1, "Enter when it was sent.").transform((s, ctx) => {
    const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: "custom", message: "Enter when it was sent." });
      return z.NEVER;
    }
    if (d.getTime() > Date.now() + 60_000) {
      ctx.addIssue({ code: "custom", message: "The notice cannot have been sent in the future." });
      return z.NEVER;
    }
    return d;
  }),
});

/** The notice Support or the CSM starts from: recommended measures and how to track the case. */
export function draftIncidentNotice(c: { reference: string | null; accountName: string }) {
  return [
    `Dear ${c.accountName} security team,`,
    "",
    "We are writing to let you know that a security incident affected resources on your account.",
    "",
    "Recommended measures:",
    "- Rotate personal, project and group access tokens and deploy keys that may have been exposed.",
    "- Review recent sign-ins and membership changes in Audit Events and remove access you do not recognise.",
    "- Enforce two-factor authentication for all members.",
    "",
    `You can track this case with the reference ${c.reference ?? "(given when the case is submitted)"} through your Support contact or Customer Success Manager.`,
  ].join("\n");
}
