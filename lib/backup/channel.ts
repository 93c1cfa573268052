// The operator channel (decision 0015): how `npm run backup` asks the running server for a
// snapshot of the embedded database instead of copying files under it. At start the server writes a
// fresh random token into <data folder>/run/operator-token (0600, in a 0700 folder) and listens on
// the Unix socket <data folder>/run/operator.sock (or, when that path is too long for a socket, one
// in the system's temporary folder named after the data folder). A request is one JSON line
// carrying the token; only the data folder's owner can read the token or reach the socket.
// No `server-only`: the backup script uses the client half.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { holdBlobRemovals } from "./gate";
import type { SnapshotFacts } from "./manifest";
import type { PgliteSnapshot } from "./snapshot";

/** Linux allows 108 bytes in a socket path (macOS 104): stay under both. */
const MAX_SOCKET_PATH = 100;

export function operatorPaths(dataDir: string): { dir: string; socket: string; tokenFile: string } {
  const dir = path.join(path.resolve(dataDir), "run");
  let socket = path.join(dir, "operator.sock");
  if (socket.length > MAX_SOCKET_PATH) {
    const id = createHash("sha256").update(path.resolve(dataDir)).digest("hex").slice(0, 16);
    socket = path.join(os.tmpdir(), `logdesk-${id}`, "operator.sock");
  }
  return { dir, socket, tokenFile: path.join(dir, "operator-token") };
}

/** What the server answers before the dump's bytes. */
export interface BackupHeader extends SnapshotFacts {
  ok: true;
  kind: "pglite";
  keys: string[];
  blobDir: string;
  tarBytes: number;
  pid: number;
}

export interface OperatorChannel {
  socket: string;
  close(): Promise<void>;
}

type Log = { info(msg: string, fields?: Record<string, unknown>): void; warn(msg: string, fields?: Record<string, unknown>): void; error(msg: string, fields?: Record<string, unknown>): void };

