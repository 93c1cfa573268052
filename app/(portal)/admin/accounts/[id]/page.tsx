import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { notFound } from "next/navigation";
import { AccountActivity } from "@/components/admin/accounts/account-activity";
import { AccountFlags, DeploymentBadge, PlanBadge } from "@/components/admin/accounts/account-badges";
import { AccountForm } from "@/components/admin/accounts/account-form";
import { ManagersForm } from "@/components/admin/accounts/managers-form";
import { ResourcesEditor } from "@/components/admin/accounts/resources-editor";
import { PageHeader } from "@/components/ui/page-header";
import { getAccount, listAccountActivity, listCsmChoices } from "@/lib/accounts/queries";
import { requirePageUser } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { addResourceAction, removeResourceAction, setManagersAction, updateAccountAction } from "../actions";

export const metadata: Metadata = { title: "Customer account" };

export default async function AccountPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  await requirePageUser("account.manage");
  const { id } = await params;
  const { created } = await searchParams;
  const account = await getAccount(id).catch((err) => {
    if (isAppError(err) && err.code === "NOT_FOUND") notFound();
    throw err;
  });
  const [choices, activity] = await Promise.all([listCsmChoices(), listAccountActivity(account.id)]);
  const { resources, managers, version, ...fields } = account;
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/accounts" className="text-indigo-700 hover:underline">← Customer accounts</Link></p>
      <PageHeader title={account.name} />
      <div className="-mt-4 mb-6 flex flex-wrap items-center gap-2 text-sm">
        <span className="font-mono text-slate-600">{account.slug}</span>
        <PlanBadge plan={account.plan} />
        <DeploymentBadge deployment={account.deployment} />
        <AccountFlags paying={account.paying} supportPlan={account.supportPlan} incidentNotification={account.incidentNotification} />
      </div>
      {created ? <p role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">Account created. Now add what it owns and assign its CSMs.</p> : null}
      <div className="space-y-6">
        <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <AccountForm
            mode="edit"
            id={account.id}
            version={version}
            update={updateAccountAction}
            initial={{ name: fields.name, slug: fields.slug, plan: fields.plan, deployment: fields.deployment, paying: fields.paying, supportPlan: fields.supportPlan, incidentNotification: fields.incidentNotification, notificationContact: fields.notificationContact }}
          />
          <ManagersForm accountId={account.id} choices={choices} current={managers} save={setManagersAction} />
        </div>
        <ResourcesEditor accountId={account.id} accountName={account.name} resources={resources} add={addResourceAction} remove={removeResourceAction} />
        <AccountActivity entries={activity} />
      </div>
    </>
  );
}
