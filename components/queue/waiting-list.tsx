"use client";

import { useInAppLinks } from "@/components/ui/in-app-links";

/** One item of Legal's waiting lists: its case, a line about it and a detail, as the server wrote them. */
export interface WaitingItem {
  id: string;
  caseId: string;
  reference: string | null;
  /** "Acme (premium) · waiting 3 h" */
  line: string;
  detail: string;
}

/**
 * Legal's lists of exception requests and subpoena referrals. A client component fed these items, so
 * the page's data carries them once as data, not as a second copy of the list's markup (issue 15).
 */
export function WaitingList({ items, empty }: { items: WaitingItem[]; empty: string }) {
  const inApp = useInAppLinks(); // the case links navigate in the app without a prefetch each
  return (
    <ul className="divide-y divide-slate-100" onClick={inApp}>
      {items.map((e) => (
        <li key={e.id} className="px-4 py-3 text-sm">
          <a href={`/cases/${e.caseId}`} className="font-medium text-indigo-700 hover:underline">{e.reference}</a>
          {` · ${e.line}`}
          <p className="mt-1 text-slate-600">{e.detail}</p>
        </li>
      ))}
      {items.length === 0 ? <li className="px-4 py-3 text-sm text-slate-500">{empty}</li> : null}
    </ul>
  );
}
