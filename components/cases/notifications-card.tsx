import type { CasePage } from "@/lib/cases/case-page";
import { utc } from "./case-card";

/** The notifications the case sent to staff (SIRT tagged, updates ready to relay, reminders), and whether they went out. */
export function NotificationsCard({ notifications }: { notifications: CasePage["c"]["notifications"] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="notif-heading" data-testid="notifications">
      <h2 id="notif-heading" className="text-sm font-semibold text-slate-900">Notifications</h2>
      <ul className="mt-2 space-y-2 text-sm">
        {notifications.map((n) => (
          <li key={n.id}>
            <div className="font-medium text-slate-800">{n.subject}</div>
            <div className="text-xs text-slate-500">
              to {n.toAddress} · {n.status === "sent" ? `sent ${utc(n.sentAt)}` : n.status === "failed" ? "delivery failed" : "kept in the outbox (no SMTP configured, or not sent yet)"}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
