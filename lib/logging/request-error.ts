import { logger } from "@/lib/logger";
import { loggablePath } from "@/lib/logging/request-id";

export interface RequestErrorInfo {
  path: string;
  method: string;
}

export interface RequestErrorWhere {
  routePath: string;
  routeType: string;
}

/**
 * An error Next caught while rendering a page or running a route handler or action that did not
 * handle it (instrumentation.ts's onRequestError). Logged once, as a JSON line of the request (its
 * requestId, and its case when the guard named one), with the digest the user sees on the error
 * page, the route pattern and the error's cause chain; never the headers or the query.
 */
export function logRequestError(err: unknown, request: RequestErrorInfo, where: RequestErrorWhere): void {
  const digest = typeof err === "object" && err !== null && "digest" in err && typeof err.digest === "string" ? err.digest : undefined;
  logger.error("request failed", {
    method: request.method,
    path: loggablePath(request.path),
    route: where.routePath,
    routeType: where.routeType,
    ...(digest ? { digest } : {}),
    err,
  });
}
