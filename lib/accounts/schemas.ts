import { z } from "zod";
import { line, text } from "@/lib/validation/text";

export const PLANS = ["free", "trial", "premium", "ultimate"] as const;
export const DEPLOYMENTS = ["saas", "self_managed"] as const;
export const SUPPORT_PLANS = ["current", "deprecated"] as const;
export const RESOURCE_KINDS = ["group", "project", "user"] as const;

export type TPlan = (typeof PLANS)[number];
export type TDeployment = (typeof DEPLOYMENTS)[number];
export type TSupportPlan = (typeof SUPPORT_PLANS)[number];
export type TResourceKind = (typeof RESOURCE_KINDS)[number];

export const PLAN_LABELS: Record<TPlan, string> = { free: "Free", trial: "Trial", premium: "Premium", ultimate: "Ultimate" };
export const DEPLOYMENT_LABELS: Record<TDeployment, string> = { saas: "SaaS", self_managed: "Self-managed" };
export const SUPPORT_PLAN_LABELS: Record<TSupportPlan, string> = { current: "Current", deprecated: "Deprecated" };
export const RESOURCE_KIND_LABELS: Record<TResourceKind, string> = { group: "Group or subgroup", project: "Project", user: "User" };

export const SLUG_MAX = 63;
export const PATH_MAX = 255;
const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const SLUG = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

/**
 * Why `path` is not a well-formed path for `kind`, in words for the person
 * who typed it, or null when it is fine. Groups and subgroups are one or more
 * segments ("acme", "acme/infra"), projects live under a group (two or more),
 * users are one segment; a segment is letters, digits, "_", "." and "-".
 */
export function pathProblem(kind: TResourceKind, path: string): string | null {
  if (path.length === 0) return kind === "user" ? "Enter the user name." : "Enter the path.";
  if (path.length > PATH_MAX) return `Keep the path under ${PATH_MAX} characters.`;
  if (/\s/.test(path)) return `“${path}” contains a blank: paths and user names have no spaces.`;
  if (kind === "user" && path.includes("/")) return `“${path}” is not a user name: a user name is one word, without “/”.`;
  const segments = path.split("/");
  if (segments.some((s) => s === "")) return `“${path}” has an empty part: write it like acme/infra, without a leading, trailing or double “/”.`;
  const bad = segments.find((s) => !SEGMENT.test(s));
  if (bad !== undefined) return `“${path}”: use only letters, digits, “_”, “.” and “-”${kind === "user" ? "" : " in each part, separated by “/”"}.`;
  if (segments.some((s) => s === "." || s === "..")) return `“${path}”: a part cannot be “.” or “..”.`;
  if (kind === "project" && segments.length < 2) return `“${path}” is not a project path: a project lives under a group, like acme/${path}.`;
  return null;
}

/** Checkbox or boolean: absent and "false" are false, "on" and "true" are true. */
const ZCheckbox = z
  .union([z.boolean(), z.enum(["on", "true", "false", ""]).transform((v) => v === "on" || v === "true")])
  .optional()
  .transform((v) => v ?? false);

const ZOptionalEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Keep the email under 254 characters.")
  .optional()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || z.email().safeParse(v).success, "Enter a valid email address, like security@customer.example.");

export const ZSlug = z
  .string({ message: "Enter a slug." })
  .trim()
  .toLowerCase()
  .min(1, "Enter a slug, e.g. acme.")
  .max(SLUG_MAX, `Keep the slug under ${SLUG_MAX} characters.`)
  .refine((v) => v === "" || SLUG.test(v), "Use lowercase letters, digits and “-” (not at the start or end), e.g. acme-corp.");

export const ZPlan = z.enum(PLANS, { message: "Choose a plan: free, trial, premium or ultimate." });
export const ZDeployment = z.enum(DEPLOYMENTS, { message: "Choose a deployment: SaaS or self-managed." });
export const ZSupportPlan = z.enum(SUPPORT_PLANS, { message: "Choose a support plan: current or deprecated." });
export const ZResourceKind = z.enum(RESOURCE_KINDS, { message: "Choose what it is: group, project or user." });

