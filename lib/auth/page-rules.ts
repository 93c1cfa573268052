import type { Permission } from "@/lib/auth/permissions";
import { PUBLIC } from "@/lib/auth/action-rules";

/** A page or route anyone signed in may open (it scopes what it shows by role). */
export const SIGNED_IN = "signed-in" as const;
/** A route authorised by an API token (Admin -> API tokens), not a session. */
export const API_TOKEN = "api-token" as const;
/** A route authorised by the METRICS_TOKEN bearer token (lib/env.ts): 404 while it is unset, 401 without it. */
export const METRICS_TOKEN = "metrics-token" as const;

export type PageRule = Permission | typeof SIGNED_IN | typeof PUBLIC;
export type RouteRule = Permission | typeof SIGNED_IN | typeof PUBLIC | typeof API_TOKEN | typeof METRICS_TOKEN;

/**
 * Every page of the portal, by its App Router path, and what opening it needs (issue 12). A page's
 * `requirePageUser(...)` names the same permission (tests/unit/page-rules.test.ts reads the page
 * files and checks they agree). A signed-in role without it gets the 404 page (nothing of the
 * page's content); a signed-out visitor is sent to /signin. The access-matrix test lists every
 * page of the build (app-paths-manifest.json) and fails on one missing here.
 */
export const PAGE_RULES = {
  "/": SIGNED_IN,
  "/cases": SIGNED_IN,
  "/cases/new": "case.create",
  "/cases/[id]": "case.read",
  "/cases/[id]/edit": "case.read",
  "/cases/[id]/artefacts/[artefactId]": "artefact.read",
  "/queue": "queue.read",
  "/approvals": "approvals.read",
  "/updates": "updates.read",
  "/notifications": "outbox.read",
  "/reports": "report.read",
  "/reports/gaps": "gap.analytics",
  "/activity": "activity.read",
  "/security-events": "securityEvents.read",
  // app/(portal)/admin/layout.tsx also asks staff.manage of every Admin page (all Admin's alone).
  "/admin": "staff.manage",
  "/admin/accounts": "account.manage",
  "/admin/accounts/new": "account.manage",
  "/admin/accounts/import": "account.manage",
  "/admin/accounts/[id]": "account.manage",
  "/admin/calendars": "settings.manage",
  "/admin/settings": "settings.manage",
  "/admin/tokens": "apiToken.manage",
  "/signin": PUBLIC,
  "/invite/[token]": PUBLIC,
} as const satisfies Record<string, PageRule>;

/**
 * Every route handler and what it needs. A session route answers 401 signed out and, for a role
 * without the permission or an id outside what the user may see, 403/404 from its service.
 */
export const ROUTE_RULES = {
  "/api/health": PUBLIC,
  "/api/health/db": PUBLIC,
  "/api/release-key": PUBLIC,
  "/api/auth/[...nextauth]": PUBLIC,
  "/api/v1/evaluate": API_TOKEN,
  // The API's description (lib/api-description): the contract, no data.
  "/api/v1/openapi.json": PUBLIC,
  "/api/metrics": METRICS_TOKEN,
  "/api/artefacts/[id]": "artefact.read",
  "/api/artefacts/[id]/download": "artefact.read",
  "/api/artefacts/[id]/shares/[shareId]/manifest": "artefact.read",
  "/api/cases/[id]/artefacts": "artefact.upload",
  "/api/cases/[id]/report.pdf": "case.report",
  // The case list's CSV: every role has a list (Admin's is metadata only); the service checks which.
  "/api/cases/export": SIGNED_IN,
  "/api/updates/export": "updates.read",
  "/api/activity/export": "activity.read",
  "/api/gaps/export.csv": "gap.export",
  "/api/gaps/export.json": "gap.export",
  "/api/event-types": "eventTypes.read",
  "/api/cases/filter-options": "case.list",
  // The intake form's account search (too many accounts for a select): those who open cases.
  "/api/accounts/search": "case.create",
  "/api/activity/checkpoints": "activity.read",
  "/api/security-events/export": "securityEvents.read",
  "/api/reports/[chart]": "report.read",
} as const satisfies Record<string, RouteRule>;

export type PagePath = keyof typeof PAGE_RULES;
export type RoutePath = keyof typeof ROUTE_RULES;

/** The App Router path of a build entry ("/(portal)/cases/[id]/page" -> "/cases/[id]"). */
export function appPathOf(entry: string): string {
  const p = entry
    .replace(/\/(page|route)$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .join("/");
  return `/${p}`;
}
