/** A customer account as the intake form offers it (a select's option, or a match of the account search). */
export interface AccountChoice {
  id: string;
  name: string;
  slug: string;
  plan: string;
  deployment: string;
}

/** How an account reads in the intake form: the select's options and the search's matches alike. */
export const accountLabel = (a: AccountChoice) => `${a.name} (${a.slug}) · ${a.plan}${a.deployment === "self_managed" ? " · self-managed" : ""}`;
