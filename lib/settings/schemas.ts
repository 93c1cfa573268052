import { z } from "zod";
import { text } from "@/lib/validation/text";
import { hostListProblems, hostProblem, normalizeHost, POLICY_FIELDS, policyProblem, productHostConflicts, type PolicyField } from "./rules";

/** A number from a form or JSON: a blank field is "missing", numeric text is its number. */
const ZNumberish = z.union([z.number(), z.string(), z.null(), z.undefined()]).transform((v) => {
  if (typeof v === "number") return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return Number.NaN;
});

/** The five policy values, each checked against its range, Support's maximum against the maximum. */
export const ZPolicyValues = z
  .object(Object.fromEntries(POLICY_FIELDS.map((f) => [f, ZNumberish])) as Record<PolicyField, typeof ZNumberish>)
  .superRefine((values, ctx) => {
    for (const field of POLICY_FIELDS) {
      const problem = policyProblem(field, values[field], values);
      if (problem) ctx.addIssue({ code: "custom", path: [field], message: problem });
    }
  });
export type TPolicyValues = z.output<typeof ZPolicyValues>;

/** A list of hosts as the editor sends it: an array, or text with one per line (blank trailing lines ignored). */
const hostList = (kind: "suffix" | "host", field: string) =>
  z
    .union([z.array(z.string({ message: `Each entry of ${field} is text.` })), z.string()], { message: `Give ${field} as a list.` })
    .transform((v) => (typeof v === "string" ? v.replace(/\s+$/, "").split(/\r?\n/).filter((line, i, all) => all.length > 1 || line.trim() !== "") : v))
    .superRefine((values, ctx) => {
      for (const p of hostListProblems(values, kind)) ctx.addIssue({ code: "custom", path: [p.index], message: p.message });
    })
    .transform((values) => values.map(normalizeHost));

export const ZInternalHosts = hostList("suffix", "the internal host suffixes").refine((v) => v.length > 0, {
  message: "List at least one suffix of the company's own systems, e.g. .internal.",
});
export const ZProductHosts = hostList("host", "the product hosts");

const ZNote = z
  .string({ message: "Say in a few words what changed and why." })
  .trim()
  .min(3, "Say in a few words what changed and why (it goes into the history).")
  .max(500, "Keep the note under 500 characters.");

/**
 * Admin -> Settings: a new version on top of `baseVersion`, the version the form was loaded with.
 * A suffix that covers one of the product hosts is refused beside its line (once both lists are
 * host names; other fields' problems do not hide it).
 */
export const ZSaveSettingsInput = z
  .object({
    baseVersion: z.coerce.number({ message: "Reload the page: the form does not say which version it edits." }).int().min(1),
    internalHosts: ZInternalHosts,
    productHosts: ZProductHosts,
    policy: ZPolicyValues,
    note: ZNote,
  })
  .superRefine(
    (v, ctx) => {
      for (const p of productHostConflicts(v.internalHosts, v.productHosts)) ctx.addIssue({ code: "custom", path: ["internalHosts", p.index], message: p.message });
    },
    // Not on an input that is no object at all (its issue has an empty path): the lists are not there to compare.
    { when: (payload) => !payload.issues.some((i) => !i.path?.length || i.path[0] === "internalHosts" || i.path[0] === "productHosts") },
  );
export type TSaveSettingsInput = z.input<typeof ZSaveSettingsInput>;
export type TSaveSettings = z.output<typeof ZSaveSettingsInput>;

export const ZPreviewPolicyInput = z.object({
  policy: ZPolicyValues,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type TPreviewPolicyInput = z.input<typeof ZPreviewPolicyInput>;

/** One host as SIRT proposes it from an artefact's residue: judged like a suffix, stored lower case. */
export const ZProposedHost = z
  .string({ message: "Name the host to treat as internal." })
  .superRefine((v, ctx) => {
    const problem = hostProblem(v, "suffix");
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform(normalizeHost);

export const ZProposeHostInput = z.object({
  artefactId: z.string().uuid("That artefact was not found."),
  host: ZProposedHost,
  reason: text(z.string().trim().max(1000, "Keep the reason under 1,000 characters.")).default(""),
});
export type TProposeHostInput = z.input<typeof ZProposeHostInput>;

export const ZAcceptHostProposalInput = z.object({
  proposalId: z.string().uuid("That proposal was not found."),
  note: ZNote,
});
export type TAcceptHostProposalInput = z.input<typeof ZAcceptHostProposalInput>;

export const ZDeclineHostProposalInput = z.object({
  proposalId: z.string().uuid("That proposal was not found."),
  reason: text(z.string().trim().min(3, "Say why, so SIRT knows (at least 3 characters).").max(1000, "Keep the reason under 1,000 characters.")),
});
export type TDeclineHostProposalInput = z.input<typeof ZDeclineHostProposalInput>;

export const ZRedactWithNewSettingsInput = z.object({
  artefactId: z.string().uuid("That artefact was not found."),
  version: z.coerce.number().int().positive(),
});
export type TRedactWithNewSettingsInput = z.output<typeof ZRedactWithNewSettingsInput>;
