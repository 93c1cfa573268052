"use client";

import { Time } from "@/components/ui/time";
import { useInAppLinks } from "@/components/ui/in-app-links";

/** A notification as the page sends it: what the item shows, times as ISO strings. */
export interface NotificationItem {
  id: string;
  caseId: string | null;
  subject: string;
  body: string;
  createdAt: string;
  status: string;
  sentAt: string | null;
}

/**
 * The notifications page's list, a client component fed its items as data: as Server Components,
 * each item's markup travelled a second time in the page's payload (a CSM's page of reminders was
 * 64 KB), and each case link was a <Link> whose page was prefetched while the list was on screen.
 * The case links are plain anchors that navigate in the app (useInAppLinks).
 */
export function NotificationList({ items }: { items: NotificationItem[] }) {
  const inApp = useInAppLinks();
  return (
    <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="notification-list" onClick={inApp}>
      {items.map((n) => (
        <li key={n.id} className="px-4 py-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-medium text-slate-900">{n.caseId ? <a className="text-indigo-700 hover:underline" href={`/cases/${n.caseId}`}>{n.subject}</a> : n.subject}</span>
            <span className="text-xs text-slate-500">
              <Time value={n.createdAt} /> · {n.status === "sent" ? <>emailed <Time value={n.sentAt} none="" /></> : n.status === "failed" ? "email failed" : "kept in the portal"}
            </span>
          </div>
          <p className="mt-1 whitespace-pre-wrap text-slate-600">{n.body}</p>
        </li>
      ))}
    </ul>
  );
}
