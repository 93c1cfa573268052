import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { IntakePage } from "../intake-page";
import type { IntakeDraft } from "@/components/cases/intake-form";
import { PageHeader } from "@/components/ui/page-header";
import { orPageNotFound } from "@/lib/auth/page-guard";
import { requirePageUser } from "@/lib/auth/session";
import { prefillFromCase, type CasePrefill } from "@/lib/cases/prefill-from-case";
import { intakeChoices } from "@/lib/cases/queries";
import { isAppError } from "@/lib/errors";
import { loadPolicyOverride } from "@/lib/evaluation/policy";
import { toUtcInputValue } from "@/lib/format/datetime";

export const metadata: Metadata = { title: "New information request" };


// /cases/new?from=<id>: a new request prefilled from a refused case, read through the case guard.
export default async function NewCasePage({ searchParams }: { searchParams: Promise<{ account?: string; from?: string }> }) {
  const user = await requirePageUser("case.create");
  const sp = await searchParams;
  let source: CasePrefill | null = null;
  if (sp.from) {
    source = await orPageNotFound(prefillFromCase(user, sp.from), user, `case.new:from=${sp.from}`).catch((err) => {
      if (isAppError(err) && err.code === "INVALID_STATE") redirect(`/cases/${sp.from}`);
      throw err;
    });
  }
  const [{ accounts, chosen, cataloguedEventTypes }, policy] = await Promise.all([intakeChoices(user, source?.eventTypes ?? [], source?.accountId ?? sp.account), loadPolicyOverride()]);
  // A preset the user may not choose (or no longer exists) is dropped: the form asks for the account.
  const preset = chosen?.id ?? "";
  const initial: IntakeDraft = source
    ? { ...source, accountId: preset, windowFrom: toUtcInputValue(source.windowFrom), windowTo: toUtcInputValue(source.windowTo) }
    : { accountId: preset, requesterName: "", requesterEmail: "", summary: "", resources: [], eventTypes: [], logSources: ["application"], windowFrom: "", windowTo: "", personalData: false };
  return (
    <>
      <PageHeader
        title="New information request"
        description={
          source
            ? `Prefilled from ${source.sourceReference ?? "the refused case"}, which stays closed as it is. Change what made it ineligible; this is saved as a new draft.`
            : "The information_request template (process steps 1-2). Fill in what the customer asked for; every condition is checked as you type, and again by the server when you submit."
        }
      />
      {accounts?.length === 0 ? (
        <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {user.role === "csm" ? "You do not manage any customer accounts yet. Ask an Admin to assign you to the accounts you look after." : "There are no customer accounts yet. An Admin adds them under Admin → Customer accounts."}
        </p>
      ) : (
        <IntakePage mode="draft" initial={initial} startsDirty={!!source} accounts={accounts} chosenAccount={chosen} cataloguedEventTypes={cataloguedEventTypes} policy={policy} />
      )}
    </>
  );
}
