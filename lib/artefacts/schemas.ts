import { z } from "zod";
import { line, text } from "@/lib/validation/text";

const flag = z
  .union([z.boolean(), z.enum(["1", "0", "true", "false", "on", "off", ""])])
  .transform((v) => v === true || v === "1" || v === "true" || v === "on");

/** How the redaction runs: which out-of-scope lines are dropped, whether owned personal data stays. */
export const ZRedactionOptions = z.object({
  dropOutsideWindow: flag.default(true),
  dropOutsideScope: flag.default(true),
  disclosePersonalData: flag.default(false),
});
export type TRedactionOptions = z.output<typeof ZRedactionOptions>;

export const ZUploadArtefact = ZRedactionOptions.extend({
  caseId: z.string().uuid("That case was not found."),
  // A browser sends the base name; anything else keeps only its last path segment.
  filename: z
    .string()
    .transform((n) => (n.split(/[\\/]/).pop() ?? "").trim())
    .pipe(line(z.string().min(1, "Name the file.").max(255, "The file name is too long (255 characters at most).")).refine((n) => n !== "." && n !== "..", "Name the file.")),
});
export type TUploadArtefact = z.output<typeof ZUploadArtefact>;

const id = z.string().uuid("That artefact was not found.");
const version = z.coerce.number().int().positive();

/** The SHA-256 of the residue inventory the reviewer was shown (lib/artefacts/residue.ts); "" is none. */
const residueHash = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => v === "" || /^[0-9a-f]{64}$/.test(v), "That is not the hash of a residue inventory. Reload the review page.")
  .transform((v) => v || undefined);

export const ZDecideArtefact = z
  .object({
    artefactId: id,
    version,
    decision: z.enum(["approved", "rejected"], { message: "Approve or reject." }),
    comment: text(z.string().trim().max(4000, "Keep the comment under 4,000 characters.")).default(""),
    // An approval names the residue the reviewer saw; the service checks it is the current one.
    residueSha256: residueHash.optional(),
    residueReviewed: flag.optional(),
  })
  .refine((v) => v.decision === "approved" || v.comment.length > 0, { path: ["comment"], message: "Say why it is rejected: the team redacts again from your comment." })
  .refine((v) => v.decision !== "approved" || v.residueReviewed === true, {
    path: ["residueReviewed"],
    message: "Tick the box once you have reviewed what is left in the file (the residue above): an approval records that you did.",
  });
export type TDecideArtefact = z.output<typeof ZDecideArtefact>;

export const ZRedactAgain = ZRedactionOptions.extend({ artefactId: id, version });

export const ZWithdrawArtefact = z.object({
  artefactId: id,
  version,
  reason: text(z.string().trim().min(1, "Say why it is withdrawn: it stays on the record.").max(2000, "Keep the reason under 2,000 characters.")),
});
export type TWithdrawArtefact = z.output<typeof ZWithdrawArtefact>;
export type TRedactAgain = z.output<typeof ZRedactAgain>;

export const ZShareArtefact = z.object({
  artefactId: id,
  version,
  recipient: line(z.string().trim().email("Enter the email address the files were sent to.").max(320)),
  channel: z.enum(["email", "support_ticket", "secure_file_share", "other"], { message: "Choose how the files were handed on." }),
});
export type TShareArtefact = z.output<typeof ZShareArtefact>;

export const SHARE_CHANNELS: Record<TShareArtefact["channel"], string> = {
  email: "Email",
  support_ticket: "Support ticket",
  secure_file_share: "Secure file share",
  other: "Other",
};

export const ZReviewQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000_000).catch(1),
  q: line(z.string().trim().max(200)).catch(""),
  raw: z.enum(["1", "0"]).catch("0"),
});
