// The Logdesk server process: owns the database (and, on the embedded
// default, the lock on its folder), applies migrations, runs the web app and
// the background work, and shuts all of it down cleanly on SIGTERM/SIGINT.
import cluster from "node:cluster";
import { Console } from "node:console";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { CLIENT_ADDRESS_HEADER, trustedClientAddress } from "@/lib/auth/client-address";
import { installDatabase } from "@/lib/db";
import { DataDirLockedError } from "@/lib/db/lock";
import { env } from "@/lib/env";
import { errorReference } from "@/lib/errors";
import { pageLimiter } from "@/lib/http/page-limiter";
import { baselineSecurityHeaders, contentSecurityPolicy, isHttpsUrl, isPagePath, newNonce } from "@/lib/http/security-headers";
import { logger } from "@/lib/logger";
import { runWithLogContext, type LogContext } from "@/lib/logging/context";
import { loggablePath, REQUEST_ID_HEADER, requestIdFor } from "@/lib/logging/request-id";
import { observeRequest } from "@/lib/metrics/registry";
import { routePatternOf } from "@/lib/metrics/route-pattern";
import { actionGate } from "@/lib/server/action-gate";
import { startupBanner } from "@/lib/server/banner";
import { bootDatabase, ensureSessionSecret } from "@/lib/server/boot";
import { startBackgroundWork } from "@/lib/server/background";
import { superviseProcesses } from "@/lib/server/processes";
import { startOperatorChannel, type OperatorChannel } from "@/lib/backup/channel";

// stdout carries the JSON log lines only (lib/logger.ts writes them to it directly): whatever else
// prints through console (Next's own notices, a library's warning) goes to stderr with the messages
// meant for a person, so a log collector reading stdout gets one JSON object a line.
const human = new Console({ stdout: process.stderr, stderr: process.stderr });
console.log = human.log.bind(human);
console.info = human.info.bind(human);
console.debug = human.debug.bind(human);

/** The session secret, before env() is read: required with PostgreSQL; generated and kept in the data folder on the embedded default. */
function settleSessionSecret(): void {
  if (process.env.NEXTAUTH_SECRET) return;
  if (process.env.DATABASE_URL) {
    console.error("NEXTAUTH_SECRET must be set when DATABASE_URL is set (at least 16 characters; e.g. `openssl rand -base64 32`).");
    process.exit(1);
  }
  process.env.NEXTAUTH_SECRET = ensureSessionSecret(process.env.LOGDESK_DATA_DIR ?? "./data");
}

/** For the person at the terminal, on stderr: stdout carries only JSON log lines (lib/server/banner.ts says why). */
function writeBanner(e: ReturnType<typeof env>): void {
  const url = process.env.NEXTAUTH_URL ?? `http://localhost:${e.PORT}`;
  const where = e.embedded ? `embedded database in ${e.dataDir}` : "PostgreSQL (DATABASE_URL)";
  process.stderr.write(startupBanner({ url, where, demo: Boolean(e.embedded || e.LOGDESK_DEMO_DATA) }));
}

