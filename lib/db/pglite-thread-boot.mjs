// The database thread's entry (lib/db/pglite-thread.ts): TypeScript through tsx in this thread too,
// then the worker itself. Plain JavaScript, as a worker thread starts without its parent's loaders.
import { register } from "tsx/esm/api";

register();
await import("./pglite-thread-worker.ts");
