import { can, type Permission, type Role } from "@/lib/auth/permissions";

export interface NavItem {
  href: string;
  label: string;
  /** Any one of these lets the role see the item. */
  permissions: Permission[];
}

/** The portal's sections. Each page checks the same permission on the server. */
export const NAV: NavItem[] = [
  { href: "/cases", label: "Cases", permissions: ["case.list", "case.listMetadata"] },
  { href: "/queue", label: "Queue", permissions: ["queue.read"] },
  { href: "/approvals", label: "Approvals", permissions: ["approvals.read"] },
  { href: "/updates", label: "Updates due", permissions: ["updates.read"] },
  { href: "/reports", label: "Reports", permissions: ["report.read"] },
  { href: "/reports/gaps", label: "Gap analytics", permissions: ["gap.analytics"] },
  { href: "/notifications", label: "Notifications", permissions: ["outbox.read"] },
  { href: "/activity", label: "Records", permissions: ["activity.read", "securityEvents.read"] },
  { href: "/admin", label: "Admin", permissions: ["staff.manage"] },
];

export function navFor(role: Role): NavItem[] {
  return NAV.filter((item) => item.permissions.some((p) => can(role, p)));
}
