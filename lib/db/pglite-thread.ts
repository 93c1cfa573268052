// The embedded database (PGlite on disk) in a thread of its own (issue 15). PGlite is PostgreSQL
// compiled to WebAssembly: in the server's thread every query took turns with page rendering, so
// on a 2-core machine the second core sat mostly idle while pages waited (at 100,000 cases the
// case lists served about half the requests per second they did on PostgreSQL, whose work runs in
// its own processes). Here PGlite and its Prisma adapter run in a worker thread
// (pglite-thread-worker.ts) and the server's Prisma client talks to them through a driver adapter
// that forwards each call as a message: the same adapter, the same one connection, the same order.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { DriverAdapterError, type IsolationLevel, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlQuery, type SqlResultSet, type Transaction, type TransactionOptions } from "@prisma/driver-adapter-utils";
import type { PgliteSnapshot } from "../backup/snapshot";
import { createPGlite, pgliteAdapterFactory } from "./pglite";
import type { ThreadReply, ThreadRequest } from "./pglite-thread-protocol";

type Body = ThreadRequest extends infer R ? (R extends unknown ? Omit<R, "id"> : never) : never;

const ADAPTER_NAME = "@prisma/adapter-pglite";

export interface PgliteThread {
  factory: SqlMigrationAwareDriverAdapterFactory;
  snapshot(): Promise<PgliteSnapshot>;
  /** Settles when the thread has stopped: after `close`, or with the error it died of. */
  stopped: Promise<Error | null>;
  close(): Promise<void>;
}

/** Opens PGlite's folder in a new thread; rejects with PGlite's own error when it cannot be opened. */
export async function openPgliteThread(dataDir: string, preparedStatements = true): Promise<PgliteThread> {
  const here = import.meta.url;
  const worker = new Worker(fileURLToPath(new URL("./pglite-thread-boot.mjs", here)), {
    workerData: { dataDir, preparedStatements },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  let closing = false;
  let markStopped!: (e: Error | null) => void;
  const stopped = new Promise<Error | null>((r) => (markStopped = r));

  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  worker.on("message", (reply: ThreadReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.ok) p.resolve(reply.value);
    else p.reject(toError(reply.error!));
  });
  const die = (err: Error) => {
    dead ??= err;
    for (const p of pending.values()) p.reject(dead);
    pending.clear();
  };
  worker.on("error", (err) => die(new Error(`the embedded database's thread failed: ${err.message}`, { cause: err })));
  worker.on("exit", (code) => {
    die(new Error(closing ? "the embedded database is closed" : `the embedded database's thread stopped (exit code ${code})`));
    markStopped(closing ? null : dead);
  });

  const call = <T>(body: Body, transfer?: ArrayBuffer[]): Promise<T> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      try {
        worker.postMessage({ ...body, id }, transfer ?? []);
      } catch (err) {
        // An argument structured clone refuses: this call fails, the connection stays usable.
        pending.delete(id);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    });
  };

  try {
    await ready;
  } catch (err) {
    await worker.terminate();
    throw err;
  }

  const queryable = (tx?: number) => ({
    provider: "postgres" as const,
    adapterName: ADAPTER_NAME,
    queryRaw: (query: SqlQuery) => call<SqlResultSet>({ op: "queryRaw", query, tx }),
    executeRaw: (query: SqlQuery) => call<number>({ op: "executeRaw", query, tx }),
  });
  const adapter: SqlDriverAdapter = {
    ...queryable(),
    executeScript: (script: string) => call<void>({ op: "executeScript", script }),
    async startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
      const { tx, options } = await call<{ tx: number; options: TransactionOptions }>({ op: "begin", isolationLevel });
      return {
        ...queryable(tx),
        options,
        commit: () => call<void>({ op: "commit", tx }),
        rollback: () => call<void>({ op: "rollback", tx }),
      };
    },
    getConnectionInfo: () => ({ supportsRelationJoins: true }),
    dispose: async () => {},
  };

  return {
    factory: {
      provider: "postgres",
      adapterName: ADAPTER_NAME,
      connect: async () => adapter,
      // The migration engine's scratch database: a bare in-memory PGlite in this thread, as before.
      connectToShadowDb: async () => pgliteAdapterFactory(await createPGlite()).connect(),
    },
    async snapshot() {
      // The tar's bytes were moved (transferred) from the database's thread, not copied.
      const snap = await call<Omit<PgliteSnapshot, "tar"> & { tar: ArrayBuffer }>({ op: "snapshot" });
      const bytes = snap.tar;
      return { ...snap, tar: { size: bytes.byteLength, arrayBuffer: async () => bytes } };
    },
    stopped,
    async close() {
      if (dead) return;
      closing = true;
      try {
        await call({ op: "close" });
      } finally {
        await worker.terminate();
      }
    },
  };
}

function toError(e: NonNullable<ThreadReply["error"]>): Error {
  if (e.driver !== undefined) return new DriverAdapterError(e.driver as ConstructorParameters<typeof DriverAdapterError>[0]);
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  if (e.code !== undefined) (err as Error & { code?: string }).code = e.code;
  return err;
}
