import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { pageLimiter } from "@/lib/http/page-limiter";

/** A response that ends when told to (emits "close", as Node's ServerResponse does after it finishes or its client leaves). */
class FakeResponse extends EventEmitter {
  destroyed = false;
  writableEnded = false;
  end() {
    this.writableEnded = true;
    this.emit("close");
  }
  leave() {
    this.destroyed = true;
    this.emit("close");
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe("page limiter: a few pages at a time, first come first served", () => {
  it("lets `limit` render at once and the next one in as soon as one ends, in arrival order", async () => {
    const limiter = pageLimiter(2);
    const res = Array.from({ length: 5 }, () => new FakeResponse());
    const entered: number[] = [];
    res.forEach((r, i) => void limiter.enter(r).then((o) => o === "go" && entered.push(i)));
    await tick();
    expect(entered).toEqual([0, 1]);
    expect(limiter.stats).toEqual({ rendering: 2, waiting: 3 });
    res[1]!.end();
    await tick();
    expect(entered).toEqual([0, 1, 2]);
    res[0]!.end();
    res[2]!.end();
    await tick();
    expect(entered).toEqual([0, 1, 2, 3, 4]);
    expect(limiter.stats).toEqual({ rendering: 2, waiting: 0 });
    res[3]!.end();
    res[4]!.end();
    await tick();
    expect(limiter.stats).toEqual({ rendering: 0, waiting: 0 });
  });

  it("gives the place of a client that left while waiting to the next one", async () => {
    const limiter = pageLimiter(1);
    const [a, b, c] = [new FakeResponse(), new FakeResponse(), new FakeResponse()];
    const outcomes: string[] = [];
    void limiter.enter(a).then((o) => outcomes.push(`a:${o}`));
    const waitB = limiter.enter(b).then((o) => outcomes.push(`b:${o}`));
    void limiter.enter(c).then((o) => outcomes.push(`c:${o}`));
    await tick();
    b.destroyed = true; // left without a close seen yet (it never got a place to listen on)
    a.end();
    await waitB;
    await tick();
    expect(outcomes).toEqual(["a:go", "b:gone", "c:go"]);
    expect(limiter.stats).toEqual({ rendering: 1, waiting: 0 });
  });

  it("frees a place once, however the answer ends", async () => {
    const limiter = pageLimiter(1);
    const a = new FakeResponse();
    expect(await limiter.enter(a)).toBe("go");
    a.leave();
    a.emit("close");
    expect(limiter.stats).toEqual({ rendering: 0, waiting: 0 });
  });

  it("refuses at once past maxWaiting, and a limit of 0 limits nothing", async () => {
    const limiter = pageLimiter(1, 1);
    expect(await limiter.enter(new FakeResponse())).toBe("go");
    void limiter.enter(new FakeResponse());
    expect(await limiter.enter(new FakeResponse())).toBe("busy");
    const open = pageLimiter(0);
    for (let i = 0; i < 100; i++) expect(await open.enter(new FakeResponse())).toBe("go");
    expect(open.stats).toEqual({ rendering: 0, waiting: 0 });
  });
});
