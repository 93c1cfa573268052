// Loaded with `node --import tsx --import ./scripts/register.mjs`: outside
// Next's bundler, `server-only` (which throws by design) resolves to an empty module.
import { register } from "node:module";

register("./server-only-hook.mjs", import.meta.url);
