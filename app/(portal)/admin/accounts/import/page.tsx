import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { ImportForm } from "@/components/admin/accounts/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/session";
import { applyImportAction, previewImportAction } from "../actions";

export const metadata: Metadata = { title: "Import customer accounts" };

export default async function ImportAccountsPage() {
  await requirePageUser("account.manage");
  return (
    <>
      <p className="mb-2 text-sm"><Link href="/admin/accounts" className="text-indigo-700 hover:underline">← Customer accounts</Link></p>
      <PageHeader title="Import customer accounts" description="Paste CSV or JSON, or choose a file (it is read in your browser). The preview shows what each row would create or update, and why a row cannot be imported. Nothing is saved until you import." />
      <ImportForm preview={previewImportAction} apply={applyImportAction} />
    </>
  );
}
