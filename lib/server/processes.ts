import cluster, { type Worker } from "node:cluster";

/**
 * LOGDESK_PROCESSES server processes on one port (node:cluster): the first process forks them and
 * only supervises; each runs the whole server (server.ts's main), as several instances on one
 * PostgreSQL do (start-up work under the advisory lock, jobs by lease, sessions in the database).
 * One process renders on one core; a page's render is most of its cost, so a second process uses
 * the machine's other core (bench/RESULTS.md: 1.1-2.1x the pages a second on two cores).
 *
 * A process that ends unasked is replaced. Three that end within START_GRACE_MS of being forked, in
 * a row, stop everything with exit code 1: a server that cannot start (a port in use, a database
 * that refuses it) would otherwise be forked again for ever. SIGTERM or SIGINT is passed to every
 * process, and the first ends once they all have (each stops cleanly within 15 s; after 20 s it
 * ends them).
 */
export const START_GRACE_MS = 10_000;
const FAST_FAILURES = 3;

export function superviseProcesses(count: number, opts: { onFirstListening?: () => void; say?: (line: string) => void } = {}): void {
  const say = opts.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (opts.onFirstListening) cluster.once("listening", opts.onFirstListening);
  /** Set once stopping: the code the first process ends with when every process has. */
  let exitCode: number | null = null;
  let fastFailures = 0;
  const started = new Map<Worker, number>();
  const fork = () => started.set(cluster.fork(), Date.now());
  const stop = (signal: NodeJS.Signals, code: number) => {
    if (exitCode !== null) return;
    exitCode = code;
    if (started.size === 0) process.exit(code);
    for (const w of started.keys()) w.process.kill(signal);
    setTimeout(() => process.exit(1), 20_000).unref();
  };
  cluster.on("exit", (worker, code, signal) => {
    const ranMs = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (exitCode !== null) {
      if (started.size === 0) process.exit(exitCode);
      return;
    }
    fastFailures = ranMs < START_GRACE_MS ? fastFailures + 1 : 0;
    if (fastFailures >= FAST_FAILURES) {
      say(`Logdesk: ${FAST_FAILURES} server processes in a row ended within ${START_GRACE_MS / 1000} s of starting; stopping.`);
      stop("SIGTERM", 1);
      return;
    }
    say(`Logdesk: server process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });
  process.on("SIGTERM", () => stop("SIGTERM", 0));
  process.on("SIGINT", () => stop("SIGINT", 0));
  for (let i = 0; i < count; i++) fork();
}
