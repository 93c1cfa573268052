import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { requirePageUser } from "@/lib/auth/session";
import { notificationsFor } from "@/lib/outbox/inbox";
import { NotificationList } from "@/components/notifications/notification-list";

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
          <NotificationList
            items={rows.map((n) => ({ id: n.id, caseId: n.caseId, subject: n.subject, body: n.body, createdAt: n.createdAt.toISOString(), status: n.status, sentAt: n.sentAt?.toISOString() ?? null }))}
          />
          <Pagination page={page} pageSize={pageSize} total={total} capped={capped} hasNext={hasNext} shown={rows.length} basePath="/notifications" />
        </>
      )}
    </>
  );
}
