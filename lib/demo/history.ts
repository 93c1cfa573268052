import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { logLines, mulberry32 } from "@/bench/log-generator";
import { decideArtefact } from "@/lib/artefacts/decide-artefact";
import { REDACT_JOB, runRedactionJob } from "@/lib/artefacts/job";
import { DEFAULT_LIMITS } from "@/lib/artefacts/lines";
import { redactAgain } from "@/lib/artefacts/redact-again";
import { shareArtefact } from "@/lib/artefacts/share-artefact";
import { blobStore, releaseSigningKey } from "@/lib/artefacts/store";
import { uploadArtefact } from "@/lib/artefacts/upload-artefact";
import type { SessionUser } from "@/lib/auth/session";
import type { BlobStore } from "@/lib/blobstore";
import { acceptCostNotice } from "@/lib/cases/accept-cost-notice";
import { closeCase } from "@/lib/cases/close-case";
import { reopenCase } from "@/lib/cases/reopen-case";
import { decideException } from "@/lib/cases/decide-exception";
import { markNeedsRescope } from "@/lib/cases/mark-needs-rescope";
import { recordCostNotice } from "@/lib/cases/record-cost-notice";
import { recordCustomerNotified } from "@/lib/cases/record-customer-notified";
import { recordIncidentImpact } from "@/lib/cases/record-incident-impact";
import { recordReferralOutcome } from "@/lib/cases/record-referral-outcome";
import { requestException } from "@/lib/cases/request-exception";
import { saveDraft } from "@/lib/cases/save-draft";
import { VERIFICATION_ITEMS } from "@/lib/cases/schemas";
import { setPriority } from "@/lib/cases/set-priority";
import { setVerification } from "@/lib/cases/set-verification";
import { submitCase } from "@/lib/cases/submit-case";
import { withClock } from "@/lib/clock";
import { currentDatabase, installDatabase, type Database } from "@/lib/db";
import { withClockStamps } from "@/lib/db/clock-stamps";
import { recordGap } from "@/lib/gaps/record-gap";
import { DELIVER_JOB } from "@/lib/outbox";
import type { SigningKey } from "@/lib/release/keys";
import { addEntry, relayEntry } from "@/lib/timeline/service";
import { after, workBefore, workTime } from "./working-time";
import { DEMO_ACCOUNTS, DEMO_REDACTION_SETTINGS, DEMO_STAFF } from "./data";
import { HISTORY_CASES, type HistoryCase, type HistoryClose, type HistoryStep } from "./history-cases";

// The demo history (issue 13): example cases in every state, made through the same services the
// pages call, signed in as the demo staff, on a clock that moves through the last `days` days.
// Every case's acts are interleaved on one timeline, so the activity log reads in order. The same
// `now` always gives the same history (one seeded PRNG).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface DemoHistoryOptions {
  now: Date;
  days?: number;
  /** Defaults: the configured blob store and release signing key (lib/artefacts/store.ts). */
  store?: BlobStore;
  signingKey?: SigningKey;
  /** The cases to make (default HISTORY_CASES). */
  cases?: HistoryCase[];
}

export interface DemoHistoryResult {
  /** false when the database already had cases: the history is made only once, on an empty one. */
  seeded: boolean;
  cases: number;
  ms: number;
  /** Case id by HistoryCase key. */
  ids: Record<string, string>;
}

type Staff = Record<"support" | "csm" | "sirt" | "legal", SessionUser>;

/** The state of one case while its path runs. */
interface Run {
  spec: HistoryCase;
  rnd: () => number;
  id: string;
  step: number;
  lastRelayable?: string;
  artefactId?: string;
  uploads: number;
  relays: number;
}

const between = (rnd: () => number, lo: number, hi: number) => lo + (hi - lo) * rnd();
const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