async function main() {
  const dev = process.argv.includes("--dev");
  settleSessionSecret();
  const e = env();
  process.env.NEXTAUTH_URL ??= `http://localhost:${e.PORT}`;

  let boot;
  try {
    boot = await bootDatabase(e);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(`\nLogdesk is already running: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  installDatabase(boot.database);

  const app = next({ dev, dir: process.cwd(), hostname: "localhost", port: e.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  // Every response (pages, API, files) starts with the security headers; a page then gets its own nonce'd CSP (below).
  const https = isHttpsUrl(process.env.NEXTAUTH_URL);
  const securityHeaders = Object.entries(baselineSecurityHeaders({ https }));
  // Server action requests with a foreign Origin or a malformed body are answered here, before Next (issue 12, finding 8).
  const gate = actionGate({ dev, publicUrl: process.env.NEXTAUTH_URL, trustedProxyHops: e.TRUSTED_PROXY_HOPS });
  // A few pages rendered at a time, the rest in line (PAGE_RENDER_CONCURRENCY; lib/http/page-limiter.ts).
  const pages = pageLimiter(dev ? 0 : e.PAGE_RENDER_CONCURRENCY);
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    // Request latency for /api/metrics, labelled by App Router route pattern (never the raw path).
    const started = process.hrtime.bigint();
    res.once("close", () => observeRequest(req.method, routePatternOf(req.url), res.statusCode, Number(process.hrtime.bigint() - started) / 1e9));
    for (const [name, value] of securityHeaders) res.setHeader(name, value);
    // A page gets its own policy with a fresh nonce, on the request too: Next reads the nonce from
    // there and puts it on every script it writes. Whatever a client sent in that header is replaced.
    delete req.headers["content-security-policy"];
    delete req.headers["content-security-policy-report-only"];
    const page = isPagePath((req.url ?? "/").split("?", 1)[0]!);
    if (page) {
      const csp = contentSecurityPolicy({ nonce: newNonce(), https, dev });
      req.headers["content-security-policy"] = csp;
      res.setHeader("Content-Security-Policy", csp);
    }
    // The one place the client's address is decided (TRUSTED_PROXY_HOPS); whatever the client sent in this header is overwritten.
    req.headers[CLIENT_ADDRESS_HEADER] = trustedClientAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress, e.TRUSTED_PROXY_HOPS);
    try {
      const passed = await gate(req, res);
      if (!passed) return;
      if (page) {
        const turn = await pages.enter(res);
        if (turn === "gone") return;
        if (turn === "busy") {
          res.statusCode = 503;
          res.setHeader("Retry-After", "5");
          res.setHeader("Content-Type", "text/plain; charset=utf-8");
          res.end("The portal is busy. Try again in a few seconds.\n");
          return;
        }
      }
      await handle(passed, res);
    } catch (err) {
      const ref = errorReference();
      logger.error("request failed", { ref, err });
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "text/plain; charset=utf-8");
      }
      res.end(`Something went wrong. If it happens again, quote reference ${ref}.\n`);
    }
  };
  const server = createServer((req, res) => {
    // One id per request (a trusted proxy's, when it sent a valid one; lib/logging/request-id.ts): on every log line written while serving it, and in the answer.
    const { requestId, clientRequestId } = requestIdFor(req.headers[REQUEST_ID_HEADER], e.TRUSTED_PROXY_HOPS);
    req.headers[REQUEST_ID_HEADER] = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const context: LogContext = { requestId };
    return runWithLogContext(context, () => {
      // One line per answered request (not the build's static files): what it was, its status and how long it took.
      // Written in the request's own log context (with the case a service named in it): entered again
      // at the end, as AsyncResource.bind did at a higher price on every request (a deprecation
      // wrapper per bound function, on Node 20).
      const path = loggablePath(req.url);
      if (!path.startsWith("/_next/static/")) {
        const started = performance.now();
        res.once("finish", () =>
          runWithLogContext(context, () => logger.info("request", { method: req.method, path, status: res.statusCode, ms: Math.round(performance.now() - started), ...(clientRequestId ? { clientRequestId } : {}) })),
        );
      }
      return serve(req, res);
    });
  });
  // An idle keep-alive connection stays open 65 s, past the 60 s idle timeout of the usual reverse
  // proxies and load balancers: with Node's default of 5 s, a proxy (or a test's HTTP client) could
  // send a request on a connection the server was closing at that moment, and get a reset instead
  // of an answer ("socket hang up", seen in the access-matrix spec). A stop still closes them all.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const background = e.LOGDESK_WORKER ? startBackgroundWork(boot.database.prisma, e) : null;
  // The embedded database: `npm run backup` asks this process for a snapshot over a Unix socket in
  // the data folder, with the token it writes there (lib/backup/channel.ts, decision 0015).
  let operator: OperatorChannel | null = null;
  if (boot.database.snapshot) {
    try {
      operator = await startOperatorChannel({ dataDir: e.dataDir, blobDir: e.blobDir, snapshot: boot.database.snapshot, log: logger });
    } catch (err) {
      logger.error("operator channel not started: npm run backup cannot ask this server for a snapshot", { err });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(e.PORT, e.HOST, () => resolve());
  }).catch(async (err: NodeJS.ErrnoException) => {
    await background?.stop();
    await operator?.close();
    await boot.database.close();
    console.error(err.code === "EADDRINUSE" ? `\nPort ${e.PORT} is in use. Set PORT to another port.\n` : err);
    process.exit(1);
  });

  // Of several processes (LOGDESK_PROCESSES), the supervising one says it, once the first listens.
  if (!cluster.isWorker) writeBanner(e);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: stopping`);
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    server.close();
    server.closeAllConnections?.();
    await background?.stop();
    await operator?.close().catch(() => {});
    await boot.database.close();
    logger.info("stopped cleanly");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  // The embedded database's thread died (lib/db/pglite-thread.ts): nothing can be answered any
  // more, so the process ends and its supervisor starts it again (which recovers its jobs).
  void boot.database.stopped?.then((err) => {
    if (!err || stopping) return;
    logger.error("the embedded database stopped: exiting", { err });
    process.exit(1);
  });
}

/**
 * LOGDESK_PROCESSES above 1 (PostgreSQL only): this process forks that many, each running main(),
 * and supervises them (lib/server/processes.ts). The settings are checked here first, once.
 */
function supervising(): boolean {
  if (!cluster.isPrimary || !(Number(process.env.LOGDESK_PROCESSES) > 1)) return false;
  const e = env(); // refuses the embedded database before anything is written
  settleSessionSecret();
  superviseProcesses(e.LOGDESK_PROCESSES, { onFirstListening: () => writeBanner(e) });
  return true;
}

const run = async () => {
  if (!supervising()) await main();
};

run().catch((err) => {
  // A plain sentence for the person starting it; the stack only at LOG_LEVEL=debug.
  console.error(`\nLogdesk could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  logger.debug("start-up failed", { err });
  process.exit(1);
});
