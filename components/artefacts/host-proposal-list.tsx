import type { HostProposalView } from "@/lib/settings/propose-host";
import { ProposalState } from "./proposal-state";
import { Time } from "@/components/ui/time";


/**
 * "Host proposals" on the artefact page, for the case's team and SIRT: each host SIRT proposed
 * from this artefact's residue, newest first, with SIRT's reason and Admin's decision (who, when,
 * why it was declined, or the settings version that took it in).
 */
export function HostProposalList({ proposals }: { proposals: HostProposalView[] }) {
  if (proposals.length === 0) return null;
  return (
    <section aria-labelledby="host-proposals-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid="host-proposals">
      <h2 id="host-proposals-heading" className="text-sm font-semibold text-slate-900">
        Host proposals
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">Hosts SIRT proposed from this artefact&apos;s residue to treat as internal, and what Admin decided.</p>
      <ul className="mt-2 divide-y divide-slate-100">
        {proposals.map((p) => (
          <li key={p.id} className="py-2" data-testid={`artefact-host-proposal-${p.host}`}>
            <p className="flex flex-wrap items-baseline justify-between gap-2">
              <code className="font-mono text-xs font-semibold text-slate-900">{p.host}</code>
              <span className="text-xs text-slate-500">
                by {p.proposedBy}, <Time value={p.createdAt} />
              </span>
            </p>
            {p.reason ? <p className="mt-0.5 text-xs text-slate-600">Why: “{p.reason}”</p> : null}
            <div className="mt-1">
              <ProposalState p={p} showHost={false} />
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
