/** What the requesting customer owns and what they are approved to see (contracts.md, section 2). */
export interface RedactionScope {
  owned: { groups: string[]; projects: string[]; users: string[]; emails: string[] };
  /** Approved to keep the customer's own users' IPs and emails. */
  disclosePersonalData: boolean;
  /** Host suffixes that are our own systems, e.g. ".internal". */
  internalHosts: string[];
  /** Host names of the product's own web and API front end, e.g. "gitlab.example.com"; absent = none. */
  productHosts?: string[];
}

export type RedactionKind = "secret" | "other-account" | "personal-data" | "system";

export interface Redactor {
  /** One log line in, one line out, no newline added. */
  redactLine(line: string): string;
  summary(): { lines: number; redactions: Record<RedactionKind, number> };
}

export const REDACTION_KINDS: readonly RedactionKind[] = [
  "secret",
  "system",
  "other-account",
  "personal-data",
];
