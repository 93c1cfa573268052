import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiUsage } from "@/components/admin/tokens/api-usage";
import { IssueTokenForm } from "@/components/admin/tokens/issue-token-form";
import { RevokeTokenButton } from "@/components/admin/tokens/revoke-token-button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listApiTokens } from "@/lib/api-tokens/service";
import { requirePageUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { issueApiTokenAction, revokeApiTokenAction } from "./actions";
import { TableHead } from "@/components/ui/table-head";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Admin · API tokens" };

const HOUR = 3_600_000;


async function baseUrl() {
  const e = env();
  if (e.NEXTAUTH_URL) return e.NEXTAUTH_URL.replace(/\/$/, "");
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

export default async function ApiTokensPage() {
  await requirePageUser("apiToken.manage");
  const [tokens, base] = await Promise.all([listApiTokens(), baseUrl()]);
  // The example asks about the last three days, so it works as pasted (the window must lie within the last month).
  const to = new Date(Math.floor(Date.now() / HOUR) * HOUR);
  const example = { baseUrl: base, from: new Date(to.getTime() - 72 * HOUR), to };
  return (
    <>
      <PageHeader
        title="Admin · API tokens"
        description="Tokens let a helpdesk integration ask Logdesk whether a customer's log request would be eligible and who would handle it (POST /api/v1/evaluate). Revoking a token refuses its very next request."
        actions={
          // The API's description, generated from the schemas the routes use (lib/api-description); public, so a client generator or Swagger UI can load it.
          <a href="/api/v1/openapi.json" className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
            API description (OpenAPI 3.1)
          </a>
        }
      />
      <IssueTokenForm issue={issueApiTokenAction} />
      <div className="mt-6">
        {tokens.length === 0 ? (
          <EmptyState title="No API tokens yet">
            <p>
              A token lets a helpdesk system, such as the ticketing tool Support works in, check a customer&apos;s request against the eligibility
              rules before a case is opened. Issue one per integration above, then send it as a Bearer token:
            </p>
            <div className="mt-4">
              <ApiUsage {...example} />
            </div>
          </EmptyState>
        ) : (
          <>
            {/* relative: keeps the absolutely positioned sr-only header inside the scroll box on narrow screens */}
            <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <TableHead columns={["Name", "Token", "Issued by", "Issued", "Last used", "Status", { label: "Revoke", align: "right", hidden: true }]} />
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((t) => (
                    <tr key={t.id} data-testid={`token-${t.prefix}`} className={t.revokedAt ? "text-slate-500" : undefined}>
                      <td className="px-4 py-3 font-medium">{t.name}</td>
                      <td className="px-4 py-3"><code className="rounded bg-slate-100 px-1 text-xs text-slate-700">{t.prefix}…</code></td>
                      <td className="px-4 py-3 text-slate-600">{t.createdBy}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600"><Time value={t.createdAt} none="" /></td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600"><Time value={t.lastUsedAt} none="never" /></td>
                      <td className="whitespace-nowrap px-4 py-3">
                        {t.revokedAt ? (
                          <span className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-600">revoked <Time value={t.revokedAt} none="" /></span>
                        ) : (
                          <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700">active</span>
                        )}
                      </td>
                      <td className="px-4 py-3 text-right">
                        {t.revokedAt ? null : <RevokeTokenButton tokenId={t.id} name={t.name} revoke={revokeApiTokenAction} />}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details className="mt-6 rounded-lg border border-slate-200 bg-white p-4">
              <summary className="cursor-pointer text-sm font-semibold">How an integration calls Logdesk</summary>
              <div className="mt-3">
                <ApiUsage {...example} />
              </div>
            </details>
          </>
        )}
      </div>
    </>
  );
}
