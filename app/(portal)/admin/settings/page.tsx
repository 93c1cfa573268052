import type { Metadata } from "next";
import { HostProposals } from "@/components/admin/settings/host-proposals";
import { SettingsEditor } from "@/components/admin/settings/settings-editor";
import { SettingsHistory } from "@/components/admin/settings/settings-history";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getCurrentSettings } from "@/lib/settings/current-settings";
import { listOpenHostProposals } from "@/lib/settings/decide-host-proposal";
import { settingsHistory } from "@/lib/settings/queries";
import { acceptHostProposalAction, declineHostProposalAction, previewPolicyAction, previewRetentionAction, saveSettingsAction } from "./actions";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Admin · Settings" };

const pageOf = (v: string | undefined) => Math.max(1, Number.parseInt(v ?? "1", 10) || 1);

/** Admin -> Settings: the redaction hosts and the policy values, versioned; SIRT's host proposals. */
export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ history?: string; proposals?: string }> }) {
  const user = await requirePageUser("settings.manage");
  const sp = await searchParams;
  const current = await getCurrentSettings();
  const [history, proposals, author] = await Promise.all([
    settingsHistory(db(), pageOf(sp.history)),
    listOpenHostProposals(user, pageOf(sp.proposals)),
    current.createdById ? db().user.findUnique({ where: { id: current.createdById }, select: { name: true } }) : null,
  ]);
  // Each list's pagination keeps the other list's page.
  const keepForHistory: Record<string, string> = sp.proposals ? { proposals: sp.proposals } : {};
  const keepForProposals: Record<string, string> = sp.history ? { history: sp.history } : {};

  const proposalsSection = (
    <section aria-labelledby="proposals-heading" className={proposals.total ? "mb-10" : "mt-10"}>
      <h2 id="proposals-heading" className="text-lg font-semibold text-slate-900">
        Host proposals from SIRT {proposals.total ? <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">{proposals.total} open</span> : null}
      </h2>
      <p className="mb-3 mt-1 text-sm text-slate-600">
        From an artefact&apos;s residue, SIRT proposes hosts to treat as internal. Accepting adds the host to the internal host suffixes in a new version; the case&apos;s team then redacts the
        artefact again with the new settings.
      </p>
      {proposals.rows.length === 0 ? (
        <EmptyState title="No open proposals">SIRT proposes a host from the residue of an artefact under review (“Treat as internal”). Proposals to decide appear here.</EmptyState>
      ) : (
        <>
          <HostProposals rows={proposals.rows} accept={acceptHostProposalAction} decline={declineHostProposalAction} />
          <Pagination page={proposals.page} pageSize={proposals.pageSize} total={proposals.total} basePath="/admin/settings" params={keepForProposals} pageParam="proposals" />
        </>
      )}
    </section>
  );

  return (
    <>
      <PageHeader
        title="Admin · Settings"
        description="What redaction treats as the company's own systems and the product's own hosts, and the limits of the eligibility rules. Every save is a new version with a note; each redaction records the version it used, and evaluations use the version in force."
      />
      <p className="mb-4 text-sm text-slate-700" data-testid="settings-in-force">
        In force: <strong>version {current.version}</strong>, saved {current.createdById ? `by ${author?.name ?? "a former staff member"}` : "by the system"} on <Time value={current.createdAt} />
        {current.note ? <span className="text-slate-500"> — {current.note}</span> : null}
      </p>

      {/* Open proposals wait for a decision: they come first; without any, the empty state goes below. */}
      {proposals.total ? proposalsSection : null}

      <SettingsEditor
        current={{ version: current.version, internalHosts: current.internalHosts, productHosts: current.productHosts, policy: current.policy }}
        save={saveSettingsAction}
        preview={previewPolicyAction}
        previewRetention={previewRetentionAction}
      />

      {proposals.total ? null : proposalsSection}

      <section aria-labelledby="history-heading" className="mt-10">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold text-slate-900">
          Version history
        </h2>
        <SettingsHistory rows={history.rows} inForce={current.version} />
        <Pagination page={history.page} pageSize={history.pageSize} total={history.total} basePath="/admin/settings" params={keepForHistory} pageParam="history" />
      </section>
    </>
  );
}
