// After every browser-test run: the shared server's log (its stdout, kept by server-with-mailbox.ts)
// is JSON lines, one object a line, and neither it nor what the server told a person on stderr holds
// a secret: a demo password, the tracker's token, the session secret, or a session cookie or API
// token a spec saw (secrets-seen.ts). The one exception is npm start's banner on stderr, whose demo
// credential lines are printed on purpose (lib/server/banner.ts): each of those is allowed once.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_STAFF } from "../../lib/demo/data";
import { demoCredentialLines } from "../../lib/server/banner";
import { TOKEN } from "../support/fake-tracker";
import { specServerLogs } from "./spec-server-output";

export interface ScanInput {
  stdout: string;
  stderr: string;
  secrets: string[];
  allowedStderrLines: string[];
}

/** What is wrong with the server's output; empty when nothing is. */
export function scanServerOutput({ stdout, stderr, secrets, allowedStderrLines }: ScanInput): string[] {
  const problems: string[] = [];
  // After the last newline: nothing, or a line still being written when the scan ran (not judged).
  const complete = stdout.split("\n").slice(0, -1);
  complete.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      const v: unknown = JSON.parse(line);
      if (!v || typeof v !== "object" || Array.isArray(v)) problems.push(`stdout line ${i + 1} is not a JSON object: ${line.slice(0, 200)}`);
    } catch {
      problems.push(`stdout line ${i + 1} is not JSON: ${line.slice(0, 200)}`);
    }
  });
  let rest = stderr;
  for (const allowed of allowedStderrLines) rest = rest.replace(allowed, "");
  const distinct = [...new Set(secrets.map((s) => s.trim()).filter((s) => s.length >= 8))];
  for (const secret of distinct) {
    const shown = `${secret.slice(0, 4)}… (${secret.length} characters)`;
    if (stdout.includes(secret)) problems.push(`the log (stdout) holds a secret: ${shown}`);
    if (rest.includes(secret)) problems.push(`stderr holds a secret outside the startup banner: ${shown}`);
  }
  return problems;
}

function read(file: string | undefined): string {
  return file && existsSync(file) ? readFileSync(file, "utf8") : "";
}

export default async function globalTeardown() {
  const logFile = process.env.E2E_LOG_FILE;
  if (!logFile || !existsSync(logFile)) throw new Error(`secret scan: the server's log ${logFile ?? "(E2E_LOG_FILE unset)"} was not written`);
  const stdout = read(logFile);
  if (!stdout.trim()) throw new Error(`secret scan: the server's log ${logFile} is empty`);
  const seen = read(process.env.E2E_SECRETS_FILE).split("\n");
  const sessionSecret = process.env.E2E_DATA_DIR ? read(path.join(process.env.E2E_DATA_DIR, "session-secret")).trim() : "";
  // A CSRF cookie is "<token>%7C<hash>": its parts are looked for too, as a log would hold the token alone.
  const parts = seen.flatMap((v) => {
    try {
      return decodeURIComponent(v).split("|").filter((p) => p.length >= 16);
    } catch {
      return [];
    }
  });
  const secrets = [...DEMO_STAFF.map((s) => s.password), TOKEN, sessionSecret, ...seen, ...parts];
  const problems = scanServerOutput({ stdout, stderr: read(process.env.E2E_STDERR_FILE), secrets, allowedStderrLines: demoCredentialLines() }).map((p) => `${logFile}: ${p}`);
  let lines = stdout.split("\n").filter(Boolean).length;
  // The servers some specs start on their own data folders (spec-server-output.ts): the same rules.
  const specLogs = specServerLogs();
  for (const { log, stderr } of specLogs) {
    const out = read(log);
    lines += out.split("\n").filter(Boolean).length;
    problems.push(...scanServerOutput({ stdout: out, stderr: read(stderr), secrets, allowedStderrLines: demoCredentialLines() }).map((p) => `${log}: ${p}`));
  }
  if (problems.length) throw new Error(`secret scan failed:\n${problems.slice(0, 50).join("\n")}`);
  console.log(`secret scan: ${lines} log lines of ${1 + specLogs.length} servers, all JSON, none of ${new Set(secrets.filter(Boolean)).size} secrets in them`);
}
