// The residue inventory's format (issue 10, "Residue review"): what is left in a redacted file that
// still looks like an identifier, by category, with the reason each value stayed; its canonical
// JSON and the SHA-256 an approval carries. The collector that builds one is residue.ts.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/release/manifest";

export const RESIDUE_FORMAT = "logdesk-residue/1";

/** Display order: unknown hosts first, then IP- and email-shaped tokens, paths and names, random-looking strings. */
export const RESIDUE_CATEGORIES = ["host", "ip", "email", "path", "name", "random"] as const;
export type ResidueCategory = (typeof RESIDUE_CATEGORIES)[number];

/** Why a value stayed in the redacted file. */
export const RESIDUE_REASONS = ["unknown", "owned", "product-route", "known-host", "personal-data", "not-identifier"] as const;
export type ResidueReason = (typeof RESIDUE_REASONS)[number];

export const RESIDUE_REASON_LABEL: Record<ResidueReason, string> = {
  unknown: "unknown",
  owned: "owned by the account",
  "product-route": "a product route",
  "known-host": "a known host",
  "personal-data": "personal data disclosed",
  "not-identifier": "not an identifier",
};

export const RESIDUE_CATEGORY_LABEL: Record<ResidueCategory, { title: string; one: string; many: string }> = {
  host: { title: "Hosts", one: "host", many: "hosts" },
  ip: { title: "IP-shaped tokens", one: "IP-shaped", many: "IP-shaped" },
  email: { title: "Email-shaped tokens", one: "email-shaped", many: "email-shaped" },
  path: { title: "Namespace-shaped paths", one: "path", many: "paths" },
  name: { title: "Names in identity fields", one: "name", many: "names" },
  random: { title: "Random-looking strings", one: "random-looking string", many: "random-looking strings" },
};

export interface ResidueSample {
  /** 1-based line number in the redacted file. */
  line: number;
  /** At most about SAMPLE_CHARS of the line around the value. */
  text: string;
  /** Where the value is in `text` (UTF-16 offset) and how long it is there. */
  at: number;
  length: number;
  /** Whether `text` starts after the line's start / ends before its end. */
  cutBefore: boolean;
  cutAfter: boolean;
}

export interface ResidueItem {
  /** The value as first seen (decoded when it was URL-encoded). */
  value: string;
  /** The text to search the redacted file for (as written in it). */
  search: string;
  count: number;
  reason: ResidueReason;
  /** A few words more about the reason, when there is something to say. */
  note?: string;
  sample: ResidueSample;
}

export interface ResidueUntracked {
  /** Distinct values seen after the cap (a lower bound when `capped`). */
  distinct: number;
  occurrences: number;
  capped: boolean;
}

export interface ResidueCategoryInventory {
  category: ResidueCategory;
  /** Distinct values, listed or not (a lower bound when an untracked count is capped). */
  distinct: number;
  /** Distinct values whose reason is "unknown", listed or not. */
  unknown: number;
  occurrences: number;
  /** Unknown first, then by count (descending), then by value. */
  items: ResidueItem[];
  /** Values seen after the category's cap was reached: counted, not listed. */
  untracked: { unknown: ResidueUntracked; explained: ResidueUntracked };
}

export interface ResidueInventory {
  format: typeof RESIDUE_FORMAT;
  /** Lines inspected. */
  lines: number;
  limits: { unknownPerCategory: number; explainedPerCategory: number; sampleChars: number };
  /** Always all six, in RESIDUE_CATEGORIES order. */
  categories: ResidueCategoryInventory[];
}

// ---------------------------------------------------------------------------------------------
// The canonical form and its hash

/** The inventory as the bytes that are hashed: keys sorted at every depth, no whitespace (as the release manifest). */
export function canonicalResidue(inv: ResidueInventory): string {
  return canonicalJson(inv);
}

/** SHA-256 (lowercase hex) of the inventory's canonical JSON: what an approval carries. */
export function residueSha256(inv: ResidueInventory): string {
  return createHash("sha256").update(canonicalResidue(inv), "utf8").digest("hex");
}

/** Counts for the summary line and the activity log. */
export function residueCounts(inv: ResidueInventory): Record<ResidueCategory, { distinct: number; unknown: number }> {
  const out = {} as Record<ResidueCategory, { distinct: number; unknown: number }>;
  for (const c of RESIDUE_CATEGORIES) out[c] = { distinct: 0, unknown: 0 };
  for (const c of inv.categories) out[c.category] = { distinct: c.distinct, unknown: c.unknown };
  return out;
}
