// A deterministic generator of realistic log lines, for the redaction benchmark (bench/redaction.ts)
// and for test extracts. Same seed and options, same lines, on every machine: the randomness is
// an own mulberry32, with no dependencies.
//
// The mix, per line:
// - ~50% GitLab-like application lines as NDJSON (api_json / production_json / sidekiq): time,
//   severity, correlation_id, meta.user, meta.project, meta.root_namespace, user_id (a 20-digit
//   bare JSON number), remote_ip, path, params (with private_token and friends), ua, nested
//   objects (headers, db, gitaly); ~5% of them carry exception.class / exception.message /
//   exception.backtrace, ~2% a long "message" of 2-20 KB;
// - ~20% audit events as NDJSON (author_name, entity_path, target_details, event_name, details);
// - ~30% text lines: Rails, Sidekiq, gitlab-shell, PostgreSQL and nginx access lines with
//   `user=`, `project_path=`, IPs, `Authorization: Bearer ...`, internal host names.
//
// Every line names one project: with probability `otherProjectShare` one of `others.projects`
// (and then its users and emails are the other account's too), else one of `owned.projects`.
// Identifiers of other accounts appear only on those lines. Lines are valid UTF-8 (a few
// non-ASCII words included), contain no NUL byte or newline, and are under 64 KB.
//
// Timestamps advance from `from` by random steps that cross the window about once every
// `spreadLines` lines, wrapping back to `from` at `to`; a fraction `outsideWindowShare` of the
// lines is stamped up to 3 days before or after the window instead. Nginx lines use nginx's own
// time format (`[20/Nov/2026:10:15:00 +0000]`); `lineTime` reads both.
import { createWriteStream } from "node:fs";
import { once } from "node:events";

export interface GeneratorAccount {
  groups: string[];
  projects: string[];
  users: string[];
  emails: string[];
}

export interface GeneratorOptions {
  seed: number;
  owned: GeneratorAccount;
  others: GeneratorAccount;
  /** Host suffixes of our own systems (".internal"), as in RedactionScope.internalHosts. */
  internalHosts: string[];
  /** Timestamps are spread inside [from, to]. */
  from: Date;
  to: Date;
  /** Fraction of lines timestamped outside the window; default 0. */
  outsideWindowShare?: number;
  /** Fraction of lines naming another account's project (and its users); default 0.05. */
  otherProjectShare?: number;
  /** Lines over which the timestamps cross the window once before wrapping; default 1,000,000. */
  spreadLines?: number;
}

export const DEMO_GENERATOR_OPTIONS: GeneratorOptions = {
  seed: 42,
  owned: {
    groups: ["acme"],
    projects: ["acme/web", "acme/api"],
    users: ["alice", "bob"],
    emails: ["alice@acme.example", "bob@acme.example"],
  },
  others: {
    groups: ["globex"],
    projects: ["globex/api", "initech/payroll"],
    users: ["mallory", "eve"],
    emails: ["mallory@globex.example"],
  },
  internalHosts: [".internal", ".corp.example"],
  from: new Date("2026-11-01T00:00:00Z"),
  to: new Date("2026-11-20T00:00:00Z"),
};

/** Longest line the generator writes, in UTF-8 bytes (without the newline). */
export const MAX_LINE_BYTES = 60 * 1024;

/** mulberry32: a tiny 32-bit PRNG, uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The timestamp a generated line carries (ISO 8601 anywhere in the line, or nginx's `[dd/Mon/yyyy:HH:MM:SS +0000]`). */
export function lineTime(line: string): Date | null {
  const iso = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/.exec(line);
  if (iso) return new Date(iso[0]);
  const ng = /\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) \+0000\]/.exec(line);
  if (ng) {
    const month = MONTHS.indexOf(ng[2]);
    if (month < 0) return null;
    return new Date(Date.UTC(+ng[3], month, +ng[1], +ng[4], +ng[5], +ng[6]));
  }
  return null;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

function nginxTime(d: Date): string {
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TOKEN_CHARS = ALNUM + "-_";
const HEX = "0123456789abcdef";

const UAS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "curl/8.5.0",
  "python-requests/2.32.3",
  "gitlab-runner 17.5.0 (17-5-stable; go1.22.7; linux/amd64)",
  "git/2.47.0",
  "Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-gitlab/17.5.0",
];

