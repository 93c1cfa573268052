import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Permission, type Role } from "@/lib/auth/permissions";
import { NAV, navFor } from "@/lib/nav";

// Generated from the table itself: every permission has a description and at
// least one role, and can() answers exactly what the table says.
const rows = (Object.keys(PERMISSIONS) as Permission[]).flatMap((p) =>
  ROLES.map((r) => [p, r, (PERMISSIONS[p].roles as readonly Role[]).includes(r)] as const),
);

describe("role -> permission table", () => {
  it.each(Object.keys(PERMISSIONS) as Permission[])("%s has a description and a role", (p) => {
    expect(PERMISSIONS[p].description.length).toBeGreaterThan(10);
    expect(PERMISSIONS[p].roles.length).toBeGreaterThan(0);
  });

  it.each(rows)("can(%s) for %s is %s", (p, r, expected) => {
    expect(can(r, p)).toBe(expected);
  });

  // The design's hard lines, stated independently of the table.
  it.each<[Role, Permission, boolean]>([
    ["admin", "case.read", false], // Admin sees metadata, never contents
    ["admin", "case.listMetadata", true],
    ["sirt", "entry.relay", false], // SIRT never talks to the customer
    ["sirt", "artefact.share", false],
    ["legal", "exception.decide", true],
    ["admin", "case.close", false], // Admin never changes case contents (issue 13: closing)
    ["admin", "case.reopen", false],
    ["legal", "case.close", true], // a handled subpoena referral
    ["legal", "case.reopen", false], // the routed team, or the author or the account's CSM
    ["support", "exception.decide", false],
    ["sirt", "artefact.approveSecurity", true],
    ["support", "artefact.approveSecurity", false],
    ["legal", "artefact.approveLegal", true],
    ["csm", "artefact.upload", false],
    ["csm", "staff.manage", false],
    // The records (activity log, security events): Admin and Legal only.
    ["legal", "activity.read", true],
    ["admin", "activity.read", true],
    ["sirt", "activity.read", false],
    ["legal", "securityEvents.read", true],
    ["admin", "securityEvents.read", true],
    ["support", "securityEvents.read", false],
    ["csm", "securityEvents.read", false],
  ])("%s / %s -> %s", (role, p, expected) => {
    expect(can(role, p)).toBe(expected);
  });
});

describe("navigation by role", () => {
  it.each<[Role, string[]]>([
    ["support", ["/cases", "/queue", "/updates", "/reports", "/reports/gaps", "/notifications"]],
    ["csm", ["/cases", "/updates", "/reports", "/reports/gaps", "/notifications"]],
    ["sirt", ["/cases", "/queue", "/approvals", "/reports", "/reports/gaps", "/notifications"]],
    ["legal", ["/cases", "/queue", "/approvals", "/reports", "/reports/gaps", "/notifications", "/activity"]],
    ["admin", ["/cases", "/reports", "/reports/gaps", "/notifications", "/activity", "/admin"]],
  ])("%s sees %j", (role, hrefs) => {
    expect(navFor(role).map((n) => n.href)).toEqual(hrefs);
  });

  it("every nav item names known permissions", () => {
    for (const item of NAV) for (const p of item.permissions) expect(PERMISSIONS).toHaveProperty(p);
  });
});
