// Artefact redaction (contracts.md, section 2): one log line in, one line out. Pure: no I/O, no
// environment. JSON object lines keep their text except for the string values that change;
// everything else is scanned as text. See scanners.ts for what is found and resolve.ts for how
// overlapping findings are settled.
import { decodeString, scanJsonObjectLine } from "./json";
import { resolve } from "./resolve";
import {
  SECRET_TEXT,
  closesPemBlock,
  findCandidates,
  opensPemBlock,
  type Candidate,
  type PseudonymKind,
  type ScanEnv,
} from "./scanners";
import { ACTING_USER_KEYS, compileScope, keyRule, type CompiledScope, type KeyRule } from "./scope";
import type { RedactionKind, RedactionScope, Redactor } from "./types";

export type { RedactionKind, RedactionScope, Redactor } from "./types";
export { REDACTION_KINDS } from "./types";

export function createRedactor(scope: RedactionScope): Redactor {
  const compiled = compileScope(scope);
  const counts: Record<RedactionKind, number> = {
    secret: 0,
    "other-account": 0,
    "personal-data": 0,
    system: 0,
  };
  // Identifier (lower-cased) -> its pseudonym, per kind, numbered in order of first appearance.
  const pseudonyms: Record<PseudonymKind, Map<string, string>> = {
    user: new Map(),
    project: new Map(),
    email: new Map(),
  };
  let lines = 0;
  let inPemBlock = false;

  function pseudonymFor(kind: PseudonymKind, id: string): string {
    const map = pseudonyms[kind];
    let name = map.get(id);
    if (name === undefined) {
      name = `[${kind}-${map.size + 1}]`;
      map.set(id, name);
    }
    return name;
  }

  function render(s: string, winners: Candidate[]): string {
    const parts: string[] = [];
    let pos = 0;
    for (const c of winners) {
      if (c.kind === null) continue;
      parts.push(s.slice(pos, c.start), c.pseudo !== null ? pseudonymFor(c.pseudo, c.id) : c.text);
      counts[c.kind]++;
      pos = c.end;
    }
    if (parts.length === 0) return s;
    parts.push(s.slice(pos));
    return parts.join("");
  }

  function redactString(s: string, env: ScanEnv, rule: KeyRule): string {
    const candidates = findCandidates(s, env, rule);
    if (candidates.length === 0) return s;
    return render(s, resolve(candidates));
  }

  function redactJson(line: string): string | null {
    const parsed = scanJsonObjectLine(line);
    if (parsed === null) return null;
    let actingUser: string | undefined;
    for (const key of ACTING_USER_KEYS) {
      actingUser = parsed.acting.get(key);
      if (actingUser !== undefined) break;
    }
    const env: ScanEnv = {
      scope: compiled,
      ipAllowed: compiled.disclose && actingUser !== undefined && compiled.isOwnedUser(actingUser),
    };
    const parts: string[] = [];
    let pos = 0;
    for (const v of parsed.values) {
      const value = decodeString(line, v.start, v.end, v.escaped);
      const redacted = redactString(value, env, keyRule(v.key));
      if (redacted === value) continue;
      parts.push(line.slice(pos, v.start), JSON.stringify(redacted));
      pos = v.end;
    }
    if (parts.length === 0) return line;
    parts.push(line.slice(pos));
    return parts.join("");
  }

  function redactText(line: string): string {
    if (inPemBlock) {
      if (closesPemBlock(line)) inPemBlock = false;
      counts.secret++;
      return SECRET_TEXT;
    }
    if (opensPemBlock(line)) {
      inPemBlock = true;
      counts.secret++;
      return SECRET_TEXT;
    }
    return redactString(line, { scope: compiled, ipAllowed: false }, null);
  }

  return {
    redactLine(line: string): string {
      lines++;
      const text = typeof line === "string" ? line : String(line ?? "");
      if (!inPemBlock && firstNonBlankIsBrace(text)) {
        const json = redactJson(text);
        if (json !== null) return json;
      }
      return redactText(text);
    },
    summary() {
      return { lines, redactions: { ...counts } };
    },
  };
}

function firstNonBlankIsBrace(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 123) return true;
    if (!/\s/.test(line[i])) return false;
  }
  return false;
}

/** Exposed for tests and tools: the compiled ownership rules of a scope. */
export function ownershipOf(scope: RedactionScope): CompiledScope {
  return compileScope(scope);
}
