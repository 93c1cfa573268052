/**
 * At most `limit` pages rendered at once by this process; the others wait their turn, first come
 * first served (issue 15). A page render is CPU work on the one JavaScript thread: fifty of them
 * at once finish no sooner than one after another, but hold fifty half-built pages in memory
 * (more garbage collection) and share the thread so evenly that every one of them is slow. Taken
 * a few at a time they finish sooner on average and far more evenly: measured at 50 concurrent
 * users on PostgreSQL with 100,000 cases, the case page went 46–58 -> 55–63 requests/s and its
 * p97.5 1.3–1.5 s -> 0.96–1.14 s (bench/RESULTS.md). The API (health checks, uploads, downloads,
 * the metrics endpoint) is not counted: only what isPagePath calls a page.
 *
 * A page that waits on the database holds its place, so `limit` is kept above the handful a core
 * renders at once: on PGlite, whose queries run on a thread of their own, a low limit left the
 * main thread idle while every admitted page waited on a query (4 to 12 measured alike within
 * the noise there; 8 is the default). Past `maxWaiting` waiting, a request is refused at once with 503 and
 * Retry-After rather than queued without bound.
 */
export interface PageLimiter {
  /**
   * Waits for a place: "go" to render (the place is freed when the answer ends), "busy" when too
   * many already wait (answer 503), "gone" when the client left while it waited (answer nothing).
   */
  enter(res: Closable): Promise<"go" | "busy" | "gone">;
  /** Rendering now, and waiting. */
  readonly stats: { rendering: number; waiting: number };
}

/** The part of a ServerResponse the limiter watches: its end, and whether it already ended. */
export interface Closable {
  once(event: "close", listener: () => void): unknown;
  readonly destroyed: boolean;
  readonly writableEnded: boolean;
}

export function pageLimiter(limit: number, maxWaiting = 1000): PageLimiter {
  let rendering = 0;
  const waiting: (() => void)[] = [];
  // A freed place goes straight to the longest waiting request, else it is given back.
  const free = () => {
    const first = waiting.shift();
    if (first) first();
    else rendering--;
  };
  return {
    async enter(res) {
      if (limit <= 0) return "go";
      if (rendering < limit) rendering++;
      else if (waiting.length >= maxWaiting) return "busy";
      else await new Promise<void>((resolve) => waiting.push(resolve));
      // The client went away while the request waited: its place goes to the next one.
      if (res.destroyed || res.writableEnded) {
        free();
        return "gone";
      }
      res.once("close", free);
      return "go";
    },
    get stats() {
      return { rendering, waiting: waiting.length };
    },
  };
}