function sameToken(given: unknown, token: string): boolean {
  if (typeof given !== "string") return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Starts the server's half. `backup`: the snapshot (snapshotPglite) streamed to the client; blob
 * removals stay held until the client closes the connection (it has copied the blobs by then).
 */
export async function startOperatorChannel(opts: { dataDir: string; blobDir: string; snapshot: () => Promise<PgliteSnapshot>; log: Log }): Promise<OperatorChannel> {
  const { dir, socket, tokenFile } = operatorPaths(opts.dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  // The fallback folder in the shared temporary folder must be ours and closed to others (someone
  // else's folder there could swap the socket for theirs and collect the token).
  const st = lstatSync(path.dirname(socket));
  if (!st.isDirectory() || (process.getuid && st.uid !== process.getuid()) || (st.mode & 0o077) !== 0) {
    throw new Error(`${path.dirname(socket)} is not a folder of this user closed to others: not listening there`);
  }
  const token = randomBytes(32).toString("base64url");
  rmSync(tokenFile, { force: true });
  writeFileSync(tokenFile, token + "\n", { mode: 0o600, flag: "wx" });
  // A socket left by a server that was killed: we hold the folder's lock, so it is nobody's.
  rmSync(socket, { force: true });

  const server = net.createServer((conn) => {
    let buffered = "";
    let handled = false;
    const answer = (obj: object) => conn.write(JSON.stringify(obj) + "\n");
    conn.setEncoding("utf8");
    conn.on("error", () => {});
    conn.on("data", (chunk: string) => {
      if (handled) return;
      buffered += chunk;
      if (buffered.length > 4096) {
        handled = true;
        answer({ ok: false, error: "request too long" });
        conn.end();
        return;
      }
      const nl = buffered.indexOf("\n");
      if (nl < 0) return;
      handled = true;
      let req: { op?: unknown; token?: unknown };
      try {
        req = JSON.parse(buffered.slice(0, nl));
      } catch {
        answer({ ok: false, error: "the request is not a JSON line" });
        conn.end();
        return;
      }
      if (!sameToken(req.token, token)) {
        opts.log.warn("operator channel: request with a wrong token refused");
        answer({ ok: false, error: "wrong operator token: the token is in run/operator-token of the data folder the server holds (a server restart makes a new one)" });
        conn.end();
        return;
      }
      if (req.op !== "backup") {
        answer({ ok: false, error: `unknown operator request ${JSON.stringify(String(req.op)).slice(0, 40)}` });
        conn.end();
        return;
      }
      // Held from before the snapshot until the client is done copying blobs (or gone).
      const release = holdBlobRemovals();
      conn.once("close", release);
      const started = Date.now();
      opts.snapshot().then(
        async (snap) => {
          const header: BackupHeader = { ok: true, kind: "pglite", keys: snap.keys, counts: snap.counts, migration: snap.migration, blobDir: opts.blobDir, tarBytes: snap.tar.size, pid: process.pid };
          opts.log.info("operator channel: backup snapshot taken", { ms: Date.now() - started, bytes: snap.tar.size, blobs: snap.keys.length });
          answer(header);
          const bytes = new Uint8Array(await snap.tar.arrayBuffer());
          // In pieces, respecting backpressure; the client closes the connection when it is done.
          for (let off = 0; off < bytes.length && !conn.destroyed; off += 1 << 20) {
            if (!conn.write(bytes.subarray(off, off + (1 << 20)))) await new Promise((r) => conn.once("drain", r));
          }
        },
        (err: unknown) => {
          opts.log.error("operator channel: backup snapshot failed", { err });
          answer({ ok: false, error: `the server could not take a snapshot: ${err instanceof Error ? err.message : String(err)}` });
          conn.end();
        },
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(socket, () => resolve());
  });
  chmodSync(socket, 0o600);
  return {
    socket,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(socket, { force: true });
      rmSync(tokenFile, { force: true });
    },
  };
}

export class OperatorChannelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OperatorChannelError";
  }
}

/** The client's half: the header, then the tar's bytes through onData; `done()` closes the connection. */
export async function requestBackupSnapshot(
  dataDir: string,
  onData: (chunk: Buffer) => Promise<void>,
  opts: { token?: string } = {},
): Promise<{ header: BackupHeader; done(): void }> {
  const { socket, tokenFile } = operatorPaths(dataDir);
  let token = opts.token;
  if (token === undefined) {
    try {
      token = readFileSync(tokenFile, "utf8").trim();
    } catch (err) {
      throw new OperatorChannelError(`cannot read the operator token ${tokenFile} (${(err as NodeJS.ErrnoException).code ?? err}): run the backup as the user that runs the portal`);
    }
  }
  const conn = net.createConnection(socket);
  await new Promise<void>((resolve, reject) => {
    conn.once("connect", resolve);
    conn.once("error", (err: NodeJS.ErrnoException) =>
      reject(new OperatorChannelError(`cannot reach the running portal's operator channel ${socket} (${err.code ?? err.message})`)),
    );
  });
  conn.write(JSON.stringify({ op: "backup", token }) + "\n");
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    let header: BackupHeader | null = null;
    let received = 0;
    let settled = false;
    let queue: Promise<void> = Promise.resolve();
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      conn.destroy();
      reject(err);
    };
    const body = (chunk: Buffer) => {
      received += chunk.length;
      conn.pause();
      queue = queue.then(() => onData(chunk)).then(
        () => {
          conn.resume();
          if (received >= header!.tarBytes && !settled) {
            settled = true;
            resolve({ header: header!, done: () => conn.end() });
          }
        },
        (err: Error) => fail(err),
      );
    };
    conn.on("data", (chunk: Buffer) => {
      if (header) return body(chunk);
      head = Buffer.concat([head, chunk]);
      const nl = head.indexOf(10);
      if (nl < 0) {
        if (head.length > 64 * 1024 * 1024) fail(new OperatorChannelError("the server's answer has no header line"));
        return;
      }
      let parsed: { ok?: boolean; error?: string } & Partial<BackupHeader>;
      try {
        parsed = JSON.parse(head.subarray(0, nl).toString("utf8"));
      } catch {
        return fail(new OperatorChannelError("the server's answer is not a JSON line"));
      }
      if (!parsed.ok) return fail(new OperatorChannelError(`the running portal refused: ${parsed.error ?? "no reason given"}`));
      header = parsed as BackupHeader;
      const rest = head.subarray(nl + 1);
      if (header.tarBytes === 0 && !settled) {
        settled = true;
        return resolve({ header, done: () => conn.end() });
      }
      if (rest.length) body(rest);
    });
    conn.on("error", (err) => fail(new OperatorChannelError(`the operator connection failed: ${err.message}`)));
    conn.on("close", () => {
      if (!settled) fail(new OperatorChannelError(header ? `the server closed the connection after ${received} of ${header.tarBytes} bytes` : "the server closed the connection without an answer"));
    });
  });
}
