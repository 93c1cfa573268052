import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { AccountForm } from "@/components/admin/accounts/account-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { createAccountAction } from "../actions";

export const metadata: Metadata = { title: "New customer account" };

export default async function NewAccountPage() {
  await requirePageUser("account.manage");
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/accounts" className="text-indigo-700 hover:underline">← Customer accounts</Link></p>
      <PageHeader title="New customer account" description="After creating it you add what the account owns and assign its CSMs." />
      <div className="max-w-3xl">
        <AccountForm mode="create" create={createAccountAction} />
      </div>
    </>
  );
}
