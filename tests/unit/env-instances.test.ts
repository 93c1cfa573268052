// Issue 15, several instances and load: the job lease, the PostgreSQL pool size and the pages rendered at once, read and checked.
import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";

const NAMES = ["JOB_LEASE_SECONDS", "DATABASE_POOL_SIZE", "PAGE_RENDER_CONCURRENCY", "LOGDESK_PROCESSES", "DATABASE_URL"] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
  resetEnvCache();
});

function read(name: (typeof NAMES)[number], value: string | undefined, databaseUrl: string | undefined = saved.DATABASE_URL) {
  if (databaseUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = databaseUrl;
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
  resetEnvCache();
  return env()[name];
}

describe("JOB_LEASE_SECONDS, DATABASE_POOL_SIZE and PAGE_RENDER_CONCURRENCY", () => {
  it.each([
    ["JOB_LEASE_SECONDS", undefined, 300],
    ["JOB_LEASE_SECONDS", "3", 3],
    ["JOB_LEASE_SECONDS", "3600", 3600],
    ["DATABASE_POOL_SIZE", undefined, 10],
    ["DATABASE_POOL_SIZE", "1", 1],
    ["DATABASE_POOL_SIZE", "40", 40],
    ["PAGE_RENDER_CONCURRENCY", undefined, 8],
    ["PAGE_RENDER_CONCURRENCY", "0", 0],
    ["PAGE_RENDER_CONCURRENCY", "12", 12],
  ] as const)("%s=%j reads as %s", (name, value, expected) => {
    expect(read(name, value)).toBe(expected);
  });

  it.each([
    ["JOB_LEASE_SECONDS", "1", /JOB_LEASE_SECONDS must be at least 2/],
    ["JOB_LEASE_SECONDS", "2.5", /JOB_LEASE_SECONDS must be a whole number of seconds/],
    ["JOB_LEASE_SECONDS", "7200", /JOB_LEASE_SECONDS must be at most 3600/],
    ["DATABASE_POOL_SIZE", "0", /DATABASE_POOL_SIZE must be at least 1/],
    ["DATABASE_POOL_SIZE", "many", /DATABASE_POOL_SIZE/],
    ["DATABASE_POOL_SIZE", "500", /DATABASE_POOL_SIZE must be at most 200/],
    ["PAGE_RENDER_CONCURRENCY", "-1", /PAGE_RENDER_CONCURRENCY must be 0 \(no limit\) or more/],
    ["PAGE_RENDER_CONCURRENCY", "1.5", /PAGE_RENDER_CONCURRENCY must be a whole number/],
  ] as const)("%s=%j is refused with a message naming it", (name, value, message) => {
    expect(() => read(name, value)).toThrow(message);
  });
});

describe("LOGDESK_PROCESSES", () => {
  const PG = "postgresql://portal@db.internal/logdesk";
  it.each([
    [undefined, undefined, 1],
    [undefined, PG, 1],
    ["1", undefined, 1],
    ["2", PG, 2],
    ["64", PG, 64],
  ] as const)("LOGDESK_PROCESSES=%j with DATABASE_URL=%j reads as %s", (value, url, expected) => {
    expect(read("LOGDESK_PROCESSES", value, url)).toBe(expected);
  });

  it.each([
    ["2", undefined, /LOGDESK_PROCESSES above 1 needs PostgreSQL \(DATABASE_URL\): the embedded database belongs to one process/],
    ["0", PG, /LOGDESK_PROCESSES must be at least 1/],
    ["1.5", PG, /LOGDESK_PROCESSES must be a whole number/],
    ["65", PG, /LOGDESK_PROCESSES must be at most 64/],
    ["all", PG, /LOGDESK_PROCESSES/],
  ] as const)("LOGDESK_PROCESSES=%j with DATABASE_URL=%j is refused with a message naming it", (value, url, message) => {
    expect(() => read("LOGDESK_PROCESSES", value, url)).toThrow(message);
  });
});
