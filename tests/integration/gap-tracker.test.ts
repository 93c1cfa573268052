// The Audit Events gap issue (step 10) filed against a small GitLab-compatible tracker started by
// the test (node:http), which keeps issues in memory, checks PRIVATE-TOKEN and the labels, and fails
// on demand: 500, a hang past the timeout, a closed port, 401/403/404/422, garbage, and a created
// issue whose 201 answer is dropped mid-way (lib/gap-tracker/).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createGapTrackerClient, type GapTrackerConfig } from "@/lib/gap-tracker/client";
import { fileGapIssue, filingStateAfter, type FileGapIssueOutcome } from "@/lib/gap-tracker/file-gap-issue";
import { env, resetEnvCache } from "@/lib/env";
import { CONFIDENTIAL, FakeTracker, PROJECT, TOKEN, type Failure } from "../support/fake-tracker";

const tracker = new FakeTracker();
beforeAll(() => tracker.start());
afterAll(() => tracker.stop());
afterEach(() => {
  tracker.issues = [];
  tracker.failures = [];
  tracker.requests = [];
});

const config = (over: Partial<GapTrackerConfig> = {}): GapTrackerConfig => ({ url: tracker.url, project: PROJECT, token: TOKEN, timeoutMs: 500, ...over });
const input = (caseReference = "IR-2026-0042") => ({
  caseReference,
  missingEventTypes: ["project_export_file_download_started", "user_email_changed"],
  planTier: "ultimate",
  catalogueDescriptions: { user_email_changed: "A user changes their email address" },
});

/** The job's loop, without the waiting: attempts until filed or stopped. */
async function fileUntilSettled(client = createGapTrackerClient(config()), ref = "IR-2026-0042") {
  const outcomes: FileGapIssueOutcome[] = [];
  for (let attempt = 1; attempt <= 20; attempt++) {
    const o = await fileGapIssue(input(ref), client);
    outcomes.push(o);
    const s = filingStateAfter(o, attempt, new Date());
    if (s.state !== "waiting") return { outcomes, state: s };
  }
  throw new Error("never settled");
}

describe("filing the gap issue", () => {
  it("files one issue with both labels, the reference, the event types and the plan, and nothing confidential", async () => {
    const o = await fileGapIssue(input(), createGapTrackerClient(config()));
    expect(o).toEqual({ kind: "filed", iid: 1, webUrl: `${tracker.url}/${PROJECT}/-/issues/1` });
    expect(tracker.issues).toHaveLength(1);
    const issue = tracker.issues[0]!;
    expect(issue.labels).toEqual(["Category:Audit Events", "Enterprise Edition"]);
    expect(issue.title).toContain("IR-2026-0042");
    expect(issue.description).toContain("project_export_file_download_started");
    expect(issue.description).toContain("user_email_changed");
    expect(issue.description).toContain("Ultimate");
    const sent = JSON.stringify(issue).toLowerCase();
    for (const s of CONFIDENTIAL) expect(sent).not.toContain(s.toLowerCase());
    // Searched first, then created, both with the token.
    expect(tracker.requests.map((r) => r.method)).toEqual(["GET", "POST"]);
    expect(tracker.requests.every((r) => r.token === TOKEN)).toBe(true);
  });

  it("a second filing for the same case finds the first issue and creates none", async () => {
    const client = createGapTrackerClient(config());
    await fileGapIssue(input(), client);
    expect(await fileGapIssue(input(), client)).toEqual({ kind: "alreadyFiled", iid: 1, webUrl: `${tracker.url}/${PROJECT}/-/issues/1` });
    expect(tracker.issues).toHaveLength(1);
  });

  it("a case whose reference only shares a prefix is filed on its own (the search is fuzzy, the match exact)", async () => {
    const client = createGapTrackerClient(config());
    await fileGapIssue(input("IR-2026-00420"), client);
    expect((await fileGapIssue(input("IR-2026-0042"), client)).kind).toBe("filed");
    expect(tracker.issues).toHaveLength(2);
  });

  it("a case that carries confidential fields is refused before any request", async () => {
    const o = await fileGapIssue(
      { ...input(), customerName: "ACME Corp", accountPath: "acme-corp/payments", requester: "jane.doe@acme-corp.com" },
      createGapTrackerClient(config()),
    );
    expect(o.kind).toBe("invalid");
    const typed = await fileGapIssue({ ...input(), missingEventTypes: ["jane.doe@acme-corp.com"] }, createGapTrackerClient(config()));
    expect(typed.kind).toBe("invalid");
    expect(tracker.requests).toHaveLength(0);
  });
});

