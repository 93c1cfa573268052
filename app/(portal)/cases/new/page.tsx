import type { Metadata } from "next";
import { IntakePage } from "../intake-page";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { intakeChoices } from "@/lib/cases/queries";
import { loadPolicyOverride } from "@/lib/evaluation/policy";

export const metadata: Metadata = { title: "New information request" };

export default async function NewCasePage({ searchParams }: { searchParams: Promise<{ account?: string }> }) {
  const user = await requirePageUser("case.create");
  const [{ accounts, eventTypes }, policy, sp] = await Promise.all([intakeChoices(user), loadPolicyOverride(), searchParams]);
  const preset = accounts.some((a) => a.id === sp.account) ? sp.account! : "";
  return (
    <>
      <PageHeader title="New information request" description="The information_request template (process steps 1-2). Fill in what the customer asked for; every condition is checked as you type, and again by the server when you submit." />
      {accounts.length === 0 ? (
        <p className="rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {user.role === "csm" ? "You do not manage any customer accounts yet. Ask an Admin to assign you to the accounts you look after." : "There are no customer accounts yet. An Admin adds them under Admin → Customer accounts."}
        </p>
      ) : (
        <IntakePage
          mode="draft"
          initial={{ accountId: preset, requesterName: "", requesterEmail: "", summary: "", resources: [], eventTypes: [], logSources: ["application"], windowFrom: "", windowTo: "", personalData: false }}
          accounts={accounts}
          eventCatalogue={eventTypes}
          policy={policy}
        />
      )}
    </>
  );
}
