// LOGDESK_PROCESSES (issue 15): several server processes on one port, forked and supervised by the
// first (lib/server/processes.ts), here around a small server that answers with its process id.
import { spawn, type ChildProcess } from "node:child_process";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { freePort } from "../support/throwaway-postgres";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function start(port: number, count: number, mode = "serve") {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/processes-fixture.ts", String(port), String(count), mode], { stdio: ["ignore", "pipe", "pipe"] });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (b: Buffer) => (output += b));
  child.stderr!.on("data", (b: Buffer) => (output += b));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** The answering process's id, on a connection of its own; null when nothing answers within 2 s. */
function pidAt(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path: "/", agent: false, timeout: 2000 }, (res) => {
      let body = "";
      res.on("data", (b: Buffer) => (body += b));
      res.on("end", () => resolve(Number(body) || null));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(null));
    req.end();
  });
}

async function answeringPids(port: number, until: (pids: Set<number>) => boolean, timeoutMs = 30_000): Promise<Set<number>> {
  const pids = new Set<number>();
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const pid = await pidAt(port);
    if (pid) pids.add(pid);
    if (until(pids)) return pids;
    if (!pid) await sleep(100);
  }
  throw new Error(`after ${timeoutMs / 1000} s the processes that answered were ${[...pids].join(", ") || "none"}`);
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("LOGDESK_PROCESSES", () => {
  it("two processes answer on one port; one killed outright is replaced; SIGTERM ends them all", async () => {
    const port = await freePort();
    const s = start(port, 2);
    const first = await answeringPids(port, (p) => p.size === 2);
    expect(first.has(s.child.pid!)).toBe(false); // the first process only supervises
    expect(s.output().match(/first listening/g)).toHaveLength(1); // the banner's moment, once

    const [killed, kept] = [...first] as [number, number];
    process.kill(killed, "SIGKILL");
    const after = await answeringPids(port, (p) => [...p].some((pid) => !first.has(pid)));
    const replacement = [...after].find((pid) => !first.has(pid))!;
    expect(alive(killed)).toBe(false);
    expect(alive(kept)).toBe(true);
    expect(s.output()).toContain(`server process ${killed} ended (SIGKILL); starting another.`);

    s.child.kill("SIGTERM");
    expect(await Promise.race([s.exited, sleep(25_000).then(() => "still running")])).toBe(0);
    for (const pid of [kept, replacement]) expect(alive(pid)).toBe(false);
  }, 90_000);

  it("processes that end as soon as they start are not forked for ever: three in a row stop it with code 1", async () => {
    const s = start(await freePort(), 2, "fail-at-start");
    expect(await Promise.race([s.exited, sleep(30_000).then(() => "still running")])).toBe(1);
    expect(s.output()).toContain("3 server processes in a row ended within 10 s of starting; stopping.");
  }, 60_000);
});
