import { z } from "zod";
import { line, text } from "@/lib/validation/text";

export const ENTRY_KINDS = ["finding", "status_update", "note"] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];
export const ENTRY_KIND_LABELS: Record<EntryKind, string> = { finding: "Finding", status_update: "Status update", note: "Note" };

export const ENTRY_VISIBILITIES = ["internal", "relayable"] as const;
export type EntryVisibility = (typeof ENTRY_VISIBILITIES)[number];

export const RELAY_CHANNELS = ["email", "ticket", "phone", "other"] as const;
export type RelayChannel = (typeof RELAY_CHANNELS)[number];
export const RELAY_CHANNEL_LABELS: Record<RelayChannel, string> = { email: "Email", ticket: "Support ticket", phone: "Phone", other: "Other" };

/**
 * The process document: "log-dives exceeding a 7-day time window from the time
 * of the request will take longer to complete". The first relay of an extended
 * case must say so; the relay form prefills it and the service refuses its removal.
 */
export const EXTENDED_NOTE =
  "Please note: because the requested log window reaches back more than 7 days from the time of the request, this request will take longer to complete.";

/**
 * Whether a relay text still says the request will take longer because of the
 * 7-day window. Staff may reword the prefilled note, so the check looks for
 * its two facts rather than the exact sentence.
 */
export function hasExtendedNote(text: string): boolean {
  const t = text.replace(/\s+/g, " ");
  return /\btake longer\b/i.test(t) && /\b(7|seven)[ -]days?\b/i.test(t);
}

/** The text a relay form starts with: the entry's body, and the 7-day note when the relay needs it. */
export function defaultRelayText(body: string, needsExtendedNote: boolean): string {
  return needsExtendedNote ? `${body.trim()}\n\n${EXTENDED_NOTE}` : body.trim();
}

const MAX_BODY = 20_000;
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const ZAddEntry = z.object({
  caseId: z.string().uuid(),
  version: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional()),
  kind: z.enum(ENTRY_KINDS, { message: "Choose what kind of entry this is." }),
  visibility: z.enum(ENTRY_VISIBILITIES, { message: "Choose whether the entry is internal or relayable." }).default("internal"),
  body: text(z.string().trim().min(1, "Write the entry (Markdown).").max(MAX_BODY, "Keep an entry under 20,000 characters.")),
});
export type TAddEntry = z.infer<typeof ZAddEntry>;

const EMAIL = z.string().email();
const PHONE = /^\+?[0-9(][0-9 ().\/-]{4,29}$/;
const TICKET_ID = /^#?[A-Za-z0-9][A-Za-z0-9._:#\/-]{0,99}$/;
const isEmail = (v: string) => EMAIL.safeParse(v).success;
const isUrl = (v: string) => /^https?:\/\/\S+$/i.test(v);

/** What the recipient field asks for on each channel (the relay form's hint and placeholder). */
export const RELAY_RECIPIENT_HINTS: Record<RelayChannel, { hint: string; placeholder: string }> = {
  email: { hint: "The email address the update was sent to.", placeholder: "dana@customer.example" },
  ticket: { hint: "The support ticket's number or link, or the contact's email address.", placeholder: "#48213 or https://support…/tickets/48213" },
  phone: { hint: "The phone number the update was given on.", placeholder: "+31 20 555 0100" },
  other: { hint: "Who received the update and how, e.g. the contact's name and the meeting.", placeholder: "Dana Customer, weekly call" },
};

/**
 * Why a recipient does not fit its channel, or null when it does. An empty
 * recipient means the case's requester email, which fits email and ticket.
 */
export function relayRecipientProblem(channel: RelayChannel, recipient: string | undefined): string | null {
  const r = recipient?.trim() ?? "";
  switch (channel) {
    case "email":
      return !r || isEmail(r) ? null : "Enter the email address the update was sent to, e.g. dana@customer.example.";
    case "ticket":
      return !r || isEmail(r) || isUrl(r) || TICKET_ID.test(r) ? null : "Enter the ticket's number (e.g. #48213), its link, or the contact's email address.";
    case "phone":
      if (!r) return "Enter the phone number the update was given on.";
      return PHONE.test(r) && r.replace(/\D/g, "").length >= 6 ? null : "Enter a phone number, e.g. +31 20 555 0100.";
    case "other":
      return null;
  }
}

export const ZRelayEntry = z
  .object({
    caseId: z.string().uuid(),
    entryId: z.string().uuid(),
    /** Defaults to the entry's body (plus the 7-day note when needed). */
    text: z.preprocess(blankToUndefined, text(z.string().trim().max(MAX_BODY, "Keep the relayed text under 20,000 characters.")).optional()),
    /** Defaults to the case's requester email; checked against the channel. */
    recipient: z.preprocess(blankToUndefined, line(z.string().trim().max(320, "Keep the recipient under 320 characters.")).optional()),
    channel: z.enum(RELAY_CHANNELS, { message: "Choose how the update was sent: email, ticket, phone or other." }),
  })
  .superRefine((v, ctx) => {
    const problem = relayRecipientProblem(v.channel, v.recipient);
    if (problem) ctx.addIssue({ code: "custom", path: ["recipient"], message: problem });
  });
export type TRelayEntry = z.infer<typeof ZRelayEntry>;
