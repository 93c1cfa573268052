import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  /**
   * When the SMTP session that delivered it was opened (ms): the crash test tells a redelivery
   * across a kill from a double send by which life of the portal opened the session.
   */
  at: number;
}

/** A real SMTP server on a loopback port, started by the test; collects what it receives. */
export async function startSmtpServer(opts: { failFirst?: number } = {}) {
  const received: ReceivedMail[] = [];
  let toFail = opts.failFirst ?? 0;
  const opened = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onConnect(session, callback) {
      opened.set(session.id, Date.now());
      callback();
    },
    onClose(session) {
      opened.delete(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (toFail > 0) {
          toFail--;
          const err = Object.assign(new Error("Mailbox temporarily unavailable"), { responseCode: 451 });
          return callback(err);
        }
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          at: opened.get(session.id) ?? Date.now(),
        });
        callback();
      });
    },
  });
  // A client that vanishes mid-session (the crash test kills the portal) is not this server's failure.
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET" && err.code !== "EPIPE") throw err;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