const FEATURE_CATEGORIES = [
  "code_review_workflow",
  "continuous_integration",
  "source_code_management",
  "team_planning",
  "user_management",
  "groups_and_projects",
  "audit_events",
  "secrets_management",
];

const API_ROUTES: [string, (r: Gen) => string][] = [
  ["/api/:version/projects/:id/merge_requests", (r) => `/api/v4/projects/${r.int(90000) + 1}/merge_requests`],
  ["/api/:version/projects/:id/pipelines/:pipeline_id/jobs", (r) => `/api/v4/projects/${r.int(90000) + 1}/pipelines/${r.int(9_000_000)}/jobs`],
  ["/api/:version/projects/:id/repository/files/:file_path/raw", (r) => `/api/v4/projects/${r.int(90000) + 1}/repository/files/${r.pick(["app%2Fmodels%2Fuser.rb", "README.md", "config%2Fdatabase.yml", ".gitlab-ci.yml"])}/raw`],
  ["/api/:version/projects/:id/issues/:noteable_id/notes", (r) => `/api/v4/projects/${r.int(90000) + 1}/issues/${r.int(4000) + 1}/notes`],
  ["/api/:version/users/:id", (r) => `/api/v4/users/${r.int(5_000_000) + 1}`],
  ["/api/:version/groups/:id/members", (r) => `/api/v4/groups/${r.int(20000) + 1}/members`],
  ["/api/:version/jobs/request", () => `/api/v4/jobs/request`],
  ["/api/:version/projects/:id/packages/npm/*package_name", (r) => `/api/v4/projects/${r.int(90000) + 1}/packages/npm/@acme%2fui-kit`],
];

const WEB_ACTIONS = ["-/merge_requests/", "-/issues/", "-/pipelines/", "-/jobs/", "-/blob/main/app/models/user.rb", "-/tree/main", "-/settings/ci_cd", "-/commit/"];

const CONTROLLERS = [
  "Projects::MergeRequestsController#show",
  "Projects::IssuesController#index",
  "Projects::PipelinesController#show",
  "Projects::BlobController#show",
  "Groups::GroupMembersController#index",
  "Projects::Settings::CiCdController#show",
];

const SIDEKIQ_CLASSES = [
  "ProjectExportWorker",
  "PipelineProcessWorker",
  "MergeRequests::RefreshWorker",
  "RepositoryUpdateMirrorWorker",
  "Ci::BuildFinishedWorker",
  "AuditEvents::AuditEventStreamingWorker",
  "Members::ExpiringEmailNotificationWorker",
];

const EXCEPTIONS: [string, string][] = [
  ["ActiveRecord::RecordNotFound", "Couldn't find Project with 'id'=%ID%"],
  ["Gitlab::Git::CommandError", "14:connections to all backends failing; last error: UNKNOWN: ipv4:%PRIV%:8075: Failed to connect to remote host: Connection refused. debug_error_string:{UNKNOWN:Error received from peer  {grpc_status:14}}"],
  ["Redis::TimeoutError", "Connection timed out connecting to redis://%HOST%:6379"],
  ["PG::QueryCanceled", "ERROR:  canceling statement due to statement timeout"],
  ["Net::ReadTimeout", "Net::ReadTimeout with #<TCPSocket:(closed)>"],
  ["JWT::DecodeError", "Signature verification failed for token %TOKEN%"],
];

const BACKTRACE_FRAMES = [
  "app/models/project.rb:%N%:in `find_by_full_path'",
  "app/finders/projects_finder.rb:%N%:in `execute'",
  "lib/api/merge_requests.rb:%N%:in `block (2 levels) in <class:MergeRequests>'",
  "lib/gitlab/gitaly_client.rb:%N%:in `call'",
  "lib/gitlab/database/load_balancing/connection_proxy.rb:%N%:in `public_send'",
  "app/services/ci/create_pipeline_service.rb:%N%:in `execute'",
  "lib/gitlab/metrics/web_transaction.rb:%N%:in `run'",
  "/opt/gitlab/embedded/lib/ruby/gems/3.2.0/gems/grape-2.0.0/lib/grape/endpoint.rb:%N%:in `run'",
  "/opt/gitlab/embedded/lib/ruby/gems/3.2.0/gems/activerecord-7.1.5/lib/active_record/relation.rb:%N%:in `load'",
  "/opt/gitlab/embedded/lib/ruby/gems/3.2.0/gems/rack-2.2.10/lib/rack/builder.rb:%N%:in `call'",
];

