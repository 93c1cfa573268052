// The database thread's entry (lib/db/pglite-thread.ts): TypeScript through tsx in this thread too,
// then the worker itself. Plain JavaScript, registering tsx here: a worker thread does not get its
// parent's module hooks whichever way the process started (under vitest it did not).
import { register } from "tsx/esm/api";

register();
await import("./pglite-thread-worker.ts");
