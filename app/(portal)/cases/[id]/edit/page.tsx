import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { IntakePage } from "../../intake-page";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { orPageNotFound } from "@/lib/auth/page-guard";
import { requirePageUser } from "@/lib/auth/session";
import { getCaseDetail, intakeAccountOfCase, intakeChoices } from "@/lib/cases/queries";
import { loadPolicyOverride } from "@/lib/evaluation/policy";
import type { ResourceRef } from "@/lib/workflow";
import { toUtcInputValue } from "@/lib/format/datetime";

export const metadata: Metadata = { title: "Edit case" };

const EDITABLE = ["draft", "rescope", "accepted", "in_progress"];

export default async function EditCasePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser("case.read");
  const { id } = await params;
  const c = await orPageNotFound(getCaseDetail(user, id), user, `case.edit:${id}`);
  const mode = c.status === "draft" ? "draft" : "scope";
  if (!EDITABLE.includes(c.status) || (mode === "draft" && c.authorId !== user.id) || !can(user.role, mode === "draft" ? "case.create" : "case.changeScope")) {
    redirect(`/cases/${id}`);
  }
  const [{ accounts, cataloguedEventTypes }, policy, account] = await Promise.all([intakeChoices(user, c.eventTypes), loadPolicyOverride(), mode === "scope" ? intakeAccountOfCase(user, c.id) : undefined]);
  const own = { id: c.account.id, name: c.account.name, slug: c.account.slug, plan: c.account.plan, deployment: c.account.deployment };
  // The case's own account is always offered (SIRT's scope form lists no other), or shown in the account search box.
  const listed = accounts && (accounts.some((a) => a.id === own.id) ? accounts : [own, ...accounts]);
  return (
    <>
      <PageHeader
        title={c.reference ? `${c.reference}: change scope` : "Draft information request"}
        description={mode === "draft" ? "Saved as you type. Submit when the template is complete." : "Narrow or correct the scope. The case is evaluated again against its original request time, and the decision history keeps every evaluation."}
      />
      <IntakePage
        mode={mode}
        caseId={c.id}
        version={c.version}
        requestedAt={c.requestedAt?.toISOString() ?? null}
        initial={{
          accountId: c.account.id,
          requesterName: c.requesterName,
          requesterEmail: c.requesterEmail,
          summary: c.summary,
          resources: c.resources as ResourceRef[],
          eventTypes: c.eventTypes,
          logSources: c.logSources,
          windowFrom: toUtcInputValue(c.windowFrom),
          windowTo: toUtcInputValue(c.windowTo),
          personalData: c.personalData,
        }}
        accounts={listed}
        chosenAccount={own}
        account={account}
        cataloguedEventTypes={cataloguedEventTypes}
        policy={policy}
      />
    </>
  );
}
