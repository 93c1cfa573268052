import Link from "@/components/ui/app-link";

/** On a refused case: start a new request prefilled from this one (the refused case stays as it is). */
export function NewRequestFrom({ caseId }: { caseId: string }) {
  return (
    <div className="mt-4 border-t border-slate-100 pt-4" data-testid="new-request-from">
      <Link href={`/cases/new?from=${caseId}`} className="inline-flex rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-50">
        New request from this one
      </Link>
      <p className="mt-1 text-xs text-slate-500">Opens the template prefilled with this case&apos;s account, requester, summary, resources, window and personal data, as a new draft.</p>
    </div>
  );
}
