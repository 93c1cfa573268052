import { z } from "zod";

/** The Updates due board's query string: which tab, which page. Bad values fall back to the defaults. */
export const ZUpdatesQuery = z.object({
  scope: z.enum(["mine", "team"]).default("mine").catch("mine"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type TUpdatesQuery = z.infer<typeof ZUpdatesQuery>;