/** Working hours from the previous act to this one, by kind. */
const DELAY: Record<HistoryStep, [number, number]> = {
  submit: [0.2, 2],
  ticks: [0.3, 3],
  "cost-notice": [2, 8],
  "cost-accepted": [6, 24],
  priority: [0.3, 3],
  "needs-rescope": [1, 6],
  "ask-exception": [1, 8],
  grant: [6, 30],
  refuse: [6, 30],
  "referral-handled": [12, 50],
  finding: [2, 10],
  note: [1, 8],
  update: [1, 5],
  relay: [0.2, 1.5],
  "relay-late": [0, 0],
  incident: [0.5, 4],
  notified: [1, 10],
  upload: [6, 30],
  "approve-security": [2, 14],
  "approve-legal": [4, 20],
  "reject-legal": [4, 12],
  "redact-again": [2, 10],
  share: [1, 8],
  wait: [0, 0],
  close: [4, 30],
  reopen: [8, 40],
};

// ---- words

const FINDINGS = [
  "Pulled the application logs for `{project}` over the window: {n} requests carry the token's fingerprint, all from {ip}.",
  "The `api_json` lines for `{project}` show {n} calls by `{user}`; {m} of them outside the customer's office hours.",
  "Correlated the Sidekiq jobs with the web requests: the export was queued by `{user}` and downloaded {m} minutes later from {ip}.",
  "Searched the Gitaly and Workhorse logs for `{project}`: {n} clone and fetch operations in the window, {m} from addresses the customer does not list.",
  "Checked the rate-limiting logs: no throttling for `{user}` in the window, so the activity was not an automated burst.",
  "Compared against Audit Events: the change itself is there, but none of the {n} reads that followed are.",
];
const NOTES = [
  "Asked the on-call database engineer for the archived partitions; they cover the whole window.",
  "The window crosses a log rotation; both files are in the extract.",
  "Customer's CSM confirmed by phone that the requester is their security lead.",
  "Kept internal: the source IP belongs to one of our own runners, which the customer does not need to know.",
  "Peer-reviewed the search queries with a second SIRT member; nothing missed.",
];
/** Status updates for the customer, by how far the log-dive is: started, under way, extract made. */
const UPDATES = {
  started: [
    "We have started the review of the logs for {project} and will send the next update within one business day.",
    "Your request is accepted and the log review for {project} has started. We will update you at least once a business day.",
  ],
  working: [
    "Our review of the logs for {project} is under way. So far we see activity from {n} distinct addresses; we are checking each of them.",
    "We found the events you asked about and are confirming the times with a second source before we report them.",
    "We have collected the relevant log lines for {project} and are preparing the extract, which goes through a security and legal review before we can share it.",
  ],
  extract: [
    "The extract is in review. We expect to share it within two business days.",
    "The extract of the logs for {project} has passed our security review; the legal review follows, then we share it with you.",
  ],
};
const RELAY_CHANNELS = ["email", "email", "email", "ticket", "phone"] as const;

function fill(text: string, run: Run): string {
  const project = run.spec.resources.find((r) => r.kind === "project")?.path ?? run.spec.resources[0]!.path;
  const user = run.spec.resources.find((r) => r.kind === "user")?.path ?? "a service account";
  const ip = `203.0.113.${10 + Math.floor(run.rnd() * 200)}`;
  const n = 3 + Math.floor(run.rnd() * 60);
  const m = 1 + Math.floor(run.rnd() * Math.min(n, 12));
  return text
    .replaceAll("{project}", project)
    .replaceAll("{user}", user)
    .replaceAll("{ip}", ip)
    .replaceAll("{n}", String(n))
    .replaceAll("{m}", String(m));
}

