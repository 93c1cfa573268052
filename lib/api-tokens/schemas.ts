import { z } from "zod";
import { line } from "@/lib/validation/text";

export const ZIssueApiTokenInput = z.object({
  name: line(
    z
      .string({ message: "Name the token after the integration that will use it." })
      .trim()
      .min(1, "Name the token after the integration that will use it.")
      .max(80, "Keep the name under 80 characters."),
  ),
});
export type TIssueApiTokenInput = z.infer<typeof ZIssueApiTokenInput>;

export const ZRevokeApiTokenInput = z.object({ tokenId: z.string().uuid("That token was not found.") });
export type TRevokeApiTokenInput = z.infer<typeof ZRevokeApiTokenInput>;
