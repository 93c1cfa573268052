import { z } from "zod";
import type { GapIssue } from "./issue";
import { titleNamesReference } from "./issue";

/**
 * A client of a GitLab-compatible issues API (the product's tracker), for the Audit Events gap
 * issue. Every call ends in one of a few outcomes, never a throw: the filing job decides from the
 * outcome whether to wait and try again (`retry`) or to stop and show what to fix (`stopped`).
 * Redirects are not followed: the token travels in PRIVATE-TOKEN, which fetch would forward to
 * another host.
 */

export interface GapTrackerConfig {
  /** The tracker's address, e.g. https://gitlab.example.com (a path prefix is kept). */
  url: string;
  /** The project's numeric id, or its path (group/project), URL-encoded or not. */
  project: string;
  token: string;
  /** Each request's whole time, answer included; default 10 s. */
  timeoutMs?: number;
}

export type TrackerIssueRef = { iid: number; webUrl: string };
export type RetryOutcome = { kind: "retry"; reason: string };
export type StoppedOutcome = { kind: "stopped"; status: number | null; reason: string };
export type FindOutcome = ({ kind: "found" } & TrackerIssueRef) | { kind: "absent" } | RetryOutcome | StoppedOutcome;
export type CreateOutcome = ({ kind: "filed" } & TrackerIssueRef) | RetryOutcome | StoppedOutcome;

export interface GapTrackerClient {
  findIssueByReference(reference: string): Promise<FindOutcome>;
  createIssue(issue: GapIssue): Promise<CreateOutcome>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

const ZIssue = z.object({ iid: z.number().int().positive(), web_url: z.string().url(), title: z.string() });
const ZIssueList = z.array(z.object({ iid: z.number().int().positive(), web_url: z.string().url(), title: z.string() }).passthrough());

/** The project as it goes into the URL: a numeric id as is, a path URL-encoded once. */
export function projectSegment(project: string): string {
  const p = project.trim();
  if (/^\d+$/.test(p)) return p;
  return /%2f/i.test(p) ? p : encodeURIComponent(p);
}

function issuesUrl(config: GapTrackerConfig): string {
  return `${config.url.replace(/\/+$/, "")}/api/v4/projects/${projectSegment(config.project)}/issues`;
}

/** What a refusal means, in words naming the setting to fix. */
export function stoppedReason(status: number, config: Pick<GapTrackerConfig, "project">, detail = ""): string {
  const more = detail ? ` The tracker said: ${detail}` : "";
  switch (status) {
    case 401:
      return `The tracker refused the token (401 Unauthorized): set GAP_TRACKER_TOKEN to a valid access token with the api scope.${more}`;
    case 403:
      return `The token may not file issues in project ${config.project} (403 Forbidden): give the token's user at least the Reporter role there, or use another token in GAP_TRACKER_TOKEN.${more}`;
    case 404:
      return `The tracker has no project ${config.project} the token can see (404 Not Found): check GAP_TRACKER_PROJECT (its id or path) and GAP_TRACKER_URL.${more}`;
    case 422:
      return `The tracker refused the issue (422 Unprocessable): check that the labels may be used in project ${config.project}.${more}`;
    default:
      if (status >= 300 && status < 400)
        return `The tracker answered with a redirect (${status}): set GAP_TRACKER_URL to the tracker's final address (https, no redirect).`;
      return `The tracker refused the request (${status}); it will not be tried again until the configuration is checked.${more}`;
  }
}

/** Whether an HTTP status is worth waiting for (the tracker is down, busy or throttling). */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** Why a request failed before any answer came, as a retry reason. */
export function networkReason(error: unknown, timeoutMs: number): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `The tracker did not answer within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`;
  const code = e?.cause?.code;
  if (code === "ECONNREFUSED") return "The tracker refused the connection (ECONNREFUSED): is it running at GAP_TRACKER_URL?";
  if (code) return `The connection to the tracker failed (${code}).`;
  return `The connection to the tracker failed (${e?.cause?.message || e?.message || "unknown error"}).`;
}

/** A short, one-line excerpt of an error answer's message (GitLab sends {"message": ...} or {"error": ...}). */
function detailOf(body: string): string {
  let text = body;
  try {
    const j = JSON.parse(body) as { message?: unknown; error?: unknown };
    text = typeof j.message === "string" ? j.message : typeof j.error === "string" ? j.error : JSON.stringify(j.message ?? j.error ?? "");
  } catch {
    // not JSON: the raw text, cut short
  }
  return text.replace(/[\u0000-\u001F\u007F-\u009F]+/g, " ").trim().slice(0, 200);
}

type Answer = { kind: "answer"; status: number; json: unknown } | RetryOutcome | StoppedOutcome;

export function createGapTrackerClient(config: GapTrackerConfig, fetchImpl: typeof fetch = fetch): GapTrackerClient {
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function request(url: string, init: RequestInit): Promise<Answer> {
    let res: Response;
    let body: string;
    try {
      res = await fetchImpl(url, {
        ...init,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs),
        headers: { "PRIVATE-TOKEN": config.token, Accept: "application/json", ...(init.headers ?? {}) },
      });
      body = await res.text();
    } catch (error) {
      return { kind: "retry", reason: networkReason(error, timeoutMs) };
    }
    if (isRetryableStatus(res.status)) return { kind: "retry", reason: `The tracker answered ${res.status}; it may be down or busy.` };
    if (res.status < 200 || res.status >= 300) return { kind: "stopped", status: res.status, reason: stoppedReason(res.status, config, detailOf(body)) };
    try {
      return { kind: "answer", status: res.status, json: JSON.parse(body) as unknown };
    } catch {
      return { kind: "retry", reason: `The tracker answered ${res.status} with something that is not JSON.` };
    }
  }

  return {
    async findIssueByReference(reference) {
      const q = new URLSearchParams({ search: reference, in: "title", state: "all", per_page: "100", order_by: "created_at", sort: "asc" });
      const a = await request(`${issuesUrl(config)}?${q}`, { method: "GET" });
      if (a.kind !== "answer") return a;
      const list = ZIssueList.safeParse(a.json);
      if (!list.success) return { kind: "retry", reason: "The tracker's search answered with something that is not a list of issues." };
      const hit = list.data.find((i) => titleNamesReference(i.title, reference));
      return hit ? { kind: "found", iid: hit.iid, webUrl: hit.web_url } : { kind: "absent" };
    },

    async createIssue(issue) {
      const a = await request(issuesUrl(config), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ title: issue.title, description: issue.description, labels: issue.labels.join(",") }),
      });
      if (a.kind !== "answer") return a;
      const created = ZIssue.safeParse(a.json);
      if (!created.success) return { kind: "retry", reason: `The tracker answered ${a.status} without the new issue's number and link.` };
      return { kind: "filed", iid: created.data.iid, webUrl: created.data.web_url };
    },
  };
}
