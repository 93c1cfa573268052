// Next's instrumentation hook: an error Next caught and did not hand to our code (a page that failed
// to render, a route handler or action that threw) goes to the JSON log once, with its digest, the
// request id and its cause chain (lib/logging/request-error.ts). Next's own console print of it goes
// to stderr (server.ts), which is for a person, not the log.
import type { Instrumentation } from "next";

export const onRequestError: Instrumentation.onRequestError = async (err, request, context) => {
  // The edge runtime has no pino; Logdesk runs everything on Node.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("@/lib/logging/request-error");
  logRequestError(err, request, context);
};
