// The browser tests' server: a real SMTP server on a loopback port that
// files every message it receives into E2E_MAIL_DIR (one .eml per message),
// then the Logdesk server itself as a child process with SMTP_URL pointing at
// it. Tests read the folder to see what reached the mail server.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SMTPServer } from "smtp-server";

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

smtp.listen(0, "127.0.0.1", () => {
  const port = (smtp.server.address() as AddressInfo).port;
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/register.mjs", "server.ts"], {
    env: { ...process.env, SMTP_URL: `smtp://127.0.0.1:${port}` },
    stdio: "inherit",
  });
  const stop = (signal: NodeJS.Signals) => child.kill(signal);
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  child.on("exit", (code) => {
    smtp.close(() => process.exit(code ?? 0));
  });
});
