// Pure rules of the account services: which fields an account has, how a change is described,
// which writes conflict. No I/O.
import { AppError } from "@/lib/errors";
import type { TAccountFields, TResourceInput, TResourceKind } from "./schemas";

export const FIELD_KEYS = ["name", "slug", "plan", "deployment", "paying", "supportPlan", "incidentNotification", "notificationContact"] as const satisfies readonly (keyof TAccountFields)[];
export const FIELDS_SELECT = Object.fromEntries(FIELD_KEYS.map((k) => [k, true])) as Record<(typeof FIELD_KEYS)[number], true>;
export const KIND_ORDER: Record<TResourceKind, number> = { group: 0, project: 1, user: 2 };
export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export const slugTaken = (slug: string) =>
  new AppError("CONFLICT", `Another account already uses the slug “${slug}”.`, { slug: [`“${slug}” is already used by another account.`] });

export function isUniqueViolation(err: unknown): boolean {
  return !!err && typeof err === "object" && "code" in err && (err as { code?: unknown }).code === "P2002";
}

export const pickFields = (a: TAccountFields): TAccountFields => Object.fromEntries(FIELD_KEYS.map((k) => [k, a[k]])) as TAccountFields;
export const resourceData = (r: TResourceInput) => ({ kind: r.kind, path: r.path, pathLower: r.path.toLowerCase(), email: r.kind === "user" ? r.email : null });
export const describeResource = (r: { kind: string; path: string; email?: string | null }) => (r.email ? { kind: r.kind, path: r.path, email: r.email } : { kind: r.kind, path: r.path });

/** The fields that differ, as { before, after } holding only those fields. */
export function diffFields(current: TAccountFields, next: TAccountFields) {
  const before: Partial<TAccountFields> = {};
  const after: Partial<TAccountFields> = {};
  for (const k of FIELD_KEYS) {
    if (current[k] !== next[k]) {
      (before as Record<string, unknown>)[k] = current[k];
      (after as Record<string, unknown>)[k] = next[k];
    }
  }
  return { before, after, changed: Object.keys(after).length > 0 };
}

export const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** A user whose email changes counts as removed and added again, so the preview shows it. */
export const resourceKey = (r: { kind: string; path: string; email?: string | null }) => `${r.kind}:${r.path.toLowerCase()}${r.kind === "user" ? `:${r.email ?? ""}` : ""}`;
