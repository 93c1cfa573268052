import "server-only";
import { Prisma, type PrismaClient } from "@/generated/prisma/client";
import { env } from "@/lib/env";
import { openPostgres, type Database } from "./postgres";

/**
 * The one Prisma client (STYLE 1). The server process (server.ts) opens the
 * database, applies migrations and installs it here before Next handles a
 * request; tests install theirs the same way. Kept on globalThis because the
 * server and Next's bundle load this module as two separate instances.
 */
const KEY = Symbol.for("logdesk.database");
type Holder = { [KEY]?: Database; [k: symbol]: unknown };
const holder = globalThis as unknown as Holder;

export function installDatabase(database: Database | undefined) {
  holder[KEY] = database;
}

export function currentDatabase(): Database | undefined {
  return holder[KEY];
}

/** The client. Opens PostgreSQL on first use; the embedded database must have been opened by the server. */
export function db(): PrismaClient {
  const current = holder[KEY];
  if (current) return current.prisma;
  const e = env();
  if (e.DATABASE_URL) {
    const opened = openPostgres(e.DATABASE_URL, e.DATABASE_POOL_SIZE, e.DATABASE_PREPARED_STATEMENTS);
    installDatabase(opened);
    return opened.prisma;
  }
  throw new Error("The embedded database is opened by the Logdesk server process: start the portal with `npm start`.");
}

export type { Database };
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/**
 * For a page read with OFFSET (`skip`) that selects relations. Relations are read in their parent's
 * query (the schema's relationJoins: the case page went from about 36 queries to 12, which on PGlite,
 * a thread away, took it from 34 to 60 requests/s at 100,000 cases), but then PostgreSQL builds the
 * relations of every skipped row before OFFSET drops them: SIRT's case list page 200 fell from 44
 * to 12 requests/s. These reads fetch their relations by id after the page, as before.
 */
export const OFFSET_READ = { relationLoadStrategy: "query" } as const;

/**
 * A page's `skip`, with OFFSET_READ when it skips rows: on the first page the relations of its rows
 * come in the same query (Legal's first page of exception requests was three queries, and two more
 * for an empty list's relations; issue 15).
 */
export const offsetRead = (skip: number) => (skip > 0 ? { ...OFFSET_READ, skip } : { skip });

/**
 * A timestamp column as epoch milliseconds (float8), for times inside json_build_object: JSON
 * writes a `timestamp` without its zone, so a raw query's JSON carries the number and the reader
 * makes it a Date (`new Date(ms)`); a null column stays null.
 */
export const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::float8`;

/** A moment as a parameter compared with the schema's `timestamp` columns (UTC, without a zone). */
export const sqlTime = (d: Date) => Prisma.sql`${d.toISOString()}::timestamp`;
