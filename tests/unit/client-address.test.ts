import { describe, expect, it } from "vitest";
import { trustedClientAddress } from "@/lib/auth/client-address";

// Finding 1: the first X-Forwarded-For entry, which the client writes, was the throttling key,
// and without the header every client shared the key "local".
describe("the client's address trusts X-Forwarded-For only from configured proxies", () => {
  it.each([
    // forwardedFor, socket, hops, address
    [undefined, "203.0.113.5", 0, "203.0.113.5"],
    ["1.2.3.4", "203.0.113.5", 0, "203.0.113.5"],
    ["9.9.9.9, 8.8.8.8", "203.0.113.5", 0, "203.0.113.5"],
    [undefined, "::ffff:127.0.0.1", 0, "127.0.0.1"],
    [undefined, undefined, 0, "unknown"],
    // One proxy (the socket): it appended the client's address last; what the client wrote before is ignored.
    ["1.2.3.4, 198.51.100.20", "10.0.0.2", 1, "198.51.100.20"],
    ["198.51.100.20", "10.0.0.2", 1, "198.51.100.20"],
    // Two proxies.
    ["1.2.3.4, 198.51.100.20, 10.0.0.9", "10.0.0.2", 2, "198.51.100.20"],
    // A missing header behind a proxy: the proxy's own address.
    [undefined, "10.0.0.2", 1, "10.0.0.2"],
    // Garbage entries are dropped.
    ["<script>, 198.51.100.20", "10.0.0.2", 1, "198.51.100.20"],
  ])("X-Forwarded-For %j from socket %s with %i hops is %s", (fwd, socket, hops, address) => {
    expect(trustedClientAddress(fwd, socket, hops)).toBe(address);
  });

  it("a new X-Forwarded-For value does not give a client a new address with hops 0", () => {
    const a = trustedClientAddress("1.1.1.1", "203.0.113.5", 0);
    const b = trustedClientAddress("2.2.2.2", "203.0.113.5", 0);
    expect(a).toBe(b);
  });
});
