// The finder the case-scope check shares with the redaction (contracts.md, section 2): the
// group/project paths a log line names, in every form the redaction recognises. It runs the
// redaction's own scanners with nothing owned, so whatever the redaction would judge as a
// path (and replace when not owned) is listed here: identity-key values (`-`/`_` alike, any
// depth, arrays included, `%2F` values decoded), `key=value` in text, prose namespace paths,
// API ids (URL-decoded), the namespaces of request and product paths, scp remotes on product
// hosts, and entity_path / target_details values that are paths.
//
// Prose paths that cannot be namespaces are not listed: a first segment that is one of the
// product's reserved top-level routes (`projects/481/merge_requests`), or a user agent's
// platform pair (`linux/amd64`). Dropping a whole line needs more than replacing one token.
// Given the namespaces Logdesk knows (`knownRoots`: the root segments of the account registry's
// group and project paths, every customer's), a prose path is listed only when its root segment
// is one of them: `refs/heads/main`, `feature/login`, `Europe/Berlin`, `app/services/x.rb` or
// `read/write` name no namespace anyone has. The positional forms (identity keys, key=value, API
// ids, request and product paths, scp remotes, entity_path / target_details paths) are listed
// whatever their root: their position says they are namespaces.
//
// Single names (a user, or a group named alone where a name is judged: `target_details`,
// `https://<product host>/<name>`, `users/<name>`) are not listed: the redaction cannot tell a
// user from a group there, and a case's own users are no resource outside its scope. One
// exception, with known roots: a single name in entity_path / target_details that is a known root
// is a group (`{"entity_path":"initech"}`), as a single name under namespace / root_namespace
// always is.
import { A_PROJECT, A_SECRET, Found } from "./found";
import * as J from "./json";
import * as S from "./scanners";
import type { ScanEnv } from "./scanners";
import { compileScope } from "./scope";
import { isProseNonNamespace } from "./urls";

export interface PathFinderHosts {
  /** Host names of the product's own front end (RedactionScope.productHosts); default none. */
  productHosts?: readonly string[];
  /** Host suffixes of our own systems (RedactionScope.internalHosts); default none. */
  internalHosts?: readonly string[];
  /**
   * The root segments (lower case) of the namespaces Logdesk knows: a prose path counts only when
   * its root is one, and a single name in entity_path / target_details counts when it is one.
   * Absent: every prose path counts and no such single name does.
   */
  knownRoots?: { has(root: string): boolean };
}

export interface PathFinder {
  /**
   * The group/project paths a log line names, in order of appearance, each once (as written,
   * URL-decoded where the redaction decodes). A JSON object line is read value by value under
   * each value's key; any other line is text. Lines are taken to come in file order: the lines of
   * a private key block in a text file name nothing (they are redacted whole).
   *
   * `reported`, when given, receives for each path (same index) the form a summary names it by:
   * the path itself, except a whole product path of three or more segments (a path continuing a
   * project, `initech/payroll/issues/5`, judged whole), which is named by its first two
   * (`initech/payroll`).
   */
  pathsInLine(line: string, reported?: string[]): string[];
  /** The same for one string; `key` is the name of the JSON key whose value it is (null: none). */
  pathsInString(value: string, key?: string | null): string[];
}

/** A finder for the given hosts (they decide which URLs and request paths are product paths). */
export function createPathFinder(hosts: PathFinderHosts = {}): PathFinder {
  const scope = compileScope({
    owned: { groups: [], projects: [], users: [], emails: [] },
    disclosePersonalData: false,
    internalHosts: [...(hosts.internalHosts ?? [])],
    productHosts: [...(hosts.productHosts ?? [])],
  });
  // Prose paths that cannot be namespaces drop no line (the redaction still replaces them).
  const roots = hosts.knownRoots;
  if (roots === undefined) {
    scope.proseVeto = isProseNonNamespace;
  } else {
    scope.proseVeto = (s, a, slash, e) => isProseNonNamespace(s, a, slash, e) || !roots.has(s.slice(a, slash).toLowerCase());
    scope.isResourceName = (name) => roots.has(name.trim().toLowerCase());
  }
  const env: ScanEnv = { scope, ipAllowed: true, pathsOnly: true };
  const found = new Found();
  let inPemBlock = false;
  /** Where collect() puts the reported forms (pathsInLine's `reported`), or null. */
  let reporting: string[] | null = null;

  /** Adds the paths found in `s` (by position) to `out`, skipping those in `seen`. */
  function collect(s: string, out: string[], seen: Set<string>): void {
    const ids: number[] = [];
    let secrets: number[] | null = null;
    for (let i = 0; i < found.count; i++) {
      if (found.action[i] === A_PROJECT) ids.push(i);
      else if (found.action[i] === A_SECRET) (secrets ??= []).push(i);
    }
    if (secrets !== null) {
      // A path inside a secret is replaced with it: it names nothing.
      const overlaps = (i: number) => secrets!.some((k) => found.start[i] < found.end[k] && found.start[k] < found.end[i]);
      for (let k = ids.length - 1; k >= 0; k--) if (overlaps(ids[k])) ids.splice(k, 1);
    }
    if (ids.length > 1) ids.sort((a, b) => found.start[a] - found.start[b]);
    for (const i of ids) {
      const id = (found.idText.get(i) ?? s.slice(found.idStart[i], found.idEnd[i])).trim();
      if (id.length === 0 || seen.has(id)) continue;
      seen.add(id);
      out.push(id);
      if (reporting !== null) {
        const end = found.reportEnd.size > 0 ? found.reportEnd.get(i) : undefined;
        reporting.push(end === undefined ? id : s.slice(found.idStart[i], end).trim());
      }
    }
  }

  function inString(value: string, key: string | null, out: string[], seen: Set<string>, present = -1): void {
    S.findCandidates(value, env, J.keyRuleOf(key), found, present);
    if (found.count > 0) collect(value, out, seen);
  }

  return {
    pathsInLine(line, reported) {
      reporting = reported ?? null;
      found.wantsReports = reporting !== null;
      const out: string[] = [];
      const seen = new Set<string>();
      const text = typeof line === "string" ? line : String(line ?? "");
      // Lines are read in order, as the redaction reads them: a private key block in a text
      // file spans lines, and every line of it becomes [REDACTED:secret], naming nothing.
      if (inPemBlock) {
        if (S.closesPemBlock(text)) inPemBlock = false;
        return out;
      }
      const parsed = firstNonBlankIsBrace(text) ? J.scanJsonObjectLine(text) : null;
      if (parsed === null) {
        if (S.opensPemBlock(text)) {
          inPemBlock = true;
          return out;
        }
        inString(text, null, out, seen);
        return out;
      }
      const { count, start, end, present, escaped, rule } = parsed;
      for (let i = 0; i < count; i++) {
        const keyRule = J.KEY_RULES[rule[i]];
        const esc = escaped[i] === 1;
        if (keyRule === null && !esc && !S.mayFind(present[i], env)) continue;
        const value = J.decodeString(text, start[i], end[i], esc);
        S.findCandidates(value, env, keyRule, found, esc ? -1 : present[i]);
        if (found.count > 0) collect(value, out, seen);
      }
      return out;
    },
    pathsInString(value, key = null) {
      reporting = null;
      found.wantsReports = false;
      const out: string[] = [];
      inString(typeof value === "string" ? value : String(value ?? ""), key, out, new Set());
      return out;
    },
  };
}

function firstNonBlankIsBrace(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 123) return true;
    if (c === 32 || (c >= 9 && c <= 13) || c === 0xfeff) continue;
    return false;
  }
  return false;
}
