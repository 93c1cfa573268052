/**
 * The client's address as Logdesk trusts it. The server (server.ts) sets it
 * on every request in CLIENT_ADDRESS_HEADER, overwriting whatever the client
 * sent, so code behind it reads one header and never X-Forwarded-For.
 */
export const CLIENT_ADDRESS_HEADER = "x-logdesk-client-address";

/**
 * With `hops` trusted proxies in front, each appending the address it
 * received the request from to X-Forwarded-For, the client is the entry
 * `hops` places left of the socket's address: hops 0 is the socket itself
 * (the header, which the client controls, is ignored). Entries left of that
 * were written by the client and are never trusted. A chain shorter than
 * `hops` means a proxy is missing: the leftmost entry is the best we have.
 */
export function trustedClientAddress(forwardedFor: string | string[] | undefined, socketAddress: string | undefined, hops: number): string {
  const socket = normalizeAddress(socketAddress) || "unknown";
  if (hops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((a) => normalizeAddress(a)).filter(Boolean), socket];
  return chain[Math.max(0, chain.length - 1 - hops)]!;
}

/** "::ffff:10.0.0.1" -> "10.0.0.1"; trims; drops anything that could not be an address. */
export function normalizeAddress(raw: string | undefined): string {
  const a = (raw ?? "").trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  return /^[0-9a-f:.]{2,45}$/i.test(a) ? a.toLowerCase() : "";
}