/** A small extract of realistic log lines (bench/log-generator.ts) naming the case's resources, stamped in its window. */
function extractFor(run: Run, c: { windowFrom: Date; windowTo: Date }, seed: number): Buffer {
  const account = DEMO_ACCOUNTS.find((a) => a.slug === run.spec.account)!;
  const projects = run.spec.resources.filter((r) => r.kind === "project").map((r) => r.path);
  const groups = run.spec.resources.filter((r) => r.kind === "group").map((r) => r.path);
  const users = account.resources.filter((r) => r.kind === "user");
  const lines = 120 + Math.floor(run.rnd() * 200);
  const out: string[] = [];
  for (const line of logLines({
    seed,
    owned: {
      groups: groups.length ? groups : [run.spec.account],
      projects: projects.length ? projects : account.resources.filter((r) => r.kind === "project").map((r) => r.path).slice(0, 1),
      users: users.map((r) => r.path),
      emails: users.map((r) => r.email!).filter(Boolean),
    },
    others: { groups: ["initech"], projects: ["initech/tps-reports"], users: ["peter"], emails: ["peter@initech.example"] },
    internalHosts: DEMO_REDACTION_SETTINGS.internalHosts,
    from: c.windowFrom,
    to: c.windowTo,
    otherProjectShare: 0.03,
    outsideWindowShare: 0.02,
    spreadLines: lines,
  })) {
    out.push(line);
    if (out.length >= lines) break;
  }
  return Buffer.from(`${out.join("\n")}\n`);
}

async function* once(buf: Buffer): AsyncGenerator<Uint8Array> {
  yield buf;
}

/**
 * How a case of the history ends (process step 10 and closing): at its `close` step the routed team
 * records the Audit Events gap when the log-dive was done (1-3 missing event types, or "no gap" and
 * why, from `spec.gap`; kept in the portal, never filed: the history runs without a tracker), then the
 * case closes through the closing rules as `spec.resolution` with `spec.note`: done by the routed
 * team, referral handled by Legal, refused / withdrawn / duplicate by the case's author. At a
 * `reopen` step the routed team reopens it with `spec.reopen`. A case Legal's refusal of an
 * exception already closed (as refused) is left as it is.
 */
async function closeAndRecordGaps(
  prisma: PrismaClient,
  staff: Staff,
  run: Run,
  spec: HistoryClose,
  step: "close" | "reopen",
  ids: Record<string, string>,
): Promise<void> {
  const c = await prisma.case.findUniqueOrThrow({ where: { id: run.id }, select: { version: true, status: true, team: true, logDiveDone: true, gapRecord: { select: { id: true } } } });
  const team = c.team === "sirt" ? staff.sirt : staff.support;
  const author = staff[run.spec.author];
  if (step === "reopen") {
    if (c.status === "closed" && spec.reopen) await reopenCase(c.team ? team : author, { id: run.id, version: c.version, reason: spec.reopen });
    return;
  }
  if (c.status === "closed") return;
  if (spec.gap && !c.gapRecord) {
    const gap = spec.gap;
    await recordGap(
      team,
      "noGap" in gap
        ? { caseId: run.id, noGap: true, noGapReason: gap.noGap, eventTypes: [], neededFor: "" }
        : { caseId: run.id, noGap: false, noGapReason: "", eventTypes: gap.missing, neededFor: gap.neededFor },
      { trackerConfigured: false },
    );
  }
  const closer = spec.resolution === "referral_handled" ? staff.legal : spec.resolution === "done" ? team : author;
  const duplicateOf = spec.duplicateOf ? (await prisma.case.findUniqueOrThrow({ where: { id: ids[spec.duplicateOf]! }, select: { reference: true } })).reference! : undefined;
  const { version } = await prisma.case.findUniqueOrThrow({ where: { id: run.id }, select: { version: true } });
  await closeCase(closer, { id: run.id, version, resolution: spec.resolution, note: spec.note, duplicateOf });
}

async function caseRow(prisma: PrismaClient, id: string) {
  return prisma.case.findUniqueOrThrow({
    where: { id },
    select: { version: true, status: true, team: true, reference: true, nextUpdateDue: true, windowFrom: true, windowTo: true, requesterEmail: true },
  });
}

/**
 * Makes the demo history on a database with demo staff and accounts and no case yet (otherwise it
 * does nothing): HISTORY_CASES through the services, spread over the `days` before `now`.
 */