const ACCOUNT_FIELDS = {
  name: line(z.string({ message: "Enter the customer's name." }).trim().min(1, "Enter the customer's name.").max(120, "Keep the name under 120 characters.")),
  slug: ZSlug,
  plan: ZPlan,
  deployment: ZDeployment,
  paying: ZCheckbox,
  supportPlan: ZSupportPlan.default("current"),
  incidentNotification: ZCheckbox,
  notificationContact: ZOptionalEmail,
};

const CONTACT_RULE = {
  path: ["notificationContact"],
  message: "The agreement asks to be told of incidents within 24 hours: give the email to notify.",
};
const hasContactIfNotified = (v: { incidentNotification: boolean; notificationContact: string | null }) => !v.incidentNotification || v.notificationContact !== null;

/** The account's own fields, as the form and the import give them. */
export const ZAccountFields = z.object(ACCOUNT_FIELDS).refine(hasContactIfNotified, CONTACT_RULE);
export type TAccountFields = z.output<typeof ZAccountFields>;

const ZId = z.string().uuid("That account was not found.");

export const ZCreateAccountInput = ZAccountFields;
export type TCreateAccountInput = TAccountFields;

/** An edit names the version it loaded (optimistic concurrency). */
export const ZUpdateAccountInput = z
  .object({ ...ACCOUNT_FIELDS, id: ZId, version: z.coerce.number({ message: "Reload the page and try again." }).int().positive("Reload the page and try again.") })
  .refine(hasContactIfNotified, CONTACT_RULE);
export type TUpdateAccountInput = z.output<typeof ZUpdateAccountInput>;

/** One owned resource; the path's shape depends on its kind. Only users have an email. */
const RESOURCE_FIELDS = {
  kind: ZResourceKind,
  path: z.string({ message: "Enter the path." }).trim(),
  email: ZOptionalEmail,
};
function checkResource(v: { kind: TResourceKind; path: string; email: string | null }, ctx: z.RefinementCtx) {
  const problem = pathProblem(v.kind, v.path);
  if (problem) ctx.addIssue({ code: "custom", path: ["path"], message: problem });
  if (v.kind !== "user" && v.email !== null) ctx.addIssue({ code: "custom", path: ["email"], message: "Only users have an email; leave it empty for groups and projects." });
}
export const ZResourceInput = z.object(RESOURCE_FIELDS).superRefine(checkResource);
export type TResourceInput = z.output<typeof ZResourceInput>;

export const ZAddResourceInput = z.object({ ...RESOURCE_FIELDS, accountId: ZId }).superRefine(checkResource);
export const ZRemoveResourceInput = z.object({ accountId: ZId, resourceId: z.string().uuid("That resource was not found.") });

export const ZSetManagersInput = z.object({
  accountId: ZId,
  userIds: z.array(z.string().uuid("Choose CSMs from the list."), { message: "Choose CSMs from the list." }).max(50, "Choose at most 50 CSMs."),
  /** The CSMs the Admin saw when choosing: a change made meanwhile by someone else is a conflict, not silently undone. */
  expectedUserIds: z.array(z.string().uuid()).max(200).optional(),
});
export type TSetManagersInput = z.output<typeof ZSetManagersInput>;

export const IMPORT_FORMATS = ["csv", "json"] as const;
export type TImportFormat = (typeof IMPORT_FORMATS)[number];
/** Server actions take at most 1 MB; the text goes there whole. */
export const IMPORT_MAX_CHARS = 900_000;
export const IMPORT_MAX_ROWS = 1000;

export const ZPreviewImportInput = z.object({
  format: z.enum(IMPORT_FORMATS, { message: "Choose CSV or JSON." }),
  text: text(
    z
      .string({ message: "Paste the accounts or choose a file." })
      .min(1, "Paste the accounts or choose a file.")
      .max(IMPORT_MAX_CHARS, "The text is larger than 900 KB: split it into several imports."),
  ),
});
export type TPreviewImportInput = z.output<typeof ZPreviewImportInput>;

export const ZApplyImportInput = ZPreviewImportInput.extend({ token: z.string().regex(/^[0-9a-f]{64}$/, "Preview the import first.") });
export type TApplyImportInput = z.output<typeof ZApplyImportInput>;
