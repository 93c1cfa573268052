import { describe, expect, it } from "vitest";
import { createEventThrottle } from "@/lib/security-events/event-throttle";

describe("event throttle", () => {
  it("records the first of a key's events in each window and counts the others", () => {
    const t = createEventThrottle(60_000);
    expect(t.take("10.0.0.1", 0)).toEqual({ record: true, suppressed: 0 });
    expect(t.take("10.0.0.1", 15_000)).toEqual({ record: false, suppressed: 1 });
    expect(t.take("10.0.0.1", 30_000)).toEqual({ record: false, suppressed: 2 });
    expect(t.take("10.0.0.2", 30_000), "another address is its own").toEqual({ record: true, suppressed: 0 });
    expect(t.take("10.0.0.1", 60_000)).toEqual({ record: true, suppressed: 2 });
    expect(t.take("10.0.0.1", 61_000)).toEqual({ record: false, suppressed: 1 });
  });

  it("forgets the oldest key beyond its size, so memory stays bounded", () => {
    const t = createEventThrottle(60_000, 2);
    t.take("a", 0);
    t.take("b", 0);
    t.take("c", 0);
    expect(t.take("a", 1)).toEqual({ record: true, suppressed: 0 });
    expect(t.take("c", 1)).toEqual({ record: false, suppressed: 1 });
  });
});