const AUDIT_EVENTS: [string, string, string][] = [
  // event_name, entity_type, custom message template
  ["member_added", "Project", "Added %TUSER% as Developer"],
  ["member_access_level_changed", "Group", "Changed access level of %TUSER% from Developer to Maintainer"],
  ["project_visibility_level_updated", "Project", "Changed visibility level from private to internal"],
  ["personal_access_token_created", "User", "Created personal access token with id %ID%"],
  ["protected_branch_updated", "Project", "Changed push access of branch main to Maintainers"],
  ["ci_variable_created", "Project", "Added ci variable DEPLOY_TOKEN"],
  ["user_email_address_updated", "User", "Email changed to %EMAIL%"],
  ["repository_download_operation", "Project", "Repository Download Started"],
];

const WORDS = (
  "the request was retried after the upstream returned an error while the pipeline waited for " +
  "its runner and the merge request diff was recalculated from the source branch because a " +
  "webhook delivery failed with a timeout so the job was rescheduled with backoff and the " +
  "cache was invalidated for every member of the group including naïve retries Zürich São " +
  "Paulo 東京 日本語 façade 🚀 ✓"
).split(" ");

const SENTENCES = [
  "User %USER% (%EMAIL%) triggered a pipeline on %PROJECT% from %IP%.",
  "Mentioned @%USER% in a comment on %PROJECT%!%N%.",
  "Webhook to https://hooks.example.com/services/%HEX% failed: connect ETIMEDOUT %PUBIP%:443.",
  "Fetched %PROJECT% from gitaly-%N%%SUFFIX% in %MS% ms.",
  "Cache miss for key projects/%N%/merge_requests, rebuilding from primary %HOST%.",
  "Token %TOKEN% used to authenticate %USER% for %PROJECT%.",
  "Email notification sent to %EMAIL% about %PROJECT%.",
  "Replica lag on %PRIV% is %MS% ms, routing reads to the primary.",
  "Content-Type application/json; charset=utf-8 accepted over HTTP/1.1 from %PUBIP%.",
  "Upgraded runner to 17.5.0 on host %HOST% (%PRIV%).",
];

class Gen {
  private readonly r: () => number;
  constructor(seed: number) {
    this.r = mulberry32(seed);
  }
  next(): number {
    return this.r();
  }
  int(n: number): number {
    return Math.floor(this.r() * n);
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)];
  }
  chars(alphabet: string, n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.r() * alphabet.length)];
    return s;
  }
  digits20(): string {
    return String(1 + this.int(9)) + this.chars("0123456789", 19);
  }
  publicIp(): string {
    switch (this.int(4)) {
      case 0:
        return `203.0.113.${this.int(254) + 1}`;
      case 1:
        return `198.51.100.${this.int(254) + 1}`;
      case 2:
        return `${this.pick([34, 35, 52, 81, 91, 185])}.${this.int(256)}.${this.int(256)}.${this.int(254) + 1}`;
      default:
        return this.chance(0.5)
          ? `2001:db8:${this.chars(HEX, 4)}::${this.chars(HEX, 3)}`
          : `192.0.2.${this.int(254) + 1}`;
    }
  }
  privateIp(): string {
    switch (this.int(4)) {
      case 0:
        return `10.${this.int(256)}.${this.int(256)}.${this.int(254) + 1}`;
      case 1:
        return `172.${16 + this.int(16)}.${this.int(256)}.${this.int(254) + 1}`;
      case 2:
        return `192.168.${this.int(256)}.${this.int(254) + 1}`;
      default:
        return "127.0.0.1";
    }
  }
}

interface Actor {
  other: boolean;
  project: string;
  group: string;
  user: string;
  email: string;
}

