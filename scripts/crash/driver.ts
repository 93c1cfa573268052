// The crash test's clients (npm run crash-test; scripts/crash-test.ts runs them): several signed-in
// staff members who write through the portal over HTTP, as the pages do (server actions by direct
// POST, the streamed upload route), and record every write the server acknowledged. A write is
// acknowledged when the answer came back whole: a 2xx with the action's `{ ok: true }` result (and
// the created id), or the upload's 201 with the artefact's id and the SHA-256 the server computed
// (compared with the one the client computed of the bytes it sent). Anything else (a refused
// connection, a reset mid-answer, a 5xx) is not acknowledged: the server may or may not have kept it.
import { createHash } from "node:crypto";
import { DEMO_STAFF } from "../../lib/demo/data";
import { parseActionResponse, serverActions, urlOf, type ServerAction } from "../../tests/support/server-actions";
import type { Ack } from "./checks";

const DAY = 86_400_000;
const VERIFICATION_ITEMS = ["identity", "ownership", "plan", "scope", "audit-events", "no-customer-access"];
type Role = "support" | "csm" | "sirt" | "legal" | "admin";

/** A small seeded random source (mulberry32), so a run can be repeated with --seed. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}
export type Random = ReturnType<typeof randomSource>;

/**
 * Opened while the server is up, closed by the orchestrator around a kill, restart and the checks:
 * a client waits here before every request, so nothing is sent while the checks read the database.
 */
export class Gate {
  private waiters: (() => void)[] = [];
  private isOpen = false;
  inFlight = 0;
  open() {
    this.isOpen = true;
    for (const w of this.waiters.splice(0)) w();
  }
  close() {
    this.isOpen = false;
  }
  get opened() {
    return this.isOpen;
  }
  wait(): Promise<void> {
    return this.isOpen ? Promise.resolve() : new Promise((r) => this.waiters.push(r));
  }
  /** Resolves once no request is in flight (after a kill they all fail quickly). */
  async drained(timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < until) await sleep(50);
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class NotAcknowledged extends Error {}

/** One staff member's HTTP session (the next-auth JWT cookie), its requests gated. */
class Session {
  private cookies = new Map<string, string>();
  constructor(
    private readonly base: string,
    private readonly gate: Gate,
    readonly role: Role,
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
    }
  }

  /** A request through the gate; throws NotAcknowledged on any transport failure. */
  async fetch(path: string, init: RequestInit & { duplex?: "half" } = {}): Promise<{ status: number; text: string; headers: Headers }> {
    await this.gate.wait();
    this.gate.inFlight++;
    try {
      const res = await fetch(this.base + path, {
        ...init,
        redirect: "manual",
        headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
        signal: AbortSignal.timeout(60_000),
      });
      this.keep(res);
      const text = await res.text();
      return { status: res.status, text, headers: res.headers };
    } catch (err) {
      throw new NotAcknowledged(`${path}: ${(err as Error).message}`);
    } finally {
      this.gate.inFlight--;
    }
  }

  private signingIn: Promise<void> | null = null;
  /** Signs in (one sign-in at a time per session: the flows share a staff member's session). */
  signIn(): Promise<void> {
    this.signingIn ??= this.doSignIn().finally(() => (this.signingIn = null));
    return this.signingIn;
  }
  private async doSignIn() {
    const who = DEMO_STAFF.find((s) => s.role === this.role)!;
    this.cookies.clear();
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, email: who.email, password: who.password, json: "true" });
    const res = await this.fetch("/api/auth/callback/credentials", { method: "POST", body, headers: { "content-type": "application/x-www-form-urlencoded" } });
    if (![...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"))) throw new NotAcknowledged(`sign-in of ${this.role}: HTTP ${res.status}`);
  }
  get signedIn() {
    return [...this.cookies.keys()].some((k) => k.endsWith("next-auth.session-token"));
  }
}

export interface DriverOptions {
  base: string;
  gate: Gate;
  random: Random;
  /** How many case flows run at once (each a client of its own), plus one client writing notes. */
  flows: number;
  onAck: (ack: Ack) => void;
  onNote?: (msg: string) => void;
}

