import { messages as pgMessages, parse, protocol, type PGlite, type QueryOptions, type Results, type Transaction } from "@electric-sql/pglite";
import { hashedName, nameable } from "./statement-names";

type RowDescription = InstanceType<typeof pgMessages.RowDescriptionMessage>;
type ParameterDescription = InstanceType<typeof pgMessages.ParameterDescriptionMessage>;

/** What a named statement needs on each run: its parameters' types (to serialise the values) and its result's columns. */
interface Prepared {
  name: string;
  paramTypes: number[];
  rowDescription?: RowDescription;
}

/** One instance's statements (most recently used last) and whether a transaction of its cache is open. */
interface Statements {
  byText: Map<string, Prepared>;
  inTransaction: boolean;
}

/**
 * At most this many statements are kept per instance; the least recently used is closed to make
 * room. A statement's plans take 80–150 KB of PGlite's memory, which never shrinks once grown
 * (measured: 1,000 texts, 84 MB), and the portal runs a few hundred distinct texts.
 */
export const PGLITE_STATEMENTS = 500;

/** Per instance, whatever the number of adapters made for it (migrations, the client): one set of names. */
const instances = new WeakMap<PGlite, Statements>();

/** The part of PGlite that pglite-prisma-adapter uses: `query`, `exec` and `transaction` (whose `tx` has `query` and `rollback`). */
export type PrismaPGliteClient = Pick<PGlite, "query" | "exec" | "transaction">;

/**
 * PGlite with a statement cache, for the Prisma adapter: each query with parameters (nameable) is
 * parsed once per instance as a named prepared statement, then run as Bind, Execute and Sync in one
 * message to the database. PGlite's own `query` sends Parse, Describe, Bind, Describe, Execute and
 * Sync one call at a time, and PostgreSQL plans the text again each time: a page's relation reads
 * spent more on planning than on running, and on PGlite the planning runs on the same WebAssembly
 * thread as every other query. After five runs PostgreSQL keeps a generic plan when it is as good
 * as a custom one (plan_cache_mode auto), as on the server (lib/db/postgres.ts); the embedded
 * database's housekeeping analyzes a table that has grown, which makes it plan again (createPGlite).
 *
 * Any other text goes through PGlite's own `query` unchanged. A prepared statement is not undone
 * by a rollback, and PostgreSQL plans it again by itself when a table it reads changes; when it
 * cannot (a result's type changed, or the statement was deallocated), the statement is closed and
 * forgotten, and, outside a transaction, prepared again and run once more.
 */
export function withStatementCache(pglite: PGlite): PrismaPGliteClient {
  const shared = instances.get(pglite) ?? { byText: new Map<string, Prepared>(), inTransaction: false };
  instances.set(pglite, shared);
  const { byText } = shared;

  async function prepare(sql: string): Promise<Prepared> {
    const name = hashedName(sql);
    const oldest = byText.size >= PGLITE_STATEMENTS ? byText.keys().next().value : undefined;
    const parts = [];
    if (oldest !== undefined) {
      parts.push(protocol.serialize.close({ type: "S", name: byText.get(oldest)!.name }));
      byText.delete(oldest);
    }
    // Close first: a name left by a failure between Parse and here would make Parse refuse it (Close of an unknown name is no error).
    parts.push(protocol.serialize.close({ type: "S", name }), protocol.serialize.parse({ name, text: sql, types: [] }), protocol.serialize.describe({ type: "S", name }), protocol.serialize.sync());
    const messages = await pglite.execProtocolStream(concat(parts), { syncToFs: false });
    const params = messages.find((m): m is ParameterDescription => m instanceof pgMessages.ParameterDescriptionMessage);
    const rows = messages.find((m): m is RowDescription => m instanceof pgMessages.RowDescriptionMessage);
    const entry = { name, paramTypes: params?.dataTypeIDs ?? [], rowDescription: rows };
    byText.set(sql, entry);
    return entry;
  }

  async function run<T>(sql: string, values: unknown[], options: QueryOptions | undefined, again = false): Promise<Results<T>> {
    let statement = byText.get(sql);
    if (statement) {
      byText.delete(sql); // most recently used last
      byText.set(sql, statement);
    } else {
      statement = await prepare(sql);
    }
    const types = statement.paramTypes;
    const serialized = values.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serialize = options?.serializers?.[types[i]!] ?? pglite.serializers[types[i]!];
      return serialize ? serialize(value) : String(value);
    });
    let messages;
    try {
      messages = await pglite.execProtocolStream(
        concat([protocol.serialize.bind({ statement: statement.name, values: serialized as string[] }), protocol.serialize.execute({}), protocol.serialize.sync()]),
        { syncToFs: false },
      );
    } catch (err) {
      const code = (err as { code?: string }).code;
      // 26000: no such statement (deallocated); 0A000: its result's type changed since it was prepared.
      if (code === "26000" || code === "0A000") {
        byText.delete(sql);
        // Close is allowed in an aborted transaction.
        await pglite.execProtocolStream(concat([protocol.serialize.close({ type: "S", name: statement.name }), protocol.serialize.sync()]), { syncToFs: false });
        if (!shared.inTransaction && !again) return run<T>(sql, values, options, true);
      }
      // As PGlite's own query reports it.
      throw err instanceof pgMessages.DatabaseError ? Object.assign(err, { query: sql, params: values, queryOptions: options }) : err;
    }
    if (!shared.inTransaction) await pglite.syncToFs();
    // The result's columns come from the statement's description (no Describe of the portal each run).
    return parse.parseResults(statement.rowDescription ? [statement.rowDescription, ...messages] : messages, pglite.parsers, options)[0] as Results<T>;
  }

  const cached = (sql: string, values: unknown[] | undefined) => byText.has(sql) || nameable({ sql, args: values ?? [] });

  return {
    async query<T>(sql: string, values?: unknown[], options?: QueryOptions) {
      if (!cached(sql, values)) return pglite.query<T>(sql, values, options);
      // As PGlite's own query: ready (or "PGlite is closed"), after any open transaction, one query at a time.
      await internals(pglite)._checkReady();
      return internals(pglite)._runExclusiveTransaction(() => pglite.runExclusive(() => run<T>(sql, values ?? [], options)));
    },
    exec: (sql, options) => pglite.exec(sql, options),
    transaction<T>(callback: (tx: Transaction) => Promise<T>) {
      return pglite.transaction<T>(async (tx) => {
        shared.inTransaction = true;
        try {
          const withCache: Transaction = Object.create(tx, {
            query: {
              async value<R>(sql: string, values?: unknown[], options?: QueryOptions) {
                if (tx.closed) throw new Error("Transaction is closed");
                if (!cached(sql, values)) return tx.query<R>(sql, values, options);
                return pglite.runExclusive(() => run<R>(sql, values ?? [], options));
              },
            },
          });
          return await callback(withCache);
        } finally {
          shared.inTransaction = false;
        }
      });
    },
  };
}

/** PGlite's readiness check and transaction lock (its own query takes both first): not in its public typings. */
function internals(pglite: PGlite) {
  return pglite as unknown as { _checkReady(): Promise<void>; _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T> };
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