export function* logLines(opts: GeneratorOptions): Generator<string> {
  const r = new Gen(opts.seed);
  const from = opts.from.getTime();
  const to = opts.to.getTime();
  const span = Math.max(1, to - from);
  const outside = opts.outsideWindowShare ?? 0;
  const otherShare = opts.otherProjectShare ?? 0.05;
  const meanStep = span / (opts.spreadLines ?? 1_000_000);
  const hosts = opts.internalHosts.length > 0 ? opts.internalHosts : [".internal"];
  let clock = from;
  let seq = 0;

  const internalHost = () => {
    const suffix = r.pick(hosts);
    const name = `${r.pick(["db", "redis", "gitaly", "sidekiq", "web", "pgbouncer", "consul"])}-${r.int(12) + 1}`;
    return suffix.startsWith(".") ? name + suffix : `${name}.${suffix}`;
  };
  const ip = () => (r.chance(0.85) ? r.publicIp() : r.privateIp());
  const token = () => r.pick(["glpat-", "glpat-", "glpat-", "gldt-", "glrt-", "glptt-", "gloas-"]) + r.chars(TOKEN_CHARS, 20);
  const bearer = () => r.chars(ALNUM, 32) + "." + r.chars(TOKEN_CHARS, 24);
  const correlationId = () => "01J" + r.chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 23);

  const actor = (): Actor => {
    const other = r.chance(otherShare);
    const acc = other ? opts.others : opts.owned;
    const project = r.pick(acc.projects);
    const user = acc.users.length > 0 ? r.pick(acc.users) : "ghost";
    const email = acc.emails.length > 0 ? r.pick(acc.emails) : `${user}@users.noreply.example`;
    return { other, project, group: project.split("/")[0], user, email };
  };

  const time = (): Date => {
    clock += -Math.log(1 - r.next()) * meanStep;
    if (clock >= to) clock = from + ((clock - to) % span);
    if (outside > 0 && r.chance(outside)) {
      const off = 1 + r.int(3 * 24 * 3600 * 1000);
      return new Date(r.chance(0.5) ? from - off : to + off);
    }
    return new Date(Math.floor(clock));
  };

  const fill = (template: string, a: Actor): string =>
    template.replace(/%([A-Z]+)%/g, (_, k: string) => {
      switch (k) {
        case "USER":
          return a.user;
        case "EMAIL":
          return a.email;
        case "PROJECT":
          return a.project;
        case "IP":
          return ip();
        case "PUBIP":
          return r.publicIp();
        case "PRIV":
          return r.privateIp();
        case "HOST":
          return internalHost();
        case "SUFFIX":
          return r.pick(hosts);
        case "TOKEN":
          return token();
        case "HEX":
          return r.chars(HEX, 24);
        case "N":
          return String(r.int(3000) + 1);
        case "MS":
          return (r.next() * 900).toFixed(1);
        case "ID":
          return String(r.int(9_000_000) + 1);
        case "TUSER":
          return a.other ? r.pick(opts.others.users.length ? opts.others.users : ["ghost"]) : r.pick(opts.owned.users.length ? opts.owned.users : ["ghost"]);
        default:
          return k;
      }
    });

  /** A long free-text message, 2-20 KB. */
  const longMessage = (a: Actor): string => {
    const target = 2048 + r.int(18 * 1024);
    const parts: string[] = [];
    let n = 0;
    while (n < target) {
      const piece = r.chance(0.5)
        ? fill(r.pick(SENTENCES), a)
        : Array.from({ length: 6 + r.int(14) }, () => r.pick(WORDS)).join(" ") + ".";
      parts.push(piece);
      n += Buffer.byteLength(piece) + 1;
    }
    if (r.chance(0.02)) {
      parts.push(`-----BEGIN RSA PRIVATE KEY-----\n${r.chars(ALNUM + "+/", 64)}\n${r.chars(ALNUM + "+/", 64)}\n-----END RSA PRIVATE KEY-----`);
    }
    return parts.join(" ");
  };

  const webPath = (a: Actor): string => {
    const action = r.pick(WEB_ACTIONS);
    return `/${a.project}/${action}${action.endsWith("/") ? r.int(900) + 1 : ""}`;
  };

  const backtrace = (): string[] =>
    Array.from({ length: 8 + r.int(13) }, () => r.pick(BACKTRACE_FRAMES).replace("%N%", String(r.int(900) + 1)));

  /** JSON with `user_id` written as a bare 20-digit number. */
  const withUserId = (json: string, userId: string) => json.replace('"@@user_id@@"', userId);

  const appJson = (t: Date, a: Actor): string => {
    const kind = r.int(10); // 0-5 api_json, 6-8 production_json, 9 sidekiq
    const cid = correlationId();
    const remote = ip();
    const o: Record<string, unknown> = { time: t.toISOString(), severity: r.chance(0.9) ? "INFO" : r.pick(["WARN", "ERROR"]) };
    if (kind <= 8) {
      const api = kind <= 5;
      const route = r.pick(API_ROUTES);
      const method = r.chance(0.7) ? "GET" : r.pick(["POST", "PUT", "DELETE", "PATCH"]);
      o.duration_s = +(r.next() * 2).toFixed(5);
      o.db_duration_s = +(r.next() * 0.5).toFixed(5);
      o.view_duration_s = +(r.next() * 0.3).toFixed(5);
      o.status = r.chance(0.9) ? 200 : r.pick([201, 204, 302, 401, 403, 404, 500, 502]);
      o.method = method;
      o.path = api ? route[1](r) : webPath(a);
      const params: { key: string; value: unknown }[] = [];
      if (api && r.chance(0.4)) params.push({ key: "private_token", value: token() });
      params.push({ key: "per_page", value: String(r.pick([20, 50, 100])) });
      if (r.chance(0.3)) params.push({ key: "search", value: r.pick(["fix login", a.user, "deploy", "résumé"]) });
      if (r.chance(0.1)) params.push({ key: "password", value: "[FILTERED]" });
      if (r.chance(0.1)) params.push({ key: "state", value: "opened" });
      o.params = params;
      o.host = "gitlab.example.com";
      o.remote_ip = remote;
      o.ua = r.pick(UAS);
      if (api) o.route = route[0];
      else {
        const [controller, action] = r.pick(CONTROLLERS).split("#");
        o.controller = controller;
        o.action = action;
        o.format = "html";
      }
      o.user_id = "@@user_id@@";
      o.username = a.user;
      o["meta.user"] = a.user;
      o["meta.project"] = a.project;
      o["meta.root_namespace"] = a.group;
      o["meta.caller_id"] = api ? `${method} ${route[0]}` : r.pick(CONTROLLERS);
      o["meta.remote_ip"] = remote;
      o["meta.feature_category"] = r.pick(FEATURE_CATEGORIES);
      o["meta.client_id"] = `user/${r.int(5_000_000) + 1}`;
      o.correlation_id = cid;
      if (r.chance(0.35)) {
        o.headers = {
          Authorization: r.chance(0.5) ? `Bearer ${bearer()}` : `Basic ${r.chars(ALNUM, 28)}=`,
          "X-Forwarded-For": `${remote}, ${r.privateIp()}`,
          "X-Request-Id": cid,
          Cookie: `_gitlab_session=${r.chars(HEX, 32)}; preferred_language=en`,
        };
      }
      o.db = {
        primary: { count: r.int(40), duration_s: +(r.next() * 0.2).toFixed(4), host: internalHost() },
        replica: { count: r.int(60), duration_s: +(r.next() * 0.3).toFixed(4), cached: r.int(20) },
      };
      o.gitaly = { calls: r.int(8), duration_s: +(r.next() * 0.4).toFixed(4), address: `tcp://${internalHost()}:8075` };
      o.redis_calls = r.int(30);
      o.cpu_s = +(r.next() * 0.8).toFixed(4);
      o.mem_objects = r.int(400000);
      o.worker_id = `puma_${r.int(8)}`;
      o.pid = 1000 + r.int(60000);
    } else {
      o.class = r.pick(SIDEKIQ_CLASSES);
      o.args = [String(r.int(90000) + 1), a.project, r.chance(0.3) ? a.email : "{}"];
      o.retry = 3;
      o.queue = "default";
      o.jid = r.chars(HEX, 24);
      o.created_at = t.toISOString();
      o.enqueued_at = t.toISOString();
      o.job_status = r.pick(["start", "done", "done", "fail"]);
      o.duration_s = +(r.next() * 20).toFixed(5);
      o.user_id = "@@user_id@@";
      o["meta.user"] = a.user;
      o["meta.project"] = a.project;
      o["meta.root_namespace"] = a.group;
      o.correlation_id = cid;
      o.db = { primary: { count: r.int(40), host: internalHost() } };
      o.hostname = internalHost();
    }
    if (r.chance(0.05)) {
      const [cls, msg] = r.pick(EXCEPTIONS);
      o["exception.class"] = cls;
      o["exception.message"] = fill(msg, a);
      o["exception.backtrace"] = backtrace();
    }
    if (r.chance(0.02)) o.message = longMessage(a);
    else if (r.chance(0.3)) o.message = fill(r.pick(SENTENCES), a);
    return withUserId(JSON.stringify(o), r.digits20());
  };

  const auditJson = (t: Date, a: Actor): string => {
    const [event, entityType, custom] = r.pick(AUDIT_EVENTS);
    const o: Record<string, unknown> = {
      severity: "INFO",
      time: t.toISOString(),
      correlation_id: correlationId(),
      meta: { caller_id: "Projects::ProjectMembersController#create", feature_category: "audit_events" },
      author_id: "@@user_id@@",
      author_name: a.user,
      entity_id: r.int(90000) + 1,
      entity_type: entityType,
      entity_path: entityType === "Group" ? a.group : a.project,
      target_id: r.int(5_000_000) + 1,
      target_type: entityType === "Project" ? "Project" : "User",
      target_details: entityType === "User" ? a.user : a.project,
      event_name: event,
      custom_message: fill(custom, a),
      ip_address: ip(),
      details: {
        author_name: a.user,
        author_email: a.email,
        target_details: a.project,
        custom_message: fill(custom, a),
        ip_address: ip(),
        entity_path: a.project,
        ...(event === "personal_access_token_created" ? { token: token(), scopes: ["api", "read_repository"] } : {}),
      },
    };
    return withUserId(JSON.stringify(o), r.digits20());
  };

  const textLine = (t: Date, a: Actor): string => {
    const iso = t.toISOString();
    const cid = correlationId();
    const who = `user=${a.user} project_path=${a.project}`;
    switch (r.int(8)) {
      case 0:
        return `${iso} INFO [${cid}] Started ${r.chance(0.8) ? "GET" : "POST"} "${webPath(a)}" for ${ip()} ${who}`;
      case 1:
        return `${iso} INFO [${cid}] Completed ${r.pick([200, 200, 200, 302, 404, 500])} OK in ${r.int(2000)}ms (Views: ${(r.next() * 100).toFixed(1)}ms | ActiveRecord: ${(r.next() * 50).toFixed(1)}ms | Elasticsearch: 0.0ms | Allocations: ${r.int(900000)}) ${who} ip=${ip()} host=${internalHost()}`;
      case 2:
        return `${iso} DEBUG [${cid}] Request headers: Authorization: Bearer ${bearer()} X-Forwarded-For: ${r.publicIp()}, ${r.privateIp()} Host: gitlab.example.com Accept: application/json ${who}`;
      case 3: {
        const q = r.chance(0.5) ? `?private_token=${token()}&per_page=20` : `?per_page=100&page=${r.int(40) + 1}`;
        return `${ip()} - - [${nginxTime(t)}] "GET /api/v4/projects/${encodeURIComponent(a.project)}/jobs${q} HTTP/1.1" ${r.pick([200, 200, 304, 401])} ${r.int(90000)} "https://gitlab.example.com/${a.project}/-/pipelines" "${r.pick(UAS)}" ${(r.next() * 2).toFixed(3)}`;
      }
      case 4:
        return `${iso} pid=${1000 + r.int(60000)} tid=${r.chars("abcdefghijklmnopqrstuvwxyz0123456789", 6)} class=${r.pick(SIDEKIQ_CLASSES)} jid=${r.chars(HEX, 24)} INFO: ${r.pick(["start", "done: " + (r.next() * 20).toFixed(3) + " sec"])} ${who} host=${internalHost()}`;
      case 5:
        return `${iso} INFO gitlab-shell: command=${r.pick(["git-upload-pack", "git-receive-pack", "git-lfs-authenticate"])} ${who} remote_ip=${ip()} gitaly_address=tcp://${internalHost()}:8075 gl_key_id=${r.int(90000)} duration_ms=${r.int(5000)}`;
      case 6:
        return `${iso} LOG duration: ${(r.next() * 5000).toFixed(3)} ms  statement: SELECT "users".* FROM "users" WHERE "users"."email" = '${a.email}' LIMIT 1 /*application:web,correlation_id:${cid},db_config_name:main*/ ${who} client=${r.privateIp()} host=${internalHost()}`;
      default: {
        const words = Array.from({ length: 5 + r.int(20) }, () => r.pick(WORDS)).join(" ");
        return `${iso} ${r.pick(["WARN", "ERROR", "INFO"])} [${cid}] ${words} (${fill(r.pick(SENTENCES), a)}) ${who}${r.chance(0.2) ? ` password=${r.chars(ALNUM, 12)}` : ""}`;
      }
    }
  };

  for (;;) {
    seq++;
    const t = time();
    const a = actor();
    const roll = r.next();
    const line = roll < 0.5 ? appJson(t, a) : roll < 0.7 ? auditJson(t, a) : textLine(t, a);
    // Long messages stop at ~20 KB, so no line comes near this; it guards the promise.
    if (line.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(line) > MAX_LINE_BYTES) {
      throw new Error(`log-generator: line ${seq} is ${Buffer.byteLength(line)} bytes`);
    }
    yield line;
  }
}