describe("outcomes", () => {
  it.each([
    ["500 on search", ["500"], /answered 500/],
    ["503 on create", [undefined, "503"], /answered 503/],
    ["garbage on search", ["garbage"], /not a list of issues|not JSON/],
    ["a connection dropped before any answer", ["dropBeforeCreate"], /connection to the tracker failed/],
  ] as const)("%s: retry", async (_name, failures, reason) => {
    tracker.failures = failures.map((f) => f as Failure);
    // An undefined slot is a normal answer: shift() then returns undefined.
    const o = await fileGapIssue(input(), createGapTrackerClient(config()));
    expect(o.kind).toBe("retry");
    if (o.kind === "retry") expect(o.reason).toMatch(reason);
  });

  it("a hang past the timeout: retry, in about the timeout", async () => {
    tracker.failures = ["hang"];
    const t0 = Date.now();
    const o = await fileGapIssue(input(), createGapTrackerClient(config({ timeoutMs: 300 })));
    expect(o).toEqual({ kind: "retry", reason: "The tracker did not answer within 300 ms." });
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it("a refused connection (the port closed): retry naming ECONNREFUSED", async () => {
    const closed = new FakeTracker();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const o = await fileGapIssue(input(), createGapTrackerClient(config({ url })));
    expect(o.kind).toBe("retry");
    if (o.kind === "retry") expect(o.reason).toContain("ECONNREFUSED");
  });

  it.each([
    ["a wrong token", config({ token: "wrong" }), [], 401, "GAP_TRACKER_TOKEN"],
    ["no permission", config(), ["403"], 403, "Reporter"],
    ["an unknown project", config({ project: "security/nope" }), [], 404, "GAP_TRACKER_PROJECT"],
    ["refused labels", config(), [undefined, "422"], 422, "labels"],
    ["a redirect (the token is not sent on)", config(), ["302"], 302, "GAP_TRACKER_URL"],
  ] as const)("%s: stopped with what to fix", async (_name, cfg, failures, status, fix) => {
    tracker.failures = failures.map((f) => f as Failure);
    const o = await fileGapIssue(input(), createGapTrackerClient({ ...cfg, url: tracker.url }));
    expect(o.kind).toBe("stopped");
    if (o.kind !== "stopped") return;
    expect(o.status).toBe(status);
    expect(o.reason).toContain(fix);
    expect(filingStateAfter(o, 1, new Date()).state).toBe("stopped");
    expect(tracker.issues).toHaveLength(0);
    expect(tracker.requests.filter((r) => r.url.includes("elsewhere"))).toEqual([]);
  });

  it("a project path already URL-encoded is not encoded twice", async () => {
    const encoded = await fileGapIssue(input(), createGapTrackerClient(config({ project: encodeURIComponent(PROJECT) })));
    expect(encoded.kind).toBe("filed");
    expect(tracker.requests[0]!.url).toContain("/projects/security%2Faudit-events/issues");
  });
});

describe("never filed twice", () => {
  it("a 201 dropped mid-way: retry, then the next attempt finds the issue", async () => {
    tracker.failures = [undefined as unknown as Failure, "dropCreated"];
    const client = createGapTrackerClient(config());
    const first = await fileGapIssue(input(), client);
    expect(first.kind).toBe("retry");
    expect(tracker.issues).toHaveLength(1);
    expect(await fileGapIssue(input(), client)).toEqual({ kind: "alreadyFiled", iid: 1, webUrl: `${tracker.url}/${PROJECT}/-/issues/1` });
    expect(tracker.issues).toHaveLength(1);
  });

  it("a 201 with garbage: retry, then found", async () => {
    tracker.failures = [undefined as unknown as Failure, "garbage201"];
    const { outcomes, state } = await fileUntilSettled();
    expect(outcomes.map((o) => o.kind)).toEqual(["retry", "alreadyFiled"]);
    expect(state.state).toBe("filed");
    expect(tracker.issues).toHaveLength(1);
  });

  it("through every kind of transient failure: exactly one issue", async () => {
    const ok = undefined as unknown as Failure;
    tracker.failures = ["500", "hang", "garbage", ok, "dropCreated", "503", ok, ok];
    const { outcomes, state } = await fileUntilSettled(createGapTrackerClient(config({ timeoutMs: 300 })));
    expect(outcomes.map((o) => o.kind)).toEqual(["retry", "retry", "retry", "retry", "retry", "alreadyFiled"]);
    expect(state).toEqual({ state: "filed", iid: 1, webUrl: `${tracker.url}/${PROJECT}/-/issues/1` });
    expect(tracker.issues).toHaveLength(1);
  });
});

describe("configuration", () => {
  const keys = ["GAP_TRACKER_URL", "GAP_TRACKER_PROJECT", "GAP_TRACKER_TOKEN"] as const;
  const saved = Object.fromEntries(keys.map((k) => [k, process.env[k]]));
  afterEach(() => {
    for (const k of keys) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    resetEnvCache();
  });
  const set = (v: Partial<Record<(typeof keys)[number], string>>) => {
    for (const k of keys) if (v[k] === undefined) delete process.env[k]; else process.env[k] = v[k];
    resetEnvCache();
  };

  it("none: no tracker", () => {
    set({});
    expect(env().gapTracker).toBeNull();
  });
  it("all three: the tracker", () => {
    set({ GAP_TRACKER_URL: "https://gitlab.example.com", GAP_TRACKER_PROJECT: "42", GAP_TRACKER_TOKEN: "t" });
    expect(env().gapTracker).toEqual({ url: "https://gitlab.example.com", project: "42", token: "t" });
  });
  it.each([
    [{ GAP_TRACKER_URL: "https://gitlab.example.com" }, "set GAP_TRACKER_PROJECT and GAP_TRACKER_TOKEN too"],
    [{ GAP_TRACKER_URL: "https://gitlab.example.com", GAP_TRACKER_PROJECT: "42" }, "set GAP_TRACKER_TOKEN too"],
    [{ GAP_TRACKER_TOKEN: "t" }, "set GAP_TRACKER_URL and GAP_TRACKER_PROJECT too"],
    [{ GAP_TRACKER_URL: "gitlab.example.com", GAP_TRACKER_PROJECT: "42", GAP_TRACKER_TOKEN: "t" }, "http:// or https://"],
  ])("%j: a configuration error", (v, message) => {
    set(v);
    expect(() => env()).toThrow(message);
  });
});
