// Prepares a data folder with two closed cases, for closed-case-is-read-only.spec.ts: nothing in
// the portal closes a case yet, so they are written here, before a server of their own starts on
// the folder. Prints their ids as JSON. Run with tsx and scripts/register.mjs, like server.ts.
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { applyMigrations } from "@/lib/db/migrations";
import { openDatabase } from "@/lib/db/open";
import { seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { CHECK_IDS, DEFAULT_POLICY, policyVersionOf } from "@/lib/workflow";

const dataDir = process.argv[2];
if (!dataDir) throw new Error("usage: closed-cases-data.ts <data folder>");

const H = 3_600_000;

async function main() {
  const d = await openDatabase({ kind: "pglite-dir", dataDir: dataDir! });
  try {
    await applyMigrations(d.factory);
    await seedReferenceData(d.prisma);
    await seedDemoData(d.prisma);
    const p = d.prisma;
    const staff = Object.fromEntries((await p.user.findMany({ select: { id: true, role: true } })).map((u) => [u.role, u.id]));
    const acme = await p.account.findFirstOrThrow({ where: { slug: "acme" }, select: { id: true } });
    const now = Date.now();
    const decision = (outcome: "eligible" | "ineligible", failing: string[]) => ({
      outcome,
      route: outcome === "eligible" ? ("support" as const) : null,
      extended: false,
      checks: CHECK_IDS.map((id) => ({ id, result: failing.includes(id) ? "fail" : "pass", message: failing.includes(id) ? `The ${id} condition fails.` : `The ${id} condition passes.` })),
      policyVersion: policyVersionOf(DEFAULT_POLICY),
      policy: { ...DEFAULT_POLICY },
      facts: { resources: [{ kind: "project", path: "acme/infra/api" }], eventTypes: ["personal_access_token_created"] },
      reason: "submit",
      evaluatedById: staff.support!,
      evaluatedAt: new Date(now - 70 * H),
    });
    const common = {
      accountId: acme.id,
      authorId: staff.support!,
      requesterName: "Dana Customer",
      requesterEmail: "dana@customer.example",
      resources: [{ kind: "project", path: "acme/infra/api" }],
      eventTypes: ["personal_access_token_created"],
      logSources: ["application" as const],
      windowFrom: new Date(now - 96 * H),
      windowTo: new Date(now - 72 * H),
      requestedAt: new Date(now - 70 * H),
      closedAt: new Date(now - H),
      status: "closed" as const,
    };
    // Worked by Support and closed: an incident notice still due, a relayable update, the checklist ticked.
    const worked = await p.case.create({
      data: {
        ...common,
        reference: "IR-2026-9901",
        summary: "A token was used from an unknown location (closed case).",
        team: "support",
        outcome: "eligible",
        acceptedAt: new Date(now - 70 * H),
        closeReason: "done",
        incidentAffects: true,
        notifyDeadline: new Date(now + 20 * H),
        notifyText: "We are investigating an incident that affects your resources.",
        decisions: { create: decision("eligible", []) },
        // Worked: its step-5 checklist was complete before the first finding (issue 11).
        ticks: { create: VERIFICATION_ITEMS.map((i) => ({ item: i.id, tickedById: staff.support! })) },
        entries: {
          create: [
            { authorId: staff.support!, kind: "finding", visibility: "internal", body: "The token was used from **203.0.113.7**.", createdAt: new Date(now - 60 * H) },
            { authorId: staff.support!, kind: "status_update", visibility: "relayable", body: "We reviewed the application logs; the extract follows.", createdAt: new Date(now - 50 * H) },
          ],
        },
      },
      select: { id: true },
    });
    // Refused, sent to Legal, then withdrawn: an exception request and a referral still open.
    const refused = await p.case.create({
      data: {
        ...common,
        reference: "IR-2026-9902",
        summary: "Someone else's project was named (closed case).",
        team: null,
        outcome: "ineligible",
        closeReason: "withdrawn",
        decisions: { create: decision("ineligible", ["plan", "ownership"]) },
        exceptions: { create: { reason: "Long-standing customer about to upgrade.", requestedById: staff.support! } },
        referrals: { create: { resources: [{ kind: "project", path: "globex/app" }] } },
      },
      select: { id: true },
    });
    console.log(JSON.stringify({ worked: worked.id, refused: refused.id }));
  } finally {
    await d.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
