// The demo history at other start times than demo-history.test.ts's: a first start on Sunday
// 2026-12-06 at 17:55 UTC failed at the duplicate's close ("No case IR-2026-0002 that you can see":
// its author could not see the first request, which was not routed to Support at that time).
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { installDatabase } from "@/lib/db";
import { localBlobStore } from "@/lib/blobstore";
import { seedDemoHistory } from "@/lib/demo/history";
import { HISTORY_CASES } from "@/lib/demo/history-cases";
import { seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { loadOrCreateSigningKey } from "@/lib/release/keys";
import { openTestDatabase } from "../support/db";

describe("the demo history, started at any time of day", () => {
  it.each(["2026-12-06T17:55:00Z", "2026-12-07T03:10:00Z"])("seeds every case when started at %s", async (iso) => {
    const d = await openTestDatabase();
    installDatabase(d);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-history-times-"));
    try {
      await seedReferenceData(d.prisma);
      await seedDemoData(d.prisma);
      const result = await seedDemoHistory(d.prisma, { now: new Date(iso), store: localBlobStore(dir), signingKey: await loadOrCreateSigningKey(dir) });
      expect(result.cases).toBe(HISTORY_CASES.length);
    } finally {
      installDatabase(undefined);
      await d.close();
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