/** Groups of lines to plant among the generated ones (bench/leak-corpus.ts's labelled records). */
export interface PlantedLines {
  /** How many groups. */
  count: number;
  /** The lines of group `index`, to be stamped `t` (see plantTime). */
  lines(index: number, t: Date): string[];
}

/**
 * The time of planted group `index` of `count`: spread evenly inside [from, to], never on its
 * ends, so every planted line is inside the window.
 */
export function plantTime(index: number, count: number, from: Date, to: Date): Date {
  const span = to.getTime() - from.getTime();
  return new Date(from.getTime() + Math.floor(((index + 1) / (count + 1)) * span));
}

export interface WriteResult {
  lines: number;
  bytes: number;
  /** With `plant`: each group's index and the 1-based number of its first line in the file. */
  planted?: { index: number; line: number; lines: number }[];
}

/**
 * Writes generated lines (each followed by "\n") to `path` until the file reaches `bytes`: the
 * line that reaches it is the last. Respects the stream's backpressure.
 *
 * With `plant`, its groups go between the generated lines, spread through the file by size
 * (group i once i + 1 of count + 1 parts of `bytes` are written), each stamped plantTime(i)
 * inside [opts.from, opts.to]; groups not placed when the size is reached are written at the
 * end, so every group is in the file.
 */
