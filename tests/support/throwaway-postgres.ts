// A throw-away PostgreSQL cluster (as scripts/test-postgres.sh makes one) in `work/pg`, on a free
// loopback port, and a fresh database in it: the crash test (scripts/crash-test.ts) and the
// several-instances test (scripts/instances-test.ts) run the production server on it.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * `durable`: PostgreSQL's own defaults (fsync on), for a benchmark that should measure what a
 * deployment gets (bench/load.ts); tests leave it off. `version` is the server's "major.minor".
 */
export async function startPostgres(work: string, database: string, opts: { durable?: boolean } = {}): Promise<{ url: string; version: string; stop: () => void }> {
  const bindir = execFileSync("bash", ["scripts/ensure-postgres.sh"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
  const pgdir = path.join(work, "pg");
  mkdirSync(pgdir);
  const asPg = process.getuid?.() === 0 ? ["runuser", "-u", "postgres", "--"] : [];
  if (asPg.length) execFileSync("chown", ["postgres:postgres", pgdir]);
  const run = (cmd: string, a: string[]) => (asPg.length ? execFileSync(asPg[0]!, [...asPg.slice(1), cmd, ...a], { stdio: "ignore" }) : execFileSync(cmd, a, { stdio: "ignore" }));
  const port = await freePort();
  run(`${bindir}/initdb`, ["-D", `${pgdir}/data`, "-A", "trust", "-U", "postgres"]);
  // The portal is what is tested here, never PostgreSQL: its own fsync is not under test (off, for speed).
  const fsync = opts.durable ? "" : " -c fsync=off";
  run(`${bindir}/pg_ctl`, ["-D", `${pgdir}/data`, "-l", `${pgdir}/server.log`, "-w", "-o", `-p ${port} -k ${pgdir} -c listen_addresses=127.0.0.1${fsync} -c max_connections=200`, "start"]);
  const admin = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const version = /\d+\.\d+/.exec(execFileSync(`${bindir}/postgres`, ["--version"], { encoding: "utf8" }))?.[0] ?? "?";
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    version,
    stop: () => {
      try {
        run(`${bindir}/pg_ctl`, ["-D", `${pgdir}/data`, "-m", "immediate", "stop"]);
      } catch {
        /* already stopped */
      }
    },
  };
}