export async function seedDemoHistory(prisma: PrismaClient, opts: DemoHistoryOptions): Promise<DemoHistoryResult> {
  const started = Date.now();
  const days = opts.days ?? 90;
  const specs = opts.cases ?? HISTORY_CASES;
  const ids: Record<string, string> = {};
  if ((await prisma.case.count()) > 0) return { seeded: false, cases: 0, ms: Date.now() - started, ids };
  const users = await prisma.user.findMany({ where: { email: { in: DEMO_STAFF.map((s) => s.email) } }, select: { id: true, email: true, name: true, role: true } });
  const byRole = (role: string) => users.find((u) => u.role === role) as SessionUser | undefined;
  const staff = { support: byRole("support"), csm: byRole("csm"), sirt: byRole("sirt"), legal: byRole("legal") };
  if (!staff.support || !staff.csm || !staff.sirt || !staff.legal) return { seeded: false, cases: 0, ms: Date.now() - started, ids };
  const who = staff as Staff;
  const accounts = new Map((await prisma.account.findMany({ select: { id: true, slug: true } })).map((a) => [a.slug, a.id]));
  const store = opts.store ?? blobStore();
  const key = opts.signingKey ?? (await releaseSigningKey());

  const end = opts.now.getTime() - 5 * 60_000;
  const earliest = opts.now.getTime() - days * DAY;
  let clock = earliest;
  const stamped = withClockStamps(prisma);
  const previous = currentDatabase();
  installDatabase({ ...(previous ?? { factory: undefined as never, kind: "pglite", close: async () => {} }), prisma: stamped } as Database);
  const at = <T>(t: number, fn: () => Promise<T>) => {
    clock = t;
    return withClock(() => new Date(clock), fn);
  };

  // Each case's next act, earliest first; ties by case order.
  const queue: { t: number; i: number }[] = [];
  const runs: Run[] = specs.map((spec, i) => {
    const rnd = mulberry32(0x5eed + i * 7919);
    const day = opts.now.getTime() - spec.startDaysAgo * DAY;
    let t = workTime(Math.max(earliest, day), rnd);
    if (t > end) t = Math.max(earliest, Math.min(day, end - HOUR));
    queue.push({ t, i });
    return { spec, rnd, id: "", step: -1, uploads: 0, relays: 0 };
  });

  /** The worker's part: the queued redaction job(s) run at once, on the history's clock. */
  async function redactQueued() {
    for (const job of await stamped.job.findMany({ where: { kind: REDACT_JOB, status: "queued" } })) {
      await runRedactionJob(stamped, { id: job.id, payload: job.payload, attempts: 1, maxAttempts: 3 }, { store, limits: DEFAULT_LIMITS, progressEveryMs: 0 });
      await stamped.job.update({ where: { id: job.id }, data: { status: "done" } });
    }
  }

  const worker = (run: Run, team: string | null) => (team === "sirt" ? who.sirt : who.support);

  async function act(run: Run, step: HistoryStep | "draft", t: number): Promise<number> {
    const { spec, rnd } = run;
    const author = who[spec.author];
    if (step === "draft") {
      const start = Math.floor(t / HOUR) * HOUR; // the customer speaks in whole hours
      const withWindow = spec.path.length > 0;
      const saved = await at(t, () =>
        saveDraft(author, {
          draft: {
            accountId: accounts.get(spec.account)!,
            requesterName: spec.requester.name,
            requesterEmail: spec.requester.email,
            summary: spec.summary,
            resources: spec.resources,
            eventTypes: spec.eventTypes,
            logSources: spec.logSources ?? ["application"],
            windowFrom: withWindow ? new Date(start - spec.window[0] * DAY) : null,
            windowTo: withWindow ? new Date(start - spec.window[1] * DAY) : null,
            personalData: spec.personalData ?? false,
          },
        }),
      );
      run.id = saved.id;
      ids[spec.key] = saved.id;
      return t;
    }
    const c = await caseRow(prisma, run.id);
    const v = { id: run.id, version: c.version };
    switch (step) {
      case "submit":
        await at(t, () => submitCase(author, v));
        break;
      case "ticks":
        await at(t, async () => {
          for (const item of VERIFICATION_ITEMS) await setVerification(author, { id: run.id, item: item.id, checked: true });
        });
        break;
      case "cost-notice":
        await at(t, () => recordCostNotice(author, { ...v, estimate: `USD ${pick(rnd, ["3,500", "4,000", "6,200", "8,000"])}, about ${pick(rnd, ["5", "7", "10"])} working days of SIRT time` }));
        break;
      case "cost-accepted": {
        const notice = await prisma.costNotice.findFirstOrThrow({ where: { caseId: run.id }, orderBy: { createdAt: "desc" }, select: { id: true } });
        await at(t, () => acceptCostNotice(author, { ...v, noticeId: notice.id, acceptedAt: new Date(t), note: "Accepted by the customer's CISO by email." }));
        break;
      }
      case "priority":
        await at(t, () => setPriority(who.sirt, { ...v, priority: 1 + Math.floor(rnd() * 3) }));
        break;
      case "needs-rescope":
        await at(t, () => markNeedsRescope(who.sirt, { ...v, reason: "Name the projects and the two or three event types the customer suspects; the whole group over ten days is more than the incident needs." }));
        break;
      case "ask-exception":
        await at(t, () => requestException(author, { ...v, reason: "The customer is upgrading (the order is in signature) and the incident is live; the CSM asks for an exception to the plan check." }));
        break;
      case "grant":
      case "refuse": {
        const ex = await prisma.legalException.findFirstOrThrow({ where: { caseId: run.id, status: "requested" }, select: { id: true } });
        const grant = step === "grant";
        await at(t, () =>
          decideException(who.legal, {
            exceptionId: ex.id,
            grant,
            rationale: grant ? "Signed Ultimate order on file; granted for this incident only." : "No contract in view and no legal obligation to help; the customer is pointed to Audit Events.",
            expiresAt: grant ? new Date(t + 30 * DAY) : null,
          }),
        );
        break;
      }
      case "referral-handled": {
        const ref = await prisma.subpoenaReferral.findFirstOrThrow({ where: { caseId: run.id, status: "open" }, select: { id: true } });
        await at(t, () => recordReferralOutcome(who.legal, { referralId: ref.id, outcomeNote: "Told the customer's counsel that another customer's data is released only under a subpoena; no subpoena received." }));
        break;
      }
      case "finding":
      case "note":
      case "update": {
        const kind = step === "update" ? "status_update" : step;
        const stage = run.uploads > 0 ? "extract" : run.relays === 0 ? "started" : "working";
        const body = fill(pick(rnd, step === "finding" ? FINDINGS : step === "note" ? NOTES : UPDATES[stage]), run);
        const e = await at(t, () => addEntry(worker(run, c.team), { caseId: run.id, kind, visibility: step === "update" ? "relayable" : "internal", body }));
        if (step === "update") run.lastRelayable = e.id;
        break;
      }
      case "relay":
      case "relay-late": {
        const channel = pick(rnd, RELAY_CHANNELS);
        const recipient = channel === "phone" ? "+1 415 555 0142" : channel === "ticket" ? `#${48000 + Math.floor(rnd() * 2000)}` : undefined;
        await at(t, () => relayEntry(author, { caseId: run.id, entryId: run.lastRelayable!, channel, recipient }));
        run.relays += 1;
        break;
      }
      case "incident":
        await at(t, () => recordIncidentImpact(worker(run, c.team), v));
        break;
      case "notified":
        await at(t, () =>
          recordCustomerNotified(author, {
            ...v,
            sentAt: new Date(t),
            text: `We are investigating a security incident that may affect your resources. Recommended now: rotate the tokens and keys named in the case, review recent members. Track it under ${c.reference}.`,
          }),
        );
        break;
      case "upload": {
        const buf = extractFor(run, { windowFrom: c.windowFrom!, windowTo: c.windowTo! }, 0xa17 + run.uploads * 31 + Object.keys(ids).length);
        run.uploads += 1;
        await at(t, async () => {
          const up = await uploadArtefact(worker(run, c.team), { caseId: run.id, filename: `${(c.reference ?? "extract").toLowerCase()}-${run.uploads}.ndjson`, dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false }, once(buf), {
            store,
            limits: DEFAULT_LIMITS,
            maxUploadBytes: 50 * 1024 * 1024,
          });
          run.artefactId = up.id;
          await redactQueued();
        });
        break;
      }
      case "redact-again": {
        const a = await prisma.artefact.findUniqueOrThrow({ where: { id: run.artefactId! }, select: { id: true, version: true } });
        await at(t, async () => {
          await redactAgain(worker(run, c.team), { artefactId: a.id, version: a.version, dropOutsideWindow: true, dropOutsideScope: true, disclosePersonalData: false }, { why: "Legal's rejection: redacted again with the host lists in force." });
          await redactQueued();
        });
        break;
      }
      case "approve-security":
      case "approve-legal":
      case "reject-legal": {
        const a = await prisma.artefact.findUniqueOrThrow({ where: { id: run.artefactId! }, select: { id: true, version: true, residueSha256: true } });
        const reject = step === "reject-legal";
        await at(t, () =>
          decideArtefact(step === "approve-security" ? who.sirt : who.legal, {
            artefactId: a.id,
            version: a.version,
            decision: reject ? "rejected" : "approved",
            comment: reject ? "The extract still names the customer's internal runner hosts in the user agent strings; drop those lines." : step === "approve-legal" ? "Only the customer's own resources and users remain." : "",
            residueSha256: reject ? undefined : (a.residueSha256 ?? undefined),
            residueReviewed: reject ? undefined : true,
          }),
        );
        break;
      }
      case "share": {
        const a = await prisma.artefact.findUniqueOrThrow({ where: { id: run.artefactId! }, select: { id: true, version: true } });
        await at(t, () => shareArtefact(author, { artefactId: a.id, version: a.version, recipient: c.requesterEmail, channel: pick(rnd, ["secure_file_share", "email"] as const) }, key));
        break;
      }
      case "wait":
        break;
      case "close":
      case "reopen":
        if (spec.close) await at(t, () => closeAndRecordGaps(stamped, who, run, spec.close!, step, ids));
        break;
    }
    return t;
  }

  try {
    while (queue.length) {
      queue.sort((a, b) => a.t - b.t || a.i - b.i);
      const { t, i } = queue.shift()!;
      const run = runs[i]!;
      const step = run.step < 0 ? "draft" : run.spec.path[run.step]!;
      let done: number;
      try {
        done = await act(run, step, t);
      } catch (err) {
        throw new Error(`demo history: ${run.spec.key}, step ${step}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      run.step += 1;
      const next = run.spec.path[run.step];
      if (next === undefined || done > end) continue;
      const [lo, hi] = DELAY[next];
      let nt = after(done, between(run.rnd, lo, hi), run.rnd) + 60_000;
      // The next relay of the path, if the case's update clock runs: every act before it fits in the
      // time left (on time), or the relay waits until the clock ran out (late).
      const j = run.spec.path.findIndex((s, k) => k >= run.step && s.startsWith("relay"));
      const due = j >= 0 ? (await caseRow(prisma, run.id)).nextUpdateDue?.getTime() : undefined;
      if (due !== undefined && next === "relay-late") {
        nt = Math.max(nt, after(due, between(run.rnd, 1, 6), run.rnd));
      } else if (due !== undefined && run.spec.path[j] === "relay") {
        const reserve = (j - run.step) * between(run.rnd, 1, 2.5) + between(run.rnd, 0.2, 1);
        nt = Math.max(done + 2 * 60_000, Math.min(nt, workBefore(due - reserve * HOUR, run.rnd)));
      }
      // After a wait, the case's next acts are a few hours old.
      if (step === "wait") nt = Math.max(nt, workBefore(end - between(run.rnd, 2, 8) * HOUR, run.rnd));
      if (nt <= end) queue.push({ t: nt, i });
    }
    // The history's notifications went out at the time: nothing of it is mailed on a first start.
    await prisma.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'sent', "sentAt" = "createdAt" WHERE "status" = 'pending' AND "caseId" IS NOT NULL`;
    await prisma.job.updateMany({ where: { kind: DELIVER_JOB, status: "queued" }, data: { status: "done" } });
  } finally {
    installDatabase(previous);
  }
  return { seeded: true, cases: Object.keys(ids).length, ms: Date.now() - started, ids };
}
