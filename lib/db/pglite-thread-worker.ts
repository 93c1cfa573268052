// The embedded database's own thread (lib/db/pglite-thread.ts): PGlite and its Prisma adapter run
// here, so the database's work (PostgreSQL compiled to WebAssembly) runs beside the server's page
// rendering instead of taking turns with it on the one JavaScript thread. Requests come in as
// messages and are answered in the same order of events as in the server's own thread.
import { parentPort, workerData } from "node:worker_threads";
import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { snapshotPglite } from "../backup/snapshot";
import { createPGlite, pgliteAdapterFactory } from "./pglite";
import type { ThreadReply, ThreadRequest } from "./pglite-thread-protocol";

const port = parentPort!;
const { dataDir, preparedStatements } = workerData as { dataDir: string; preparedStatements: boolean };

function errorOf(err: unknown): ThreadReply["error"] {
  // The cause is a plain description of the database's error (kind, code, message...): copied as JSON, so nothing uncloneable rides along.
  if (err instanceof Error && err.name === "DriverAdapterError") return { driver: JSON.parse(JSON.stringify((err as Error & { cause: unknown }).cause ?? null)), message: err.message, name: err.name };
  if (err instanceof Error) return { message: err.message, name: err.name, stack: err.stack, code: (err as { code?: unknown }).code as string | undefined };
  return { message: String(err), name: "Error" };
}

async function main() {
  let pglite: Awaited<ReturnType<typeof createPGlite>>;
  let adapter: SqlDriverAdapter;
  try {
    pglite = await createPGlite(dataDir);
    // A damaged folder can open and fail only at its first query.
    await pglite.query("SELECT 1");
    adapter = await pgliteAdapterFactory(pglite, preparedStatements).connect();
  } catch (err) {
    port.postMessage({ id: 0, ok: false, error: errorOf(err) } satisfies ThreadReply);
    return;
  }
  const transactions = new Map<number, Transaction>();
  let nextTx = 1;

  async function run(req: ThreadRequest): Promise<{ value: unknown; transfer?: ArrayBuffer[] }> {
    switch (req.op) {
      case "queryRaw":
        return { value: await (req.tx ? tx(req.tx) : adapter).queryRaw(req.query as SqlQuery) };
      case "executeRaw":
        return { value: await (req.tx ? tx(req.tx) : adapter).executeRaw(req.query as SqlQuery) };
      case "executeScript":
        return { value: await adapter.executeScript(req.script) };
      case "begin": {
        const t = await adapter.startTransaction(req.isolationLevel);
        const id = nextTx++;
        transactions.set(id, t);
        return { value: { tx: id, options: t.options } };
      }
      case "commit":
      case "rollback": {
        const t = tx(req.tx);
        transactions.delete(req.tx);
        return { value: await (req.op === "commit" ? t.commit() : t.rollback()) };
      }
      case "snapshot": {
        const snap = await snapshotPglite(pglite);
        const tar = await snap.tar.arrayBuffer();
        return { value: { ...snap, tar }, transfer: [tar] };
      }
      case "close":
        if (!pglite.closed) await pglite.close();
        return { value: undefined };
    }
  }

  function tx(id: number): Transaction {
    const t = transactions.get(id);
    if (!t) throw new Error(`transaction ${id} is not open in the database thread`);
    return t;
  }

  // A reply that cannot be copied to the server's thread (a value structured clone refuses) fails
  // that one request, never the thread (whose death ends the process).
  const reply = (r: ThreadReply, transfer: ArrayBuffer[] = []) => {
    try {
      port.postMessage(r, transfer);
    } catch (err) {
      port.postMessage({ id: r.id, ok: false, error: { message: `the database's answer could not be passed on: ${err instanceof Error ? err.message : String(err)}`, name: "Error" } } satisfies ThreadReply);
    }
  };
  port.on("message", (req: ThreadRequest) => {
    run(req).then(
      ({ value, transfer }) => reply({ id: req.id, ok: true, value }, transfer),
      (err: unknown) => reply({ id: req.id, ok: false, error: errorOf(err) }),
    );
  });
  port.postMessage({ id: 0, ok: true, value: "ready" } satisfies ThreadReply);
}

void main();
