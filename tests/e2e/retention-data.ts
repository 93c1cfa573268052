// Prepares a data folder for retention-deletes-closed-case-files.spec.ts: a Support case closed
// 120 days ago with one shared artefact whose raw and redacted files are in the folder's blob
// store, so the server's hourly retention run (run once at start) deletes the raw file under the
// default 90 days. Prints the ids as JSON. Run with tsx and scripts/register.mjs, like server.ts.
import path from "node:path";
import { localBlobStore } from "@/lib/blobstore";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase } from "@/lib/db/open";
import { seedDemoData, seedReferenceData } from "@/lib/demo/seed";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: retention-data.ts <data folder>");

const DAY = 86_400_000;

async function main() {
  const d = await openDatabase({ kind: "pglite-dir", dataDir: dataDir! });
  try {
    await applyMigrations(d.factory);
    await seedReferenceData(d.prisma);
    await seedDemoData(d.prisma);
    const p = d.prisma;
    const staff = Object.fromEntries((await p.user.findMany({ select: { id: true, role: true } })).map((u) => [u.role, u.id]));
    const acme = await p.account.findFirstOrThrow({ where: { slug: "acme" }, select: { id: true } });
    const store = localBlobStore(path.join(dataDir!, "blobs"));
    const put = async (text: string) => {
      const w = await store.begin();
      await w.write(Buffer.from(text));
      return w.commit();
    };
    const raw = await put('{"time":"2026-07-01T10:00:00Z","meta.user":"alice","remote_ip":"203.0.113.9"}\n');
    const redacted = await put('{"time":"2026-07-01T10:00:00Z","meta.user":"alice","remote_ip":"[REDACTED:ip]"}\n');
    const now = Date.now();
    const c = await p.case.create({
      data: {
        accountId: acme.id,
        authorId: staff.support!,
        reference: "IR-2026-9911",
        summary: "A token was used from an unknown location (closed 120 days ago).",
        requesterName: "Dana Customer",
        requesterEmail: "dana@customer.example",
        resources: [{ kind: "project", path: "acme/infra/api" }],
        eventTypes: ["personal_access_token_created"],
        logSources: ["application"],
        windowFrom: new Date(now - 160 * DAY),
        windowTo: new Date(now - 150 * DAY),
        requestedAt: new Date(now - 140 * DAY),
        team: "support",
        outcome: "eligible",
        acceptedAt: new Date(now - 140 * DAY),
        status: "closed",
        resolution: "done",
        statusBeforeClose: "shared",
        closedAt: new Date(now - 120 * DAY),
        closedById: staff.support!,
        closeReason: "The extract was shared with the customer.",
        ticks: { create: VERIFICATION_ITEMS.map((i) => ({ item: i.id, tickedById: staff.support! })) },
        artefacts: {
          create: {
            uploadedById: staff.support!,
            filename: "extract.ndjson",
            contentType: "application/x-ndjson",
            format: "ndjson",
            status: "shared",
            rawBlobKey: raw.key,
            rawSha256: raw.sha256,
            rawSize: BigInt(raw.size),
            rawLines: 1,
            redactedBlobKey: redacted.key,
            redactedSha256: redacted.sha256,
            redactedSize: BigInt(redacted.size),
            redactedLines: 1,
            droppedLines: 0,
            createdAt: new Date(now - 130 * DAY),
          },
        },
      },
      select: { id: true, artefacts: { select: { id: true } } },
    });
    console.log(JSON.stringify({ caseId: c.id, artefactId: c.artefacts[0]!.id, rawSha256: raw.sha256 }));
  } finally {
    await d.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