export async function writeLogFile(path: string, bytes: number, opts: GeneratorOptions): Promise<{ lines: number; bytes: number }>;
export async function writeLogFile(path: string, bytes: number, opts: GeneratorOptions, plant: PlantedLines): Promise<Required<WriteResult>>;
export async function writeLogFile(path: string, bytes: number, opts: GeneratorOptions, plant?: PlantedLines): Promise<WriteResult> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => {});
  let written = 0;
  let lines = 0;
  let batch: string[] = [];
  let batchBytes = 0;
  const planted: { index: number; line: number; lines: number }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const chunk = batch.join("");
    batch = [];
    batchBytes = 0;
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
  };
  const push = (line: string) => {
    const l = line + "\n";
    const n = Buffer.byteLength(l);
    batch.push(l);
    batchBytes += n;
    written += n;
    lines++;
  };
  const groups = plant?.count ?? 0;
  let next = 0;
  const placeDue = (force: boolean) => {
    while (next < groups && (force || written >= ((next + 1) / (groups + 1)) * bytes)) {
      const group = plant!.lines(next, plantTime(next, groups, opts.from, opts.to));
      planted.push({ index: next, line: lines + 1, lines: group.length });
      for (const line of group) push(line);
      next++;
    }
  };
  if (bytes > 0) {
    for (const line of logLines(opts)) {
      placeDue(false);
      push(line);
      if (batchBytes >= 256 * 1024) await flush();
      if (written >= bytes) break;
    }
  }
  placeDue(true);
  await flush();
  out.end();
  await Promise.race([once(out, "finish"), failed]);
  return plant ? { lines, bytes: written, planted } : { lines, bytes: written };
}
