import { randomUUID } from "node:crypto";

/**
 * The request id of one HTTP request: the caller's `x-request-id` when it is a short token (a
 * proxy or load balancer in front may set one, so its logs and ours join up), otherwise a fresh
 * one. Only letters, digits and `._:-`, at most 64 characters: whatever else a client sends is not
 * written to the logs or echoed back (no log forging with newlines, no header injection, no
 * megabyte ids).
 */
export const REQUEST_ID_HEADER = "x-request-id";
const TOKEN = /^[A-Za-z0-9._:-]{1,64}$/;

export function isValidRequestId(value: unknown): value is string {
  return typeof value === "string" && TOKEN.test(value);
}

/** The id to use for a request whose header was `header` (Node gives a string, an array when repeated, or undefined). */
export function acceptRequestId(header: string | string[] | undefined, make: () => string = randomUUID): string {
  const value = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  return isValidRequestId(value) ? value : make();
}

/**
 * The id of a request and, when it is not taken, the id the client offered. Only a trusted proxy's
 * id is taken (`TRUSTED_PROXY_HOPS` > 0: a load balancer sets or passes it): with none trusted, any
 * client could choose its id and reuse another request's to muddle an investigation, so a fresh id
 * is made and the offered one is kept apart on the request's log line.
 */
export function requestIdFor(header: string | string[] | undefined, trustedProxyHops: number, make: () => string = randomUUID): { requestId: string; clientRequestId?: string } {
  if (trustedProxyHops > 0) return { requestId: acceptRequestId(header, make) };
  const offered = Array.isArray(header) ? (header.length === 1 ? header[0] : undefined) : header;
  return isValidRequestId(offered) ? { requestId: make(), clientRequestId: offered } : { requestId: make() };
}

/**
 * A request's address as a log line may name it: the path without its query (a query may carry
 * anything the client typed), with the one secret a path holds, an invitation's token
 * (/invite/<token>), masked, and at most 200 characters.
 */
export function loggablePath(url: string | undefined): string {
  const pathname = (url ?? "").split(/[?#]/)[0]!;
  return pathname.replace(/^\/invite\/[^/]+/, "/invite/[token]").slice(0, 200);
}