/**
 * The clients: `flows` case flows (file a case, tick the checklist, a finding, an upload, wait for
 * the redaction, both approvals, the gap record, a relay), and one client adding notes to the cases
 * already filed. They run until stop() and survive the kills (a failed step is tried again, a flow
 * that cannot go on is left and a new one started).
 */
export function startClients(o: DriverOptions) {
  const actions = serverActions();
  const sessions = new Map<Role, Session>();
  const sessionOf = (role: Role) => {
    let s = sessions.get(role);
    if (!s) sessions.set(role, (s = new Session(o.base, o.gate, role)));
    return s;
  };
  let stopped = false;
  const filed: { id: string; team: Role }[] = [];
  let accountId: string | null = null;

  /** A server action as the page calls it; the ActionResult's data when ok, else throws. */
  async function act<T>(role: Role, name: string, args: unknown[], params: Record<string, string> = {}): Promise<T> {
    const action: ServerAction | undefined = actions.get(name);
    if (!action) throw new Error(`${name} is not a server action of this build`);
    const s = sessionOf(role);
    if (!s.signedIn) await s.signIn();
    // The page with fewest dynamic segments that carries it (/cases/new for the case actions), its ids filled.
    const best = [...action.pages].sort((x, y) => (x.match(/\[/g)?.length ?? 0) - (y.match(/\[/g)?.length ?? 0))[0] ?? "/";
    const res = await s.fetch(urlOf(best, params), {
      method: "POST",
      // x-action-forwarded: the action's answer only, no render of the page after it (less work for a small machine).
      headers: { "Next-Action": action.id, Accept: "text/x-component", "Content-Type": "text/plain;charset=UTF-8", Origin: new URL(o.base).origin, "x-action-forwarded": "1" },
      body: JSON.stringify(args),
    });
    const result = parseActionResponse(res.text);
    if (res.status < 200 || res.status >= 300 || !result) {
      if (res.status !== 0) o.onNote?.(`${name}: HTTP ${res.status} without an ActionResult: ${res.text.slice(0, 160)}`);
      throw new NotAcknowledged(`${name}: HTTP ${res.status}`);
    }
    if (!result.ok) {
      if (result.code === "UNAUTHENTICATED") await s.signIn().catch(() => {});
      throw new Refused(`${name}: ${result.code} ${result.error ?? ""}${result.fieldErrors ? ` ${JSON.stringify(result.fieldErrors)}` : ""}`);
    }
    return (result.data ?? true) as T; // an action without data (a tick) answers ok only
  }

  /**
   * Tries `fn` until it is acknowledged; null when it gave up (refused three times, or 20 tries).
   * UNACKNOWLEDGED when a try was refused as already done (`done`): an earlier try went through but
   * its answer was lost with the server, so the flow goes on without recording it.
   */
  async function attempt<T>(label: string, fn: () => Promise<T>, opts: { tries?: number; done?: RegExp } = {}): Promise<T | typeof UNACKNOWLEDGED | null> {
    for (let i = 0; i < (opts.tries ?? 20) && !stopped; i++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof Refused) {
          if (opts.done?.test(err.message)) return UNACKNOWLEDGED;
          o.onNote?.(`${label} refused: ${err.message}`);
          if (i >= 2) return null;
        } else if (o.gate.opened) o.onNote?.(`${label} not acknowledged: ${(err as Error).message}`);
        await sleep(200 + i * 100);
      }
    }
    return null;
  }
  const acked = <T>(r: T | typeof UNACKNOWLEDGED | null): r is T => r !== null && r !== UNACKNOWLEDGED;

  async function account(): Promise<string> {
    if (accountId) return accountId;
    if (!sessionOf("support").signedIn) await sessionOf("support").signIn();
    const page = await sessionOf("support").fetch("/cases/new");
    if (page.status === 307 || page.status === 302) await sessionOf("support").signIn();
    const m = /<option value="([0-9a-f-]{36})"[^>]*>Acme Corporation/.exec(page.text);
    if (!m) throw new NotAcknowledged("the intake form did not list Acme");
    return (accountId = m[1]!);
  }

  /** An ndjson extract in the case's window and scope; `salt` makes its bytes (and SHA-256) unique. */
  function extract(salt: string): Buffer {
    const lines = o.random.int(2_000, 12_000);
    const out: string[] = [];
    const t0 = Date.now() - DAY;
    for (let i = 0; i < lines; i++) {
      out.push(JSON.stringify({ time: new Date(t0 - i * 1000).toISOString(), severity: "INFO", project_path: "acme/infra/api", meta: { user: "alice", remote_ip: "192.0.2.10" }, message: `crash-test ${salt} line ${i} token used from a new location` }));
    }
    return Buffer.from(out.join("\n") + "\n");
  }

  async function flow(n: number) {
    const sirt = o.random.next() < 0.5;
    const author: Role = sirt ? "csm" : "support";
    const team: Role = sirt ? "sirt" : "support";
    const acme = await attempt("account", account);
    if (!acked(acme)) return;
    const end = Date.now() - 5 * 60_000;
    const draft = {
      accountId: acme,
      requesterName: "Crash Customer",
      requesterEmail: "crash@customer.example",
      summary: `Crash test flow ${n}: a token was used from an unknown location.`,
      resources: [{ kind: "project", path: "acme/infra/api" }],
      eventTypes: ["personal_access_token_created"],
      logSources: ["application"],
      windowFrom: new Date(end - 2 * DAY).toISOString(),
      windowTo: new Date(end).toISOString(),
      personalData: sirt,
    };
    const saved = await attempt("save draft", () => act<{ id: string; version: number }>(author, "saveDraftAction", [{ draft }]));
    if (!acked(saved)) return;
    o.onAck({ kind: "draft", id: saved.id });
    const submitted = await attempt("submit", () => act<{ status: string }>(author, "submitCaseAction", [{ id: saved.id, version: saved.version }]), { done: /already been submitted/ });
    if (!submitted) return;
    if (acked(submitted)) o.onAck({ kind: "submit", id: saved.id, detail: submitted.status });
    const caseId = saved.id;
    filed.push({ id: caseId, team });
    for (const item of VERIFICATION_ITEMS) {
      const ok = await attempt(`tick ${item}`, () => act(author, "setVerificationAction", [{ id: caseId, item, checked: true }]));
      if (!ok) return;
      if (acked(ok)) o.onAck({ kind: "verification", id: `${caseId}:${item}` });
    }
    const finding = await attempt("finding", () => act<{ id: string }>(team, "addEntryAction", [{ caseId, kind: "finding", visibility: "relayable", body: `Crash test finding of flow ${n}.` }]));
    if (acked(finding)) o.onAck({ kind: "entry", id: finding.id });
    const artefactId = await upload(team, caseId, n);
    if (artefactId) await review(team, caseId, artefactId);
    const gap = await attempt("gap", () => act<{ filingState: string }>(team, "recordGapAction", [{ caseId, noGap: false, eventTypes: ["user_email_changed"], neededFor: `Crash test flow ${n}: who changed the email.` }], { id: caseId }));
    if (acked(gap)) o.onAck({ kind: "gap", id: caseId });
    if (acked(finding)) {
      // The update to the customer is relayed by Support or the CSM (the case's author here).
      const relay = await attempt("relay", () => act<{ relayId: string }>(author, "relayEntryAction", [{ caseId, entryId: finding.id, channel: "email" }]));
      if (acked(relay)) o.onAck({ kind: "relay", id: relay.relayId });
    }
  }

  async function upload(team: Role, caseId: string, n: number): Promise<string | null> {
    for (let i = 0; i < 10 && !stopped; i++) {
      const bytes = extract(`${n}.${i}.${o.random.int(0, 1e9)}`);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const s = sessionOf(team);
      try {
        if (!s.signedIn) await s.signIn();
        // Streamed in chunks, so a kill can land mid-upload (a temp file in the blob store).
        const chunks = Array.from({ length: Math.ceil(bytes.length / 65536) }, (_, k) => bytes.subarray(k * 65536, (k + 1) * 65536));
        const body = new ReadableStream<Uint8Array>({
          async pull(c) {
            const next = chunks.shift();
            if (!next) return c.close();
            await sleep(2);
            c.enqueue(next);
          },
        });
        const res = await s.fetch(`/api/cases/${caseId}/artefacts?filename=crash-${n}-${i}.log`, {
          method: "POST",
          headers: { "x-logdesk-upload": "1", "content-type": "application/octet-stream", "content-length": String(bytes.length) },
          body,
          duplex: "half",
        });
        if (res.status === 201) {
          const got = JSON.parse(res.text) as { id: string; rawSha256: string };
          o.onAck({ kind: "artefact", id: got.id, detail: sha256 });
          if (got.rawSha256 !== sha256) o.onNote?.(`upload ${got.id}: the server answered SHA-256 ${got.rawSha256}, the client sent ${sha256}`);
          return got.id;
        }
        if (res.status === 401) await s.signIn().catch(() => {});
        else if (res.status < 500) {
          o.onNote?.(`upload refused: HTTP ${res.status} ${res.text.slice(0, 200)}`);
          if (res.status !== 409) return null;
        }
      } catch {
        /* not acknowledged: try again with new bytes */
      }
      await sleep(300);
    }
    return null;
  }

  async function review(team: Role, caseId: string, artefactId: string) {
    // The redaction job: in review once done (it resumes after a kill).
    let version = 0;
    for (let i = 0; i < 240 && !stopped; i++) {
      try {
        if (!sessionOf(team).signedIn) await sessionOf(team).signIn();
        const r = await sessionOf(team).fetch(`/api/artefacts/${artefactId}`);
        if (r.status === 200) {
          const p = JSON.parse(r.text) as { status: string; version: number };
          if (p.status === "in_review") {
            version = p.version;
            break;
          }
          if (p.status === "failed") return;
        }
      } catch {
        /* server down */
      }
      await sleep(500);
    }
    if (!version) return;
    for (const role of ["sirt", "legal"] as const) {
      const ok = await attempt(`approve ${role}`, async () => {
        if (!sessionOf(role).signedIn) await sessionOf(role).signIn();
        // The residue the reviewer saw: its SHA-256 is on the review page (the approval names it).
        const page = await sessionOf(role).fetch(`/cases/${caseId}/artefacts/${artefactId}`);
        const residue = /title="([0-9a-f]{64})"/.exec(page.text)?.[1];
        const progress = JSON.parse((await sessionOf(role).fetch(`/api/artefacts/${artefactId}`)).text) as { version?: number };
        if (typeof progress.version !== "number") throw new NotAcknowledged(`artefact ${artefactId}: no version in its progress`);
        return act<{ status: string }>(role, "decideArtefactAction", [{ artefactId, version: progress.version, decision: "approved", comment: "", residueSha256: residue, residueReviewed: true }], { id: caseId, artefactId });
      }, { tries: 8 });
      // Refused (e.g. an earlier, unacknowledged try went through): Legal still tries its own.
      if (acked(ok)) o.onAck({ kind: "approval", id: `${artefactId}:${role === "sirt" ? "security" : "legal"}` });
    }
  }

  async function notes() {
    while (!stopped) {
      const c = filed.length ? o.random.pick(filed) : null;
      if (!c) {
        await sleep(300);
        continue;
      }
      const e = await attempt("note", () => act<{ id: string }>(c.team, "addEntryAction", [{ caseId: c.id, kind: "note", visibility: "internal", body: `Crash test note ${o.random.int(0, 1e9)}.` }]), { tries: 3 });
      if (acked(e)) o.onAck({ kind: "entry", id: e.id });
    }
  }

  let flowsStarted = 0;
  const loops = [
    ...Array.from({ length: o.flows }, async () => {
      while (!stopped) await flow(++flowsStarted).catch((err: unknown) => o.onNote?.(`flow: ${(err as Error).message}`));
    }),
    notes().catch((err: unknown) => o.onNote?.(`notes: ${(err as Error).message}`)),
  ];
  return {
    async stop() {
      stopped = true;
      o.gate.open();
      await Promise.all(loops);
    },
  };
}

class Refused extends Error {}
const UNACKNOWLEDGED = Symbol("unacknowledged");
