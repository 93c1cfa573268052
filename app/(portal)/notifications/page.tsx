import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { notificationsFor } from "@/lib/outbox/inbox";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Notifications" };


export default async function NotificationsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requirePageUser("outbox.read");
  const page = Number.parseInt((await searchParams).page ?? "1", 10) || 1;
  const { rows, total, capped, hasNext, pageSize } = await notificationsFor(user.email, page);
  return (
    <>
      <PageHeader title="Notifications" description={`Everything Logdesk sent, or is keeping to send, to ${user.email}: SIRT tags, assignments, Legal decisions, reminders. Without SMTP settings this page is where they are read.`} />
      {total === 0 ? (
        <EmptyState title="No notifications">Notifications about your cases, queues and reminders appear here as they are written.</EmptyState>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" data-testid="notification-list">
            {rows.map((n) => (
              <li key={n.id} className="px-4 py-3 text-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium text-slate-900">
                    {n.caseId ? <Link className="text-indigo-700 hover:underline" href={`/cases/${n.caseId}`}>{n.subject}</Link> : n.subject}
                  </span>
                  <span className="text-xs text-slate-500">
                    <Time value={n.createdAt} /> · {n.status === "sent" ? <>emailed <Time value={n.sentAt} none="" /></> : n.status === "failed" ? "email failed" : "kept in the portal"}
                  </span>
                </div>
                <p className="mt-1 whitespace-pre-wrap text-slate-600">{n.body}</p>
              </li>
            ))}
          </ul>
          <Pagination page={page} pageSize={pageSize} total={total} capped={capped} hasNext={hasNext} shown={rows.length} basePath="/notifications" />
        </>
      )}
    </>
  );
}
