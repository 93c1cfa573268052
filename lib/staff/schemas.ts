import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { line } from "@/lib/validation/text";

export const ZRole = z.enum(ROLES, { message: "Choose a role." });

export const ZInviteStaffInput = z.object({
  email: line(z.string().trim().toLowerCase().email("Enter a valid email address.")),
  name: line(z.string().trim().min(1, "Enter the person's name.").max(120, "Keep the name under 120 characters.")),
  role: ZRole,
});
export type TInviteStaffInput = z.infer<typeof ZInviteStaffInput>;

export const ZChangeRoleInput = z.object({ userId: z.string().uuid(), role: ZRole });
export const ZRevokeSessionsInput = z.object({ userId: z.string().uuid() });
export type TRevokeSessionsInput = z.infer<typeof ZRevokeSessionsInput>;

export const ZSetActiveInput = z.object({
  userId: z.string().uuid(),
  active: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

export const ZSetTeamLeadInput = z.object({
  userId: z.string().uuid(),
  teamLead: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]),
});

export const ZPassword = line(
  z
    .string()
    .min(12, "Use at least 12 characters.")
    .max(200, "Keep the password under 200 characters."),
);

export const ZAcceptInviteInput = z
  .object({ token: line(z.string().min(20)), password: ZPassword, confirm: line(z.string()) })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ." });
