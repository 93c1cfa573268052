import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Sort } from "./list-filters";

/**
 * Keyset ("cursor") pagination of the case list (issue 15): Next and Previous carry the sort key
 * and id of the page's last or first row, and the next page is read from there through the sort's
 * index, however deep, where OFFSET read and threw away every row before it (page 200 of SIRT's
 * list read 5,000 rows). Every sort ends with the id, so the order is total and no row is skipped
 * or shown twice when rows share a sort value.
 */

interface SortKey {
  field: "createdAt" | "requestedAt" | "reference" | "updatedAt";
  dir: "asc" | "desc";
  /** The field may be null; nulls come last in the list. */
  nullable: boolean;
  kind: "date" | "text";
}

export const SORT_KEYS: Record<Sort, SortKey> = {
  newest: { field: "createdAt", dir: "desc", nullable: false, kind: "date" },
  oldest: { field: "createdAt", dir: "asc", nullable: false, kind: "date" },
  requested: { field: "requestedAt", dir: "desc", nullable: true, kind: "date" },
  reference: { field: "reference", dir: "asc", nullable: true, kind: "text" },
  updated: { field: "updatedAt", dir: "desc", nullable: false, kind: "date" },
};

export interface Cursor {
  value: Date | string | null;
  id: string;
}

export type Direction = "after" | "before";

/** The cursor of a row for a sort: its sort key and id, as URL-safe text. */
export function encodeCursor(sort: Sort, row: { id: string } & Partial<Record<SortKey["field"], Date | string | null>>): string {
  const v = row[SORT_KEYS[sort].field] ?? null;
  return Buffer.from(JSON.stringify([v instanceof Date ? v.toISOString() : v, row.id])).toString("base64url");
}

const ZRaw = z.tuple([z.string().max(200).nullable(), z.string().min(1).max(64)]);

/** A cursor read back for `sort`, or null when it is not one (a bad link falls back to page 1's rows). */
export function decodeCursor(sort: Sort, text: string | undefined): Cursor | null {
  if (!text || text.length > 400) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = ZRaw.safeParse(raw);
  if (!parsed.success) return null;
  const [v, id] = parsed.data;
  const key = SORT_KEYS[sort];
  if (v === null) return key.nullable ? { value: null, id } : null;
  if (key.kind === "text") return { value: v, id };
  const d = new Date(v);
  return Number.isNaN(d.getTime()) || d.toISOString() !== v ? null : { value: d, id };
}

/** The rows after (or before) the cursor in the list's order, as a where clause. */
export function keysetWhere(sort: Sort, cursor: Cursor, direction: Direction): Prisma.CaseWhereInput {
  const { field, dir, nullable } = SORT_KEYS[sort];
  // "after" in a descending list is "less than"; "before" is the other way.
  const forward = direction === "after";
  const cmp = (dir === "desc") === forward ? "lt" : "gt";
  const idPast = { id: { [cmp]: cursor.id } };
  if (cursor.value === null) {
    // In the nulls, which come last: after = further nulls; before = every non-null, or earlier nulls.
    return forward ? { [field]: null, ...idPast } : { OR: [{ [field]: { not: null } }, { [field]: null, ...idPast }] };
  }
  // `field <= value AND (field < value OR id < cursor's id)`: the bound alone is what PostgreSQL can
  // start an index scan at; as `field < value OR (field = value AND id < …)` it read and filtered
  // every row before the cursor (SIRT's page 200 by Next: 12,500 rows, 42 ms on PGlite).
  const past: Prisma.CaseWhereInput = { [field]: { [`${cmp}e`]: cursor.value }, OR: [{ [field]: { [cmp]: cursor.value } }, idPast] };
  // Nulls come last: after a dated row come the earlier dates, then every null.
  return nullable && forward ? { OR: [past, { [field]: null }] } : past;
}

/** The list's order, or for "before" its reverse (read, then reversed back). */
export function keysetOrder(sort: Sort, direction: Direction): Prisma.CaseOrderByWithRelationInput[] {
  const { field, dir, nullable } = SORT_KEYS[sort];
  const flip = (d: "asc" | "desc") => (direction === "after" ? d : d === "asc" ? "desc" : "asc");
  const first: Prisma.CaseOrderByWithRelationInput = nullable
    ? { [field]: { sort: flip(dir), nulls: direction === "after" ? "last" : "first" } }
    : { [field]: flip(dir) };
  return [first, { id: flip(dir) }];
}
