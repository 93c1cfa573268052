// The browser tests' server: a real SMTP server on a loopback port that
// files every message it receives into E2E_MAIL_DIR (one .eml per message),
// then the Logdesk server itself as a child process with SMTP_URL pointing at
// it, and a test issue tracker for the gap issue (below). Tests read the folders to see what reached them.
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import type { Readable, Writable } from "node:stream";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { FakeTracker, PROJECT, TOKEN } from "../support/fake-tracker";

const dir = process.env.E2E_MAIL_DIR ?? path.resolve("tmp", "e2e-mail");
mkdirSync(dir, { recursive: true });
let n = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      writeFileSync(path.join(dir, `${Date.now()}-${++n}.eml`), Buffer.concat(chunks));
      callback();
    });
  },
});

// The product's issue tracker for the Audit Events gap (step 10): the test tracker of the
// integration tests on a loopback port, filing every request it receives into E2E_TRACKER_DIR (one
// .json per request) so the specs see exactly what reached it.
const trackerDir = process.env.E2E_TRACKER_DIR ?? path.resolve("tmp", "e2e-tracker");
mkdirSync(trackerDir, { recursive: true });
let t = 0;
const tracker = new FakeTracker();
tracker.onRequest = (r) => writeFileSync(path.join(trackerDir, `${Date.now()}-${String(++t).padStart(4, "0")}.json`), JSON.stringify(r));

smtp.listen(0, "127.0.0.1", async () => {
  const port = (smtp.server.address() as AddressInfo).port;
  await tracker.start();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${port}`, GAP_TRACKER_URL: tracker.url, GAP_TRACKER_PROJECT: PROJECT, GAP_TRACKER_TOKEN: TOKEN },
    stdio: ["inherit", "pipe", "pipe"],
  });
  // The server's output is kept (E2E_LOG_FILE: its JSON log lines; E2E_STDERR_FILE: what it tells a person) for the
  // secret scan after the run (tests/e2e/global-teardown.ts). Only stderr also reaches the runner: the JSON request log
  // (one line per request, some 12,000 a run) would bury the test report; read it in E2E_LOG_FILE.
  tee(child.stdout!, null, process.env.E2E_LOG_FILE);
  tee(child.stderr!, process.stderr, process.env.E2E_STDERR_FILE);
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  child.on("exit", (code) => {
    void tracker.stop().finally(() => smtp.close(() => process.exit(code ?? 0)));
  });
});

function tee(from: Readable, to: Writable | null, file: string | undefined) {
  const kept = file ? (mkdirSync(path.dirname(file), { recursive: true }), createWriteStream(file, { flags: "a" })) : null;
  from.on("data", (chunk: Buffer) => {
    to?.write(chunk);
    kept?.write(chunk);
  });
}
