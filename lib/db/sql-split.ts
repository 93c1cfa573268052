/**
 * Splits a migration script into statements at the semicolons that end them,
 * skipping those inside comments (`--`, nested `/* *\/`), quoted strings
 * (`'...'`, `E'...'`), quoted identifiers (`"..."`) and dollar-quoted bodies
 * (`$$...$$`, `$tag$...$tag$`), so a migration may define PL/pgSQL functions.
 * PostgreSQL's Prisma adapter splits at every semicolon; PGlite runs the
 * script whole, and this gives PostgreSQL the same statements.
 */
export function splitSqlStatements(script: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const stmt = script.slice(start, end).trim();
    if (stmt && !isOnlyComments(stmt)) out.push(stmt);
  };
  while (i < n) {
    const c = script[i]!;
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const nl = script.indexOf("\n", i);
      i = nl === -1 ? n : nl + 1;
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (script[i] === "/" && script[i + 1] === "*") {
          depth++;
          i += 2;
        } else if (script[i] === "*" && script[i + 1] === "/") {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'" || c === '"') {
      // E'...' strings may escape a quote with a backslash; standard strings double it.
      const escapes = c === "'" && i > 0 && /[eE]/.test(script[i - 1]!) && !/[\w$]/.test(script[i - 2] ?? "");
      i++;
      while (i < n) {
        if (escapes && script[i] === "\\") i += 2;
        else if (script[i] === c && script[i + 1] === c) i += 2;
        else if (script[i] === c) break;
        else i++;
      }
      i++;
    } else if (c === "$" && !/[\w$]/.test(script[i - 1] ?? "")) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(script.slice(i, i + 65));
      if (m) {
        const tag = m[0];
        const close = script.indexOf(tag, i + tag.length);
        i = close === -1 ? n : close + tag.length;
      } else i++;
    } else if (c === ";") {
      push(i);
      start = ++i;
    } else i++;
  }
  push(n);
  return out;
}

function isOnlyComments(stmt: string): boolean {
  return splitSqlStatementsStrip(stmt).trim() === "";
}

/** The text with comments removed (strings kept as they are): used to drop comment-only tails. */
function splitSqlStatementsStrip(s: string): string {
  return s.replace(/--[^\n]*(\n|$)/g, "").replace(/\/\*[\s\S]*?\*\//g, "");
}
