import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Issue 14: no code path logs a request's body, headers or form input, or a password or token.
// Every logger call in the server's code is read, up to its closing parenthesis, and must not
// name any of these (lib/logger.ts also redacts the secret fields, as a second line of defence).
const ROOTS = ["app", "lib", "components", "server.ts"];
// A name on its own (`{ body }`, `headers: req.headers`) is refused; one field of it (`input.kind`, `req.headers.origin`) is not.
const FORBIDDEN = /\b(body|rawBody|headers|formData|input|payload|password|cookie|cookies|authorization|token|secret)\b(?!\??\.)/;

function files(p: string): string[] {
  if (statSync(p).isFile()) return /\.(ts|tsx)$/.test(p) ? [p] : [];
  return readdirSync(p).flatMap((f) => files(path.join(p, f)));
}

/** The text of each `logger.<level>(...)` call in `source`. */
function loggerCalls(source: string): string[] {
  const calls: string[] = [];
  const re = /\blogger\.(debug|info|warn|error)\(/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < source.length && depth > 0; i++) {
      if (source[i] === "(") depth++;
      else if (source[i] === ")") depth--;
    }
    calls.push(source.slice(m.index, i));
  }
  return calls;
}

describe("logger calls", () => {
  const all = ROOTS.flatMap((r) => files(r)).filter((f) => !f.endsWith(path.join("lib", "logger.ts")));
  const calls = all.flatMap((f) => loggerCalls(readFileSync(f, "utf8")).map((c) => ({ f, c })));

  it("are found (the scan reads the code)", () => {
    expect(calls.length).toBeGreaterThan(10);
  });

  it("name no request body, headers, input or secret", () => {
    const offending = calls.filter(({ c }) => FORBIDDEN.test(c.replace(/"[^"]*"|`[^`]*`/g, '""')));
    expect(offending.map(({ f, c }) => `${f}: ${c}`)).toEqual([]);
  });
});
