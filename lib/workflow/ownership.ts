import type { ResourceRef } from "./types";

/**
 * The comparable form of a path or user name: lower-cased, or null when it is not a well-formed
 * path (empty, surrounding blanks, empty, "." or ".." segments). Malformed paths are never owned
 * and never own anything, so `acme/../globex` cannot pass as being under `acme`.
 */
function normalizePath(path: unknown): string | null {
  if (typeof path !== "string" || path.length === 0 || path.trim() !== path) return null;
  const lower = path.toLowerCase();
  for (const segment of lower.split("/")) {
    if (segment === "" || segment === "." || segment === ".." || segment.trim() !== segment) {
      return null;
    }
  }
  return lower;
}

/**
 * Whether the customer owns `ref`, comparing case-insensitively. A group or project is owned when
 * its path equals an owned group's or project's path, or lies under an owned group (`acme/infra`
 * is under `acme`; `acme-x` is not; nothing is under a project). A user is owned when an owned
 * user has that name.
 */
export function isOwned(ref: ResourceRef, owned: readonly ResourceRef[]): boolean {
  const path = normalizePath(ref.path);
  if (path === null) return false;
  if (ref.kind === "user") {
    if (path.includes("/")) return false;
    return owned.some((o) => o.kind === "user" && normalizePath(o.path) === path);
  }
  if (ref.kind !== "group" && ref.kind !== "project") return false;
  return owned.some((o) => {
    if (o.kind !== "group" && o.kind !== "project") return false;
    const ownedPath = normalizePath(o.path);
    if (ownedPath === null) return false;
    return path === ownedPath || (o.kind === "group" && path.startsWith(`${ownedPath}/`));
  });
}

/** The resources of `resources` that the customer does not own, in the order given. */
export function findUnowned(
  resources: readonly ResourceRef[],
  owned: readonly ResourceRef[],
): ResourceRef[] {
  return resources.filter((ref) => !isOwned(ref, owned));
}
