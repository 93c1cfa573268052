// A leak corpus with ground truth for the artefact redaction (contracts.md, section 2).
//
// Every identifier planted in a line carries a label:
// - must go: `secret`, `system`, `other-account`, `personal-data` (the kind the contract says it
//   becomes);
// - must stay: `owned` (the requesting account's groups, projects, users and emails where the
//   contract keeps them), `route` (the product's own routes, `/-/` on other hosts), `version`,
//   `correlation-id`, `keep` (anything else the contract keeps: media types, timestamps, event
//   names, the user name of a URL's user information, `@hashed` storage paths...).
// A plant may carry a second label for `disclosePersonalData: true` where the contract differs
// (owned emails, and IPs on a JSON line whose acting user is owned).
//
// Two sets:
// - "named": every position contract section 2 names, in JSON lines and in text lines, each
//   line's position and form recorded so a miss is reported by position;
// - "unnamed": realistic forms copied from the documented log formats of GitLab, Rails, nginx and
//   Sidekiq that carry identifiers in places the contract does not name (yet). Each form cites
//   the page it comes from (`source`). Their labels say what should happen to keep the promise of
//   process step 8 (nothing about other accounts or our own systems); the contract decides
//   whether the redactor must do it, so these are reported, never asserted.
//
// The account is the demo account Acme (lib/demo/data.ts); other accounts are the other demo
// accounts (globex, initech, the look-alike acme-x, umbrella...), each planted identifier made
// unique with a four-character code (`hank-q7xk`, `globex/platform/api-q7xk`) so a check by
// substring is exact: no must-go identifier is a substring of a must-stay one or of a
// replacement text (tests/unit/log-generator.test.ts checks this for every line). Internal hosts
// and the product host come from DEMO_REDACTION_SETTINGS.
//
// Deterministic for a seed; no dependencies. The measurement (runCorpus, tallies, tables) lives
// here too, shared by tests/unit/redaction-leak-corpus.test.ts and `npm run leak-report`.
import { DEMO_ACCOUNTS, DEMO_REDACTION_SETTINGS } from "../lib/demo/data";
import type { RedactionScope, Redactor } from "../lib/redaction/types";
import { mulberry32 } from "./log-generator";

// ---------------------------------------------------------------------------------------------
// Labels

export const MUST_GO_LABELS = ["secret", "system", "other-account", "personal-data"] as const;
export const MUST_STAY_LABELS = ["owned", "route", "version", "correlation-id", "keep"] as const;
export type MustGoLabel = (typeof MUST_GO_LABELS)[number];
export type MustStayLabel = (typeof MUST_STAY_LABELS)[number];
export type LeakLabel = MustGoLabel | MustStayLabel;
export type CorpusSet = "named" | "unnamed";
export type LineFormat = "json" | "text";

const GO: ReadonlySet<string> = new Set(MUST_GO_LABELS);
export const isMustGo = (label: LeakLabel): label is MustGoLabel => GO.has(label);

export interface Plant {
  /** The exact text planted (found in the line by substring). */
  id: string;
  /** What it must be with disclosePersonalData false. */
  label: LeakLabel;
  /** What it must be with disclosePersonalData true, when that differs. */
  disclosed?: LeakLabel;
  /** The contract's position (named set) or the documented form (unnamed set). */
  position: string;
  /** The variant within the position (`PRIVATE-TOKEN`, `sentence end`, ...). */
  form: string;
}

export interface CorpusLine {
  line: string;
  set: CorpusSet;
  format: LineFormat;
  /** Index of the record: a record is one form, one line or a few (a PEM block in text). */
  record: number;
  plants: Plant[];
  /** Group/project paths the line names (lower case, decoded), owned or not: what a scope check compares. */
  resources: string[];
  /** The documentation page the line's form is copied from (unnamed set; some named forms too). */
  source?: string;
}

export interface CorpusRecord {
  set: CorpusSet;
  position: string;
  source?: string;
  lines: CorpusLine[];
}

/** The label a plant must meet for one setting of disclosePersonalData. */
export function labelFor(p: Plant, disclose: boolean): LeakLabel {
  return disclose && p.disclosed !== undefined ? p.disclosed : p.label;
}

/** The texts the contract replaces with; no must-go identifier may be a substring of one. */
export const REPLACEMENT_SAMPLES = [
  "[REDACTED:secret]",
  "[REDACTED:system]",
  "[REDACTED:ip]",
  "[REDACTED:email]",
  "[user-1]",
  "[user-12]",
  "[project-1]",
  "[project-12]",
  "[email-1]",
  "[email-12]",
];

// ---------------------------------------------------------------------------------------------
// Accounts and settings

const acme = DEMO_ACCOUNTS.find((a) => a.slug === "acme")!;
const of = (acc: (typeof DEMO_ACCOUNTS)[number], kind: string) => acc.resources.filter((r) => r.kind === kind).map((r) => r.path);

/** What the demo account Acme owns: the redaction scope's `owned` the corpus is written for. */
export const ACME_OWNED: RedactionScope["owned"] = {
  groups: of(acme, "group"),
  projects: of(acme, "project"),
  users: of(acme, "user"),
  emails: acme.resources.filter((r) => r.kind === "user" && r.email).map((r) => r.email!),
};

/** The case the README's demo flow files: Acme's acme/infra/api, routed to SIRT. */
export const DEMO_CASE_RESOURCES = ["acme/infra/api"];

export interface CorpusOptions {
  seed: number;
  /** Record i is stamped `times(i, count)`; default: `from` + i x 37 s. */
  from: Date;
  to: Date;
  /** Host suffixes of our own systems (RedactionScope.internalHosts). */
  internalHosts: string[];
  /** The product's own host names (RedactionScope.productHosts); the first is used in URLs. */
  productHosts: string[];
  /** Which sets; default both. */
  sets?: CorpusSet[];
}

export const DEMO_CORPUS_OPTIONS: CorpusOptions = {
  seed: 20261118,
  from: new Date("2026-11-18T08:00:00Z"),
  to: new Date("2026-11-20T00:00:00Z"),
  internalHosts: DEMO_REDACTION_SETTINGS.internalHosts,
  productHosts: DEMO_REDACTION_SETTINGS.productHosts,
};

/** The redaction scope a corpus was generated for: Acme owns, with these settings. */
export function corpusScope(opts: Pick<CorpusOptions, "internalHosts" | "productHosts">, disclosePersonalData: boolean): RedactionScope {
  return {
    owned: ACME_OWNED,
    disclosePersonalData,
    internalHosts: [...opts.internalHosts],
    productHosts: [...opts.productHosts],
  };
}

// The other demo accounts: user names, root paths, email domains.
const OTHER_ACCOUNTS = DEMO_ACCOUNTS.filter((a) => a.slug !== "acme");
const OTHER_USER_BASES = OTHER_ACCOUNTS.flatMap((a) => of(a, "user"));
const OTHER_PROJECT_PARENTS = [...new Set(OTHER_ACCOUNTS.flatMap((a) => of(a, "project").map((p) => p.slice(0, p.lastIndexOf("/")))))];
const OTHER_PROJECT_NAMES = [...new Set(OTHER_ACCOUNTS.flatMap((a) => of(a, "project").map((p) => p.slice(p.lastIndexOf("/") + 1))))];
const OTHER_ROOT_GROUPS = OTHER_ACCOUNTS.map((a) => a.slug);
const DOMAIN_OF = new Map(OTHER_ACCOUNTS.map((a) => [a.slug, `${a.slug}.example`]));

/** Display names (GitLab's `author_name` in audit events, `current_user`): fictional, each used once. */
const DISPLAY_NAMES = [
  "Hank Scorpio",
  "Milton Waddams",
  "Bill Lumbergh",
  "Albert Wesker",
  "Pepper Potts",
  "Frank Grimes",
  "Peter Gibbons",
  "Joanna Thorn",
  "Rob Quixote",
  "Samir Nagheenanajar",
  "Michael Bolton",
  "Nina Tessaro",
  "Otto Kessler",
  "Vera Lindqvist",
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");

// ---------------------------------------------------------------------------------------------
// Generation context: unique identifiers from a seeded generator.

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TOKEN_CHARS = ALNUM + "-_";
const HEX = "0123456789abcdef";
const B64 = ALNUM + "+/";
// Codes avoid the hex letters, so no code hides inside a hex id.
const CODE_LETTERS = "kmnpqrstuvwxyz";
const CODE_DIGITS = "23456789";

class Ctx {
  private readonly rnd: () => number;
  private readonly codes = new Set<string>();
  private readonly ips = new Set<string>();
  private names = 0;
  private hostTurn = 0;
  t = new Date(0);
  readonly product: string;
  readonly internal: string[];

  constructor(opts: CorpusOptions) {
    this.rnd = mulberry32(opts.seed);
    this.product = opts.productHosts[0] ?? "gitlab.example.com";
    this.internal = opts.internalHosts.filter((h) => h.trim().length > 0);
    if (this.internal.length === 0) this.internal = [".internal"];
  }

  int(n: number): number {
    return Math.floor(this.rnd() * n);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  chars(alphabet: string, n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** A fresh four-character code: letter, digit, letter, letter (`q7xk`). */
  code(): string {
    for (;;) {
      const c = this.chars(CODE_LETTERS, 1) + this.chars(CODE_DIGITS, 1) + this.chars(CODE_LETTERS, 2);
      if (!this.codes.has(c)) {
        this.codes.add(c);
        return c;
      }
    }
  }

  // Other accounts' identifiers, each unique.
  otherUser(): string {
    return `${this.pick(OTHER_USER_BASES)}-${this.code()}`;
  }
  otherProject(): string {
    return `${this.pick(OTHER_PROJECT_PARENTS)}/${this.pick(OTHER_PROJECT_NAMES)}-${this.code()}`;
  }
  /** A subgroup of another account (`globex/data-q7xk`). */
  otherSubgroup(): string {
    return `${this.pick(["globex", "initech", "umbrella", "soylent"])}/${this.pick(["platform", "data", "research", "infra", "ops"])}-${this.code()}`;
  }
  /** A root group of another account (not unique: there are few). */
  otherGroup(): string {
    return this.pick(OTHER_ROOT_GROUPS);
  }
  otherEmail(): string {
    const acc = this.pick(OTHER_ACCOUNTS);
    const base = this.pick(of(acc, "user")).replace(/[^a-z0-9.]/gi, ".");
    return `${base}-${this.code()}@${DOMAIN_OF.get(acc.slug)}`;
  }
  displayName(): string {
    const n = DISPLAY_NAMES[this.names % DISPLAY_NAMES.length];
    const round = Math.floor(this.names / DISPLAY_NAMES.length);
    this.names++;
    return round === 0 ? n : `${n} ${this.code()}`;
  }

  // Our own systems.
  /** An internal host name under one of the suffixes, in turn (`gitaly-q7xk.corp.example`). */
  host(role: string, suffix?: string): string {
    const s = suffix ?? this.internal[this.hostTurn++ % this.internal.length];
    const name = `${role}-${this.code()}`;
    return s.startsWith(".") ? name + s : `${name}.${s}`;
  }
  private uniqueIp(make: () => string): string {
    for (;;) {
      const ip = make();
      if (!this.ips.has(ip)) {
        this.ips.add(ip);
        return ip;
      }
    }
  }
  /**
   * A public IPv4 address outside the ranges the bulk generator writes (so a planted address is
   * found only where it was planted), last octet of three digits (no planted address is a prefix
   * of another).
   */
  ip(): string {
    return this.uniqueIp(() => `${this.pick([88, 145, 213, 62, 77, 94, 109])}.${this.int(256)}.${this.int(256)}.${100 + this.int(155)}`);
  }
  ip6(): string {
    return this.uniqueIp(() => `2a02:${this.chars("123456789abcdef", 1)}${this.chars(HEX, 3)}:${this.chars("123456789abcdef", 1)}${this.chars(HEX, 3)}::${this.chars("123456789abcdef", 1)}${this.chars(HEX, 2)}`);
  }
  privateIp(kind: 10 | 172 | 192 | 127): string {
    return this.uniqueIp(() => {
      const b = this.int(256);
      const c = this.int(256);
      const d = 100 + this.int(155);
      if (kind === 10) return `10.${b}.${c}.${d}`;
      if (kind === 172) return `172.${16 + this.int(16)}.${c}.${d}`;
      if (kind === 192) return `192.168.${c}.${d}`;
      return `127.0.${1 + this.int(200)}.${d}`;
    });
  }
  ulaIp6(): string {
    return this.uniqueIp(() => `fd${this.chars(HEX, 2)}:${this.chars("123456789abcdef", 1)}${this.chars(HEX, 3)}:${this.chars("123456789abcdef", 1)}${this.chars(HEX, 3)}::${this.chars("123456789abcdef", 1)}${this.chars(HEX, 2)}`);
  }

  // Secrets.
  token(prefix: string): string {
    return prefix + this.chars(TOKEN_CHARS, 20);
  }
  /** A random secret of letters and digits, starting with a letter and holding a digit. */
  secret(n = 18): string {
    return this.chars("ABCDEFGHJKMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz", 1) + this.chars(ALNUM, n - 2) + this.chars("23456789", 1);
  }
  jwt(): string {
    return `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIi${this.chars(ALNUM, 24)}.${this.chars(TOKEN_CHARS, 30)}`;
  }
  b64(n: number): string {
    return this.chars(B64, n);
  }

  // Correlation ids.
  ulid(): string {
    return "01J" + this.chars("0123456789ABCDEFGHJKMNPQRSTVWXYZ", 23);
  }
  uuid(): string {
    return `${this.chars(HEX, 8)}-${this.chars(HEX, 4)}-4${this.chars(HEX, 3)}-${this.pick(["8", "9", "a", "b"])}${this.chars(HEX, 3)}-${this.chars(HEX, 12)}`;
  }
  hex(n: number): string {
    return this.chars(HEX, n);
  }
  digits(n: number): string {
    return String(1 + this.int(9)) + this.chars("0123456789", n - 1);
  }

  // Time, in the forms the logs write it.
  iso(): string {
    return this.t.toISOString();
  }
  nginx(): string {
    const d = this.t;
    return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  }
  rails(): string {
    return this.iso().slice(0, 19).replace("T", " ") + " +0000";
  }
  nginxError(): string {
    return this.iso().slice(0, 19).replace("T", " ").replace(/-/g, "/");
  }
}

// ---------------------------------------------------------------------------------------------
// Line builder: plants and resources of one line.

interface PlantOpts {
  position?: string;
  form?: string;
  disclosed?: LeakLabel;
  /** The group/project path this identifier names (decoded), for the scope check. */
  resource?: string;
}

class L {
  readonly plants: Plant[] = [];
  readonly resources: string[] = [];
  constructor(
    readonly position: string,
    readonly form: string,
  ) {}

  private add(id: string, label: LeakLabel, o?: PlantOpts): string {
    this.plants.push({
      id,
      label,
      ...(o?.disclosed !== undefined ? { disclosed: o.disclosed } : {}),
      position: o?.position ?? this.position,
      form: o?.form ?? this.form,
    });
    if (o?.resource !== undefined) this.res(o.resource);
    return id;
  }
  /** A must-go identifier. */
  go(id: string, label: MustGoLabel, o?: PlantOpts): string {
    return this.add(id, label, o);
  }
  /** A must-stay identifier. */
  stay(id: string, label: MustStayLabel, o?: PlantOpts): string {
    return this.add(id, label, o);
  }
  /** Another account's group or project path: must go, and it names a resource. */
  other(path: string, o?: PlantOpts): string {
    return this.add(path, "other-account", { resource: path, ...o });
  }
  /** An owned group or project path: stays, and it names a resource. */
  owned(path: string, o?: PlantOpts): string {
    return this.add(path, "owned", { resource: path, ...o });
  }
  /** An owned user or other owned identifier that is not a path. */
  ownedName(name: string, o?: PlantOpts): string {
    return this.add(name, "owned", o);
  }
  /** A user name of another account. */
  otherUser(name: string, o?: PlantOpts): string {
    return this.add(name, "other-account", o);
  }
  res(path: string): string {
    const p = path.toLowerCase();
    if (!this.resources.includes(p)) this.resources.push(p);
    return path;
  }
}

interface Out {
  format: LineFormat;
  line: string;
  l: L;
}

const J = (l: L, o: Record<string, unknown>): Out => ({ format: "json", line: JSON.stringify(o), l });
const T = (l: L, text: string): Out => ({ format: "text", line: text, l });

interface FormDef {
  set: CorpusSet;
  position: string;
  source?: string;
  make(c: Ctx): Out[];
}

// ---------------------------------------------------------------------------------------------
// Documentation the forms are copied from.

export const SOURCES = {
  logs: "https://docs.gitlab.com/administration/logs/",
  productionJson: "https://docs.gitlab.com/administration/logs/#production_jsonlog",
  productionLog: "https://docs.gitlab.com/administration/logs/#productionlog",
  apiJson: "https://docs.gitlab.com/administration/logs/#api_jsonlog",
  applicationJson: "https://docs.gitlab.com/administration/logs/#application_jsonlog",
  integrationsJson: "https://docs.gitlab.com/administration/logs/#integrations_jsonlog",
  gitJson: "https://docs.gitlab.com/administration/logs/#git_jsonlog",
  auditJson: "https://docs.gitlab.com/administration/logs/#audit_jsonlog",
  sidekiq: "https://docs.gitlab.com/administration/logs/#sidekiqlog",
  sidekiqClient: "https://docs.gitlab.com/administration/logs/#sidekiq_clientlog",
  gitlabShell: "https://docs.gitlab.com/administration/logs/#gitlab-shelllog",
  authJson: "https://docs.gitlab.com/administration/logs/#auth_jsonlog",
  exceptionsJson: "https://docs.gitlab.com/administration/logs/#exceptions_jsonlog",
  serviceMeasurement: "https://docs.gitlab.com/administration/logs/#service_measurementlog",
  updateMirror: "https://docs.gitlab.com/administration/logs/#update_mirror_service_jsonlog",
  nginxLogs: "https://docs.gitlab.com/administration/logs/#nginx-logs",
  auditSchema: "https://docs.gitlab.com/user/compliance/audit_event_schema/",
  tokenPrefixes: "https://docs.gitlab.com/security/tokens/#token-prefixes",
  usersApi: "https://docs.gitlab.com/api/users/#list-users",
  paramsExample: "https://gitlab.com/gitlab-org/gitlab/-/issues/223027",
  apiJsonIps: "https://gitlab.com/gitlab-org/gitlab-foss/-/issues/58848",
  gitalyLog: "https://gitlab.com/gitlab-org/gitaly/-/merge_requests/2654",
  workhorseLog: "https://gitlab.com/gitlab-org/labkit/-/merge_requests/105",
  shellSshdLog: "https://gitlab.com/gitlab-org/gitlab-shell/-/merge_requests/831",
  registryLogs: "https://gitlab.com/gitlab-com/gl-infra/reliability/-/issues/10933",
  registryJwt: "https://gitlab.com/gitlab-org/gitlab/-/merge_requests/97904",
  registryTokenSpec: "https://distribution.github.io/distribution/spec/auth/token/",
  sidekiqJobFormat: "https://github.com/sidekiq/sidekiq/wiki/Job-Format",
  sidekiqLogsJobs: "https://rubydoc.info/github/gitlabhq/gitlabhq/master/Gitlab/SidekiqLogging/LogsJobs",
  railsStartProcessing: "https://apidock.com/rails/v7.1.3.4/ActionController/LogSubscriber/start_processing",
  nginxLogFormat: "https://nginx.org/en/docs/http/ngx_http_log_module.html#log_format",
  nginxErrorExample: "https://pastebin.com/cYMm1fjb",
} as const;

// ---------------------------------------------------------------------------------------------
// Forms, named set: every position contract section 2 names.

const UA_BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0";

/** A JSON line's common head: time, severity, correlation id (planted as must-stay). */
function head(c: Ctx, l: L, severity = "INFO"): Record<string, unknown> {
  return { time: c.iso(), severity, correlation_id: l.stay(c.ulid(), "correlation-id", { position: "correlation-id", form: "ULID" }) };
}
/** A text line's head: ISO time and a correlation id in brackets. */
function thead(c: Ctx, l: L, level = "INFO"): string {
  return `${c.iso()} ${level} [${l.stay(c.ulid(), "correlation-id", { position: "correlation-id", form: "ULID" })}]`;
}

const NAMED: FormDef[] = [
  // --- secret: whole value of secret-named keys ---------------------------------------------
  {
    set: "named",
    position: "secret-key",
    make(c) {
      const l = new L("secret-key", "names");
      return [
        J(l, {
          ...head(c, l),
          message: "Runner registration",
          password: l.go(c.secret(), "secret", { form: "password" }),
          passwd: l.go(c.secret(), "secret", { form: "passwd" }),
          secret: l.go(c.secret(), "secret", { form: "secret" }),
          token: l.go(c.secret(), "secret", { form: "token" }),
          private_token: l.go(c.secret(), "secret", { form: "private_token" }),
          access_token: l.go(c.secret(), "secret", { form: "access_token" }),
          api_key: l.go(c.secret(), "secret", { form: "api_key" }),
          apikey: l.go(c.secret(), "secret", { form: "apikey" }),
          db_password: l.go(c.secret(), "secret", { form: "*_password" }),
          client_secret: l.go(c.secret(), "secret", { form: "*_secret" }),
          runner_token: l.go(c.secret(), "secret", { form: "*_token" }),
          status: l.stay("registered", "keep", { position: "keep", form: "plain value" }),
        }),
      ];
    },
  },
  {
    set: "named",
    position: "secret-key",
    make(c) {
      const l = new L("secret-key", "headers");
      return [
        J(l, {
          ...head(c, l),
          method: "GET",
          path: l.stay("/api/v4/projects/278964/jobs", "route", { position: "route", form: "api numeric id" }),
          headers: {
            Authorization: `Bearer ${l.go(c.jwt(), "secret", { form: "headers.Authorization" })}`,
            "PRIVATE-TOKEN": l.go(c.secret(), "secret", { form: "PRIVATE-TOKEN" }),
            "X-Gitlab-Token": l.go(c.secret(), "secret", { form: "X-Gitlab-Token (-_token)" }),
            Cookie: `_gitlab_session=${l.go(c.hex(32), "secret", { form: "Cookie" })}; preferred_language=en`,
            "Set-Cookie": `known_sign_in=${l.go(c.secret(24), "secret", { form: "Set-Cookie" })}; path=/; HttpOnly`,
            Accept: l.stay("application/json", "keep", { position: "media-type", form: "application/json" }),
          },
          request: { headers: { Private_Token: l.go(c.secret(), "secret", { form: "nested Private_Token" }) } },
          ACCESS_TOKEN: l.go(c.secret(), "secret", { form: "ACCESS_TOKEN (case)" }),
        }),
      ];
    },
  },
  // --- secret: key=value and key: value in text and strings -----------------------------------
  {
    set: "named",
    position: "secret-kv",
    make(c) {
      const l = new L("secret-kv", "text");
      return [
        T(
          l,
          `${thead(c, l, "WARN")} retry after 401: password=${l.go(c.secret(), "secret", { form: "password=" })} token=${l.go(c.secret(), "secret", { form: "token=" })}&${l.stay("per_page=20", "keep", { position: "keep", form: "after &" })} api_key: ${l.go(c.secret(), "secret", { form: "api_key: (colon)" })} access_token=${l.go(c.secret(), "secret", { form: "access_token= ends at ," })},${l.stay("attempt=2", "keep", { position: "keep", form: "after ," })} db_password=${l.go(c.secret(), "secret", { form: "*_password= ends at ;" })};${l.stay("pool=5", "keep", { position: "keep", form: "after ;" })} client_secret=${l.go(c.secret(), "secret", { form: "*_secret=" })} PRIVATE-TOKEN: ${l.go(c.secret(), "secret", { form: "PRIVATE-TOKEN: (header)" })} apikey=${l.go(c.secret(), "secret", { form: "apikey=" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "secret-kv",
    make(c) {
      const l = new L("secret-kv", "json string");
      return [
        J(l, {
          ...head(c, l, "WARN"),
          message: `git clone failed: fatal: could not read password=${l.go(c.secret(), "secret", { form: "password= in a string" })}; passwd: ${l.go(c.secret(), "secret", { form: "passwd: in a string" })} runner_token=${l.go(c.secret(), "secret", { form: "*_token= in a string" })}`,
        }),
      ];
    },
  },
  // --- secret: token prefixes anywhere --------------------------------------------------------
  {
    set: "named",
    position: "token-prefix",
    make(c) {
      const l = new L("token-prefix", "text");
      return [
        T(
          l,
          `${thead(c, l)} rotated tokens ${["glpat-", "gldt-", "glrt-", "glptt-", "gloas-"].map((p) => l.go(c.token(p), "secret", { form: `${p} in text` })).join(" ")} for ${l.owned("acme/infra/api", { position: "namespace-path", form: "owned path" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "token-prefix",
    make(c) {
      const l = new L("token-prefix", "json string");
      return [
        J(l, {
          ...head(c, l),
          message: `PAT ${l.go(c.token("glpat-"), "secret", { form: "glpat- in a string" })} used from a CI job`,
          description: `deploy token ${l.go(c.token("gldt-"), "secret", { form: "gldt- in a string" })} expires soon`,
          runner: { description: `registered with ${l.go(c.token("glrt-"), "secret", { form: "glrt- nested" })}` },
          args: [l.go(c.token("glptt-"), "secret", { form: "glptt- in an array" }), l.go(c.token("gloas-"), "secret", { form: "gloas- in an array" })],
        }),
      ];
    },
  },
  // --- secret: Bearer / Basic credentials --------------------------------------------------
  {
    set: "named",
    position: "bearer-basic",
    make(c) {
      const l = new L("bearer-basic", "text");
      return [
        T(
          l,
          `${thead(c, l, "DEBUG")} upstream sent Bearer ${l.go(c.jwt(), "secret", { form: "Bearer in text" })} then Basic ${l.go(c.chars(ALNUM, 27) + "=", "secret", { form: "Basic in text" })} to ${l.stay("https://registry.npmjs.org/react/-/react-19.0.0.tgz", "route", { position: "route", form: "/-/ on another host" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "bearer-basic",
    make(c) {
      const l = new L("bearer-basic", "json string");
      return [
        J(l, {
          ...head(c, l),
          msg: `proxying with Bearer ${l.go(c.jwt(), "secret", { form: "Bearer in a string" })}`,
          note: `fallback Basic ${l.go(c.chars(ALNUM, 31) + "=", "secret", { form: "Basic in a string" })}`,
        }),
      ];
    },
  },
  // --- secret: PEM private key blocks -----------------------------------------------------
  {
    set: "named",
    position: "pem-block",
    make(c) {
      const out: Out[] = [];
      const kinds = ["RSA PRIVATE KEY", "OPENSSH PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY"];
      const kind = kinds[c.int(kinds.length)];
      const begin = new L("pem-block", "text BEGIN line");
      out.push(T(begin, `${c.iso()} ERROR could not load deploy key from /etc/gitlab/ssh/id_deploy: -----BEGIN ${kind}-----`));
      for (let i = 0; i < 3; i++) {
        const body = new L("pem-block", "text body line");
        out.push(T(body, body.go(c.b64(64), "secret")));
      }
      out.push(T(new L("pem-block", "text END line"), `-----END ${kind}-----`));
      const after = new L("pem-block", "text line after END");
      out.push(T(after, `${thead(c, after)} key load aborted for ${after.owned("acme/infra/k8s/cluster-config", { position: "pem-block", form: "line after END stays" })}`));
      return out;
    },
  },
  {
    set: "named",
    position: "pem-block",
    make(c) {
      const l = new L("pem-block", "json string");
      const b1 = l.go(c.b64(64), "secret", { form: "in a JSON string" });
      const b2 = l.go(c.b64(44) + "==", "secret", { form: "in a JSON string" });
      return [J(l, { ...head(c, l, "ERROR"), "exception.class": "OpenSSL::PKey::PKeyError", key: "deploy", value: `-----BEGIN RSA PRIVATE KEY-----\n${b1}\n${b2}\n-----END RSA PRIVATE KEY-----\n` })];
    },
  },
  // --- secret: URL user information password ----------------------------------------------
  {
    set: "named",
    position: "url-password",
    make(c) {
      const l = new L("url-password", "text");
      return [
        T(
          l,
          `${thead(c, l, "WARN")} mirror push to https://${l.stay("ci-deployer", "keep", { position: "url-password", form: "user name stays" })}:${l.go(c.secret(), "secret", { form: "other host" })}@nexus.example.net/repository/npm-group/ failed; remote https://oauth2:${l.go(c.secret(), "secret", { form: "product host" })}@${c.product}/${l.owned("acme/web/checkout", { position: "product-url", form: "owned" })}.git`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "url-password",
    make(c) {
      const l = new L("url-password", "json string");
      return [
        J(l, {
          ...head(c, l),
          import_url: `https://${l.stay("svc-mirror", "keep", { position: "url-password", form: "user name stays" })}:${l.go(c.secret(), "secret", { form: "in a JSON value" })}@git.example.org/mirrors/tools.git`,
        }),
      ];
    },
  },
  // --- secret: secret query parameters ----------------------------------------------------
  {
    set: "named",
    position: "url-secret-param",
    make(c) {
      const l = new L("url-secret-param", "text");
      const cred = `AKIA${c.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}%2F20261118%2Fus-east-1%2Fs3%2Faws4_request`;
      return [
        T(
          l,
          `${thead(c, l)} redirect to https://gitlab-artifacts.s3.amazonaws.com/${c.hex(2)}/${c.hex(2)}/${c.hex(64)}/artifacts.zip?${l.stay("X-Amz-Algorithm=AWS4-HMAC-SHA256", "keep", { position: "keep", form: "plain query param" })}&X-Amz-Credential=${l.go(cred, "secret", { form: "X-Amz-Credential" })}&X-Amz-Date=20261118T101500Z&${l.stay("X-Amz-Expires=300", "keep", { position: "keep", form: "plain query param" })}&X-Amz-Security-Token=${l.go(c.secret(40), "secret", { form: "X-Amz-Security-Token" })}&X-Amz-SignedHeaders=host&X-Amz-Signature=${l.go(c.hex(64), "secret", { form: "X-Amz-Signature" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "url-secret-param",
    make(c) {
      const l = new L("url-secret-param", "json string");
      const gcred = `svc-uploads%40proj-${c.code()}.iam.gserviceaccount.com%2F20261118%2Fauto%2Fstorage%2Fgoog4_request`;
      return [
        J(l, {
          ...head(c, l),
          upload_url: `https://storage.googleapis.com/gitlab-uploads/${c.hex(32)}/report.pdf?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=${l.go(gcred, "secret", { form: "X-Goog-Credential" })}&X-Goog-Date=20261118T101500Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=${l.go(c.hex(64), "secret", { form: "X-Goog-Signature" })}`,
          blob_url: `https://acmestore.blob.core.windows.net/lfs/${c.hex(16)}?sv=2022-11-02&se=2026-11-19T00%3A00%3A00Z&sr=b&sp=r&sig=${l.go(c.secret(30), "secret", { form: "sig" })}`,
          hook_url: `https://ci.example.org/hooks/deploy?signature=${l.go(c.hex(40), "secret", { form: "signature" })}&${l.stay("ref=main", "keep", { position: "keep", form: "plain query param" })}`,
          feed_url: `https://${c.product}/dashboard/projects.atom?feed_token=${l.go(c.token("glft-"), "secret", { form: "*_token param" })}`,
          api_url: `https://${c.product}/api/v4/projects/278964/jobs?private_token=${l.go(c.secret(), "secret", { form: "private_token" })}&${l.stay("per_page=100", "keep", { position: "keep", form: "plain query param" })}`,
          lower: `https://gitlab-lfs.s3.amazonaws.com/${c.hex(8)}?x-amz-signature=${l.go(c.hex(64), "secret", { form: "x-amz-signature (case)" })}`,
          other: `https://api.example.com/v1/items?api_key=${l.go(c.secret(), "secret", { form: "api_key" })}&access_token=${l.go(c.secret(), "secret", { form: "access_token" })}&token=${l.go(c.secret(), "secret", { form: "token" })}`,
        }),
      ];
    },
  },
  // --- secret: chat webhooks -------------------------------------------------------------
  {
    set: "named",
    position: "chat-webhook",
    make(c) {
      const l = new L("chat-webhook", "text");
      const seg = () => l.go(`T${c.chars("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 10)}`, "secret", { form: "hooks.*/services/ segment" });
      return [
        T(l, `${thead(c, l, "ERROR")} Slack notification failed: POST https://hooks.slack.com/services/${seg()}/${seg()}/${l.go(c.chars(ALNUM, 24), "secret", { form: "hooks.*/services/ segment" })} returned 404`),
      ];
    },
  },
  {
    set: "named",
    position: "chat-webhook",
    make(c) {
      const l = new L("chat-webhook", "json string");
      const id = l.stay(c.digits(18), "keep", { position: "chat-webhook", form: "/webhooks/<digits> id stays" });
      return [
        J(l, {
          ...head(c, l, "ERROR"),
          service_class: "Integrations::Slack",
          client_url: `https://hooks.slack.com/services/${l.go(`T${c.chars("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 10)}`, "secret", { form: "hooks.*/services/ in JSON" })}/${l.go(`B${c.chars("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 10)}`, "secret", { form: "hooks.*/services/ in JSON" })}/${l.go(c.chars(ALNUM, 24), "secret", { form: "hooks.*/services/ in JSON" })}`,
          discord_url: `https://discord.com/api/webhooks/${id}/${l.go(c.chars(TOKEN_CHARS, 68), "secret", { position: "webhook-path", form: "/webhooks/<digits>/<secret> in JSON" })}`,
        }),
      ];
    },
  },
  {
    set: "named",
    position: "webhook-path",
    make(c) {
      const l = new L("webhook-path", "text");
      const id = l.stay(c.digits(18), "keep", { form: "/webhooks/<digits> id stays" });
      return [T(l, `${thead(c, l, "WARN")} Discord webhook https://discord.com/api/webhooks/${id}/${l.go(c.chars(TOKEN_CHARS, 68), "secret", { form: "/webhooks/<digits>/<secret> in text" })} rate limited`)];
    },
  },
  // --- system: internal hosts ------------------------------------------------------------
  {
    set: "named",
    position: "internal-host",
    make(c) {
      const l = new L("internal-host", "text");
      const hosts = c.internal.map((s) => l.go(c.host(c.pick(["db", "redis", "gitaly", "consul", "pgbouncer"]), s), "system", { form: `suffix ${s} in text` }));
      return [T(l, `${thead(c, l, "WARN")} failover: primary ${hosts[0]} unreachable, trying ${hosts.slice(1).join(", ")}; gitaly_address=tcp://${l.go(c.host("gitaly"), "system", { form: "in a URL (tcp://host:port)" })}:8075 redis=redis://${l.go(c.host("redis"), "system", { form: "in a URL (redis://host:port)" })}:6379`)];
    },
  },
  {
    set: "named",
    position: "internal-host",
    make(c) {
      const l = new L("internal-host", "json");
      return [
        J(l, {
          ...head(c, l),
          class: "PipelineProcessWorker",
          hostname: l.go(c.host("sidekiq"), "system", { form: "JSON value" }),
          db: { primary: { host: l.go(c.host("patroni"), "system", { form: "nested JSON value" }) } },
          gitaly: { address: `tcp://${l.go(c.host("gitaly"), "system", { form: "URL in a JSON value" })}:8075` },
          message: `connected to ${l.go(c.host("pgbouncer"), "system", { form: "in a string" })}:6432 (https://${l.go(c.host("web"), "system", { form: "URL host in a string" })}/-/readiness)`,
        }),
      ];
    },
  },
  // --- system: private and loopback addresses ------------------------------------------------
  {
    set: "named",
    position: "private-ip",
    make(c) {
      const l = new L("private-ip", "text");
      return [
        T(
          l,
          `${thead(c, l, "ERROR")} 14:connections to all backends failing; last error: UNKNOWN: ipv4:${l.go(c.privateIp(10), "system", { form: "10/8" })}:8075 replica ${l.go(c.privateIp(172), "system", { form: "172.16/12" })} lb ${l.go(c.privateIp(192), "system", { form: "192.168/16" })} local http://${l.go(c.privateIp(127), "system", { form: "127/8 in a URL" })}:8080${l.stay("/api/v4/internal/allowed", "route", { position: "route", form: "api internal route" })} v6 ${l.go("[::1]", "system", { form: "::1 (bracketed)" })}:9236 ula ${l.go(c.ulaIp6(), "system", { form: "fc00::/7" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "private-ip",
    make(c) {
      const l = new L("private-ip", "json (acting user owned)");
      // The acting user is owned: with disclosePersonalData the public IP stays, private ones never.
      return [
        J(l, {
          ...head(c, l),
          method: "POST",
          path: l.stay("/api/v4/internal/allowed", "route", { position: "route", form: "api internal route" }),
          username: l.ownedName("carol-ops", { position: "identity-user-key", form: "username owned" }),
          remote_ip: l.go(c.ip(), "personal-data", { position: "ipv4", form: "JSON, acting user owned", disclosed: "keep" }),
          "X-Forwarded-For": `${l.go(c.ip(), "personal-data", { position: "ipv4", form: "JSON list, acting user owned", disclosed: "keep" })}, ${l.go(c.privateIp(10), "system", { form: "10/8 in JSON, acting user owned" })}`,
          peer: `${l.go(c.privateIp(172), "system", { form: "172.16/12 in JSON" })}:443`,
          upstream: l.go(c.ulaIp6(), "system", { form: "fc00::/7 in JSON" }),
          local: l.go(c.privateIp(127), "system", { form: "127/8 in JSON" }),
          lb: l.go(c.privateIp(192), "system", { form: "192.168/16 in JSON" }),
        }),
      ];
    },
  },
  {
    set: "named",
    position: "private-ip",
    make(c) {
      const l = new L("private-ip", "json ::1 value");
      // api_json.log as documented writes "remote_ip":"::1"; the id carries its quotes so it is exact.
      l.go('"::1"', "system", { form: "::1 as a JSON value" });
      return [J(l, { ...head(c, l), method: "GET", path: l.stay("/api/v4/projects", "route", { position: "route", form: "api list" }), remote_ip: "::1", ua: "Ruby" })];
    },
  },
  // --- system: backtraces -------------------------------------------------------------------
  {
    set: "named",
    position: "backtrace-key",
    make(c) {
      const l = new L("backtrace-key", "keys");
      const frame = (form: string) => l.go(`/opt/gitlab/embedded/service/gitlab-rails/app/models/project.rb:${1000 + c.int(8999)}:in \`find_by_full_path_${c.code()}'`, "system", { form });
      return [
        J(l, {
          ...head(c, l, "ERROR"),
          "exception.class": l.stay("ActiveRecord::RecordNotFound", "keep", { position: "keep", form: "exception class" }),
          "exception.backtrace": [frame("exception.backtrace array"), frame("exception.backtrace array"), frame("exception.backtrace array")],
          backtrace: frame("backtrace string"),
          stack: `Error: connect ECONNREFUSED\n    at ${frame("stack string")}`,
          stacktrace: [frame("stacktrace array"), frame("stacktrace array")],
          exception: { backtrace: [frame("nested backtrace array")] },
          "error.backtrace": frame("*.backtrace string"),
          Stack: frame("Stack (case)"),
        }),
      ];
    },
  },
  // --- other-account: identity keys (user names) ------------------------------------------
  {
    set: "named",
    position: "identity-user-key",
    make(c) {
      const l = new L("identity-user-key", "other");
      return [
        J(l, {
          ...head(c, l),
          user: l.otherUser(c.otherUser(), { form: "user" }),
          username: l.otherUser(c.otherUser(), { form: "username" }),
          user_name: l.otherUser(c.otherUser(), { form: "user_name" }),
          author_name: l.otherUser(c.displayName(), { form: "author_name (display name)" }),
          "meta.user": l.otherUser(c.otherUser(), { form: "meta.user" }),
          meta: { user: l.otherUser(c.otherUser(), { form: "meta { user } nested" }) },
          "User-Name": l.otherUser(c.otherUser(), { form: "User-Name (- and case)" }),
          USERNAME: l.otherUser("acme-x", { form: "USERNAME look-alike acme-x" }),
        }),
      ];
    },
  },
  {
    set: "named",
    position: "identity-user-key",
    make(c) {
      const l = new L("identity-user-key", "owned");
      return [
        J(l, {
          ...head(c, l),
          user: l.ownedName("alice", { form: "user owned" }),
          username: l.ownedName("bob.smith", { form: "username owned" }),
          user_name: l.ownedName("carol-ops", { form: "user_name owned" }),
          "meta.user": l.ownedName("deploy-bot", { form: "meta.user owned" }),
          meta: { user: l.ownedName("BOB.SMITH", { form: "meta { user } owned, other case" }) },
        }),
      ];
    },
  },
  // --- other-account: identity keys (paths) ------------------------------------------------
  {
    set: "named",
    position: "identity-path-key",
    make(c) {
      const l = new L("identity-path-key", "other");
      const p = c.otherProject();
      return [
        J(l, {
          ...head(c, l),
          project: l.other(c.otherProject(), { form: "project" }),
          project_path: l.other(c.otherProject(), { form: "project_path" }),
          "meta.project": l.other(p, { form: "meta.project" }),
          namespace: l.other(c.otherSubgroup(), { form: "namespace" }),
          root_namespace: l.other(c.otherGroup(), { form: "root_namespace (single)" }),
          "meta.root_namespace": l.other("acme-x", { form: "meta.root_namespace look-alike acme-x" }),
          meta: { project: l.other(c.otherProject(), { form: "meta { project } nested" }), root_namespace: l.other(c.otherGroup(), { form: "meta { root_namespace } nested" }) },
          "Project-Path": l.other(c.otherProject(), { form: "Project-Path (- and case)" }),
        }),
      ];
    },
  },
  {
    set: "named",
    position: "identity-path-key",
    source: SOURCES.shellSshdLog,
    make(c) {
      const l = new L("identity-path-key", "owned");
      return [
        J(l, {
          correlation_id: l.stay(c.ulid(), "correlation-id", { position: "correlation-id", form: "ULID" }),
          duration_s: 0.302332792,
          level: "info",
          meta: { project: l.owned("acme/infra/api", { form: "meta { project } owned" }), root_namespace: l.owned("acme", { form: "meta { root_namespace } owned" }) },
          project_path: l.owned("acme/web/storefront", { form: "project_path owned" }),
          namespace: l.owned("acme/infra/k8s", { form: "namespace owned subgroup" }),
          msg: "access: finish",
          time: c.iso().slice(0, 19) + "Z",
          written_bytes: 680002,
        }),
      ];
    },
  },
  // --- other-account: entity_path and target_details, as a path, a name or text -------------------
  {
    set: "named",
    position: "entity-path",
    source: SOURCES.auditSchema,
    make(c) {
      const l = new L("entity-path", "audit");
      const who = l.otherUser(c.displayName(), { position: "identity-user-key", form: "author_name (display name)" });
      return [
        J(l, {
          ...head(c, l),
          author_id: 3,
          author_name: who,
          entity_id: 2,
          entity_type: "Project",
          entity_path: l.other(c.otherProject(), { form: "path" }),
          target_id: 2,
          target_type: "User",
          target_details: l.otherUser(c.otherUser(), { position: "target-details", form: "single name, other user" }),
          event_name: l.stay("member_added", "keep", { position: "keep", form: "event name" }),
          details: {
            entity_path: l.other(c.otherSubgroup(), { form: "nested, path" }),
            target_details: l.other(c.otherProject(), { position: "target-details", form: "nested, path" }),
          },
        }),
      ];
    },
  },
  {
    set: "named",
    position: "entity-path",
    source: SOURCES.auditSchema,
    make(c) {
      const l = new L("entity-path", "audit owned");
      return [
        J(l, {
          ...head(c, l),
          author_name: l.ownedName("alice", { position: "identity-user-key", form: "author_name owned" }),
          entity_type: "Group",
          entity_path: l.owned("acme/infra", { form: "path owned" }),
          target_type: "User",
          target_details: l.ownedName("bob.smith", { position: "target-details", form: "single name, owned user" }),
          event_name: l.stay("member_access_level_changed", "keep", { position: "keep", form: "event name" }),
          details: { entity_path: ` ${l.owned("acme/web/checkout", { form: "blanks around, owned" })} `, target_details: l.owned("acme", { position: "target-details", form: "single name, owned group" }) },
        }),
      ];
    },
  },
  {
    set: "named",
    position: "target-details",
    source: SOURCES.auditSchema,
    make(c) {
      const l = new L("target-details", "forms");
      const other = c.otherProject();
      return [
        J(l, {
          ...head(c, l),
          author_name: l.ownedName("deploy-bot", { position: "identity-user-key", form: "author_name owned" }),
          entity_type: "Project",
          entity_path: l.owned("acme/infra/api", { position: "entity-path", form: "path owned" }),
          target_details: l.stay("Personal access token", "keep", { form: "text stays" }),
          event_name: l.stay("personal_access_token_created", "keep", { position: "keep", form: "event name" }),
          details: {
            target_details: `${l.stay("main branch of", "keep", { form: "text around a path stays" })} ${l.other(other, { form: "text holding an other path" })}`,
          },
          extra: {
            target_details: ` ${l.otherUser("acme-x", { form: "single name look-alike group acme-x" })} `,
            entity_path: l.otherUser("initech", { position: "entity-path", form: "single name, other group" }),
          },
          more: { target_details: l.other(c.otherSubgroup(), { form: "path, other subgroup" }), entity_path: l.ownedName("carol-ops", { position: "entity-path", form: "single name, owned user" }) },
          last: { target_details: `Protected branch of ${l.owned("acme/web/storefront", { form: "text holding an owned path" })}` },
        }),
      ];
    },
  },
  // --- other-account: URL-encoded identity values -----------------------------------------
  {
    set: "named",
    position: "identity-encoded",
    make(c) {
      const l = new L("identity-encoded", "json");
      const enc = (p: string) => p.replace(/\//g, "%2F");
      const p1 = c.otherProject();
      const p2 = c.otherSubgroup();
      const p3 = c.otherProject();
      return [
        J(l, {
          ...head(c, l),
          project: l.go(enc(p1), "other-account", { form: "project %2F", resource: p1 }),
          namespace: l.go(p2.replace(/\//g, "%2f"), "other-account", { form: "namespace %2f", resource: p2 }),
          entity_path: l.go(enc(p3), "other-account", { form: "entity_path %2F", resource: p3 }),
          project_path: l.stay(enc("acme/web/checkout"), "owned", { form: "project_path %2F owned", resource: "acme/web/checkout" }),
        }),
      ];
    },
  },
  // --- other-account: identity key=value in text and strings ----------------------------------
  {
    set: "named",
    position: "identity-kv",
    make(c) {
      const l = new L("identity-kv", "text");
      const enc = c.otherProject();
      return [
        T(
          l,
          `${thead(c, l)} class=RepositoryUpdateMirrorWorker user=${l.otherUser(c.otherUser(), { form: "user=" })} username=${l.otherUser(c.otherUser(), { form: "username=" })} user_name=${l.otherUser(c.otherUser(), { form: "user_name=" })} meta.user=${l.otherUser(c.otherUser(), { form: "meta.user=" })} project=${l.other(c.otherProject(), { form: "project=" })} project_path=${l.other(c.otherProject(), { form: "project_path= ends at ," })},namespace=${l.other(c.otherSubgroup(), { form: "namespace=" })} root_namespace=${l.other(c.otherGroup(), { form: "root_namespace= single" })};meta.project=${l.other(c.otherProject(), { form: "meta.project=" })} meta.root_namespace=${l.other("acme-x", { form: "meta.root_namespace= look-alike" })} entity_path=${l.other(c.otherProject(), { form: "entity_path=" })} target_details=${l.otherUser(c.otherUser(), { form: "target_details= single name" })} author_name=${l.otherUser(c.otherUser(), { form: "author_name=" })} project_path=${l.go(enc.replace(/\//g, "%2F"), "other-account", { form: "project_path= %2F", resource: enc })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "identity-kv",
    make(c) {
      const l = new L("identity-kv", "text owned");
      return [T(l, `${thead(c, l)} class=ProjectExportWorker user=${l.ownedName("alice", { form: "user= owned" })} project_path=${l.owned("acme/infra/api", { form: "project_path= owned" })} root_namespace=${l.owned("acme", { form: "root_namespace= owned" })} target_details=${l.ownedName("bob.smith", { form: "target_details= owned user" })} job_status=done`)];
    },
  },
  {
    set: "named",
    position: "identity-kv",
    source: SOURCES.usersApi,
    make(c) {
      const l = new L("identity-kv", "json string");
      return [
        J(l, {
          ...head(c, l),
          method: "GET",
          path: `${l.stay("/api/v4/users", "route", { position: "route", form: "api users" })}?username=${l.otherUser(c.otherUser(), { form: "username= in a query" })}`,
          message: `lookup user=${l.otherUser(c.otherUser(), { form: "user= in a string" })} project_path=${l.other(c.otherProject(), { form: "project_path= in a string" })} by ${l.ownedName("deploy-bot", { form: "owned name in prose" })}`,
        }),
      ];
    },
  },
  // --- other-account: emails, mentions, prose paths -----------------------------------------
  {
    set: "named",
    position: "email",
    make(c) {
      const l = new L("email", "text");
      return [T(l, `${thead(c, l)} Email notification sent to ${l.go(c.otherEmail(), "other-account", { form: "in text" })}, cc <${l.go(c.otherEmail(), "other-account", { form: "in angle brackets" })}>; reply-to ${l.go(c.otherEmail(), "other-account", { form: "before a full stop" })}.`)];
    },
  },
  {
    set: "named",
    position: "email",
    make(c) {
      const l = new L("email", "json");
      return [J(l, { ...head(c, l), message: `mailto:${l.go(c.otherEmail(), "other-account", { form: "mailto: in a string" })}`, details: { author_email: l.go(c.otherEmail(), "other-account", { form: "nested value" }) } })];
    },
  },
  {
    set: "named",
    position: "owned-email",
    make(c) {
      const l = new L("owned-email", "text");
      return [
        T(
          l,
          `${thead(c, l)} Email notification sent to ${l.go("alice@acme.example", "personal-data", { form: "in text", disclosed: "owned" })} and ${l.go("bob.smith@acme.example", "personal-data", { form: "in text", disclosed: "owned" })} about ${l.owned("acme/web/storefront", { position: "namespace-path", form: "owned path" })}.`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "owned-email",
    make(c) {
      const l = new L("owned-email", "json");
      return [J(l, { ...head(c, l), author_email: l.go("carol.ops@acme.example", "personal-data", { form: "JSON value", disclosed: "owned" }), message: `User carol-ops changed email to ${l.go("deploy.bot@acme.example", "personal-data", { form: "in a string", disclosed: "owned" })}` })];
    },
  },
  {
    set: "named",
    position: "mention",
    make(c) {
      const m1 = c.otherUser();
      const m2 = c.otherUser();
      const l = new L("mention", "text");
      return [
        T(
          l,
          `${thead(c, l)} Note added: thanks ${l.otherUser("@" + m1, { form: "@name" })}, please ask ${l.otherUser("@" + m2, { form: "@name." })}. Looping in ${l.stay("@alice", "owned", { form: "@owned" })} and ${l.stay("@bob.smith", "owned", { form: "@owned." })}. Also ${l.otherUser("@alice.a", { form: "@look-alike of an owned user" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "mention",
    make(c) {
      const l = new L("mention", "json string");
      return [J(l, { ...head(c, l), note: `/assign ${l.otherUser("@" + c.otherUser(), { form: "@name in a string" })} and ${l.stay("@carol-ops", "owned", { form: "@owned in a string" })}.` })];
    },
  },
  {
    set: "named",
    position: "namespace-path",
    make(c) {
      const l = new L("namespace-path", "text");
      return [
        T(
          l,
          `${thead(c, l)} deployed ${l.other(c.otherProject(), { form: "in prose" })} to production; see ${l.owned("acme/web", { form: "owned, before a full stop" })}. Compare '${l.other(c.otherProject(), { form: "quoted" })}' and (${l.other(c.otherProject(), { form: "in parentheses" })}) and see ${l.other(c.otherSubgroup(), { form: "before a full stop" })}. Mirror of ${l.other(`acme-x/robots-${c.code()}`, { form: "look-alike acme-x" })} from ${l.owned("acme/infra/k8s/cluster-config", { form: "owned, deep" })}; Content-Type ${l.stay("application/json", "keep", { position: "media-type", form: "application/json" })} ${l.stay("text/plain", "keep", { position: "media-type", form: "text/plain" })} ${l.stay("multipart/form-data", "keep", { position: "media-type", form: "multipart/form-data" })} ${l.stay("application/vnd.git-lfs+json", "keep", { position: "media-type", form: "vnd type" })} ${l.stay("image/png", "keep", { position: "media-type", form: "image/png" })} ${l.stay("font/woff2", "keep", { position: "media-type", form: "font/woff2" })} over ${l.stay("HTTP/1.1", "version", { position: "version", form: "HTTP/1.1" })} on ${l.stay("17/06/09", "keep", { position: "keep", form: "date with slashes" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "namespace-path",
    make(c) {
      const l = new L("namespace-path", "json string");
      return [
        J(l, {
          ...head(c, l),
          class: "ProjectImportScheduleWorker",
          args: [l.stay(c.digits(6), "keep", { position: "keep", form: "numeric arg" }), l.other(c.otherProject(), { form: "string in an array" })],
          message: `Import of ${l.other(c.otherProject(), { form: "in a string" })} from ${l.owned("acme/infra/api", { form: "owned in a string" })} finished.`,
          extra: { project_full_path: l.other(c.otherProject(), { form: "whole value of a plain key" }) },
        }),
      ];
    },
  },
  // --- other-account: /api/v<n>/projects|groups|namespaces/<id> ---------------------------------
  {
    set: "named",
    position: "api-id",
    make(c) {
      const l = new L("api-id", "text (nginx)");
      const p = c.otherProject();
      return [
        T(
          l,
          `${l.go(c.ip(), "personal-data", { position: "ipv4", form: "nginx remote_addr" })} - - [${l.stay(c.nginx(), "keep", { position: "timestamp", form: "nginx time" })}] "GET /api/v4/projects/${l.go(p.replace(/\//g, "%2F"), "other-account", { form: "projects/<encoded> request path", resource: p })}/jobs?per_page=100 ${l.stay("HTTP/1.1", "version", { position: "version", form: "HTTP/1.1" })}" 200 ${c.int(90000)} "https://${c.product}/api/v4/projects/${l.stay("acme%2Finfra%2Fapi", "owned", { form: "projects/<encoded> owned", resource: "acme/infra/api" })}/pipelines" "${l.stay("curl/8.5.0", "version", { position: "version", form: "curl/8.5.0" })}" 0.041`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "api-id",
    make(c) {
      const l = new L("api-id", "json");
      const p1 = c.otherProject();
      const g1 = c.otherSubgroup();
      const p2 = c.otherProject();
      const p3 = c.otherProject();
      return [
        J(l, {
          ...head(c, l),
          method: "GET",
          path: `/api/v4/groups/${l.go(g1.replace(/\//g, "%2F"), "other-account", { form: "groups/<encoded> path key", resource: g1 })}/members`,
          route: "/api/:version/groups/:id/members",
          referer: `https://ci.example.org/api/v4/projects/${l.go(p1.replace(/\//g, "%2f"), "other-account", { form: "projects/<%2f> on another host", resource: p1 })}/pipelines`,
          message: `GET https://${c.product}/api/v4/namespaces/${l.other("stark", { form: "namespaces/<single> URL" })} then /api/v4/projects/${l.go(p2.replace(/\//g, "%2F"), "other-account", { form: "projects/<encoded> request path in a string", resource: p2 })}/repository/files/README.md/raw and ${l.stay("/api/v4/projects/278964/jobs", "route", { position: "route", form: "api numeric id" })} and /api/v4/groups/${l.owned("acme", { form: "groups/<single> owned" })}/projects`,
          upstream: `http://${c.product}/api/v4/projects/${l.go(p3.replace(/\//g, "%2F"), "other-account", { form: "projects/<encoded> product URL", resource: p3 })}`,
        }),
      ];
    },
  },
  // --- other-account: /-/ and .git in request paths and product paths -------------------------
  {
    set: "named",
    position: "dash-path",
    source: SOURCES.productionLog,
    make(c) {
      const l = new L("dash-path", "text (Rails)");
      const ip = c.ip();
      return [
        T(
          l,
          `${thead(c, l)} Started GET "/${l.other(c.otherProject(), { form: "before /-/ in a request path" })}/-/pipelines/${c.digits(7)}" for ${l.go(ip, "personal-data", { position: "ipv4", form: "Rails for <ip>" })} at ${l.stay(c.rails(), "keep", { position: "timestamp", form: "Rails time" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "dash-path",
    make(c) {
      const l = new L("dash-path", "json string");
      return [
        J(l, {
          ...head(c, l),
          message: `Redirecting to /${l.other(c.otherProject(), { form: "before /-/ in a string" })}/-/merge_requests/7 after /groups/${l.other(c.otherSubgroup(), { form: "groups/<path>/-/" })}/-/settings/ci_cd and /groups/${l.other("initech", { form: "groups/<single>/-/" })}/-/group_members`,
          owned: `/${l.owned("acme/infra/api", { form: "owned before /-/" })}/-/merge_requests/5 /groups/${l.owned("acme/infra", { form: "owned groups/<path>/-/" })}/-/settings`,
          routes: `${l.stay("/uploads/-/system/user/avatar/42/avatar.png", "route", { position: "route", form: "/uploads/-/" })} ${l.stay("/-/profile/personal_access_tokens", "route", { position: "route", form: "/-/ first" })} ${l.stay("https://registry.npmjs.org/react/-/react-19.0.0.tgz", "route", { position: "route", form: "/-/ on another host" })}`,
        }),
      ];
    },
  },
  {
    set: "named",
    position: "git-path",
    source: SOURCES.productionLog,
    make(c) {
      const l = new L("git-path", "text");
      const repo = c.otherProject();
      return [
        T(
          l,
          `${thead(c, l)} Started POST "/${l.other(c.otherProject(), { form: "request path before .git" })}.git/git-upload-pack" for ${l.go(c.ip(), "personal-data", { position: "ipv4", form: "Rails for <ip>" })}; failed to push some refs to '/var/opt/gitlab/git-data/repositories/${l.other(repo, { form: "file path .git" })}.git'; ${l.stay("https://github.com/rails/rails.git", "route", { position: "route", form: ".git on another host" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "git-path",
    source: SOURCES.authJson,
    make(c) {
      const l = new L("git-path", "json");
      return [
        J(l, {
          ...head(c, l, "ERROR"),
          message: "Rack_Attack",
          env: "blocklist",
          remote_ip: l.go(c.ip(), "personal-data", { position: "ipv4", form: "JSON, no acting user" }),
          request_method: "GET",
          path: `/${l.other(c.otherProject(), { form: "path key before .git" })}.git/info/refs?service=git-upload-pack`,
          owned: `/${l.owned("acme/infra/api", { form: "owned before .git" })}.git/info/refs`,
        }),
      ];
    },
  },
  // --- other-account: product URLs and product paths -----------------------------------------
  {
    set: "named",
    position: "product-url",
    make(c) {
      const l = new L("product-url", "text");
      const H = c.product;
      return [
        T(
          l,
          `${thead(c, l)} links: https://${H}/${l.other(c.otherProject(), { form: "whole product path" })} (see https://${H}/${l.other(c.otherProject(), { form: "in parentheses, then ')'" })}). https://${H}/${l.other(c.otherProject(), { form: "continues a project" })}/issues/5 https://${H}/${l.otherUser(c.otherUser(), { form: "single segment = user" })} https://${H}/groups/${l.other(c.otherSubgroup(), { form: "groups/<path>" })} https://GitLab.Example.COM:443/${l.other(c.otherProject(), { form: "host case and port" })} http://${l.go(c.host("web", ".corp.example"), "system", { position: "internal-host", form: "internal host URL" })}:8080/${l.other(c.otherProject(), { form: "path on an internal host" })}/-/jobs https://${H}/${l.other(c.otherProject(), { form: "before .git" })}.git ssh://${l.stay(`git@${H}`, "keep", { position: "scp-remote", form: "user@host is not an email" })}:2222/${l.other(c.otherProject(), { form: "ssh URL with port" })}.git`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "product-url",
    make(c) {
      const l = new L("product-url", "text owned and routes");
      const H = c.product;
      return [
        T(
          l,
          `${thead(c, l)} links: https://${H}/${l.owned("acme/infra/api", { form: "owned" })}/issues/5 https://${H}/${l.ownedName("alice", { form: "owned user" })} https://${H}/${l.owned("acme", { form: "owned group" })} https://${H}/groups/${l.owned("acme/infra", { form: "owned groups/<path>" })} ${l.stay(`https://${H}/help/user/permissions.md`, "route", { position: "route", form: "help" })} ${l.stay(`https://${H}/explore/projects/trending`, "route", { position: "route", form: "explore" })} ${l.stay(`https://${H}/dashboard/merge_requests`, "route", { position: "route", form: "dashboard" })} ${l.stay(`https://${H}/admin/runners`, "route", { position: "route", form: "admin" })} ${l.stay(`https://${H}/.well-known/openid-configuration`, "route", { position: "route", form: ".well-known" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "product-user-route",
    make(c) {
      const l = new L("product-user-route", "text");
      const H = c.product;
      return [
        T(
          l,
          `${thead(c, l)} https://${H}/users/${l.otherUser(c.otherUser(), { form: "users/<name>/activity" })}/activity https://${H}/users/${l.ownedName("bob.smith", { form: "users/<owned>" })}/activity ${l.stay(`https://${H}/users/sign_in`, "route", { form: "users/sign_in" })} ${l.stay(`https://${H}/users/password/new`, "route", { form: "users/password" })} ${l.stay(`https://${H}/users/auth/saml/callback`, "route", { form: "users/auth" })} ${l.stay(`https://${H}/users/almost_there`, "route", { form: "users/almost_there" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "product-url",
    source: SOURCES.workhorseLog,
    make(c) {
      const l = new L("product-url", "json (workhorse referrer)");
      return [
        J(l, {
          content_type: "text/html; charset=utf-8",
          correlation_id: l.stay(c.ulid(), "correlation-id", { position: "correlation-id", form: "ULID" }),
          duration_ms: 221,
          host: c.product,
          level: "info",
          method: "GET",
          msg: "access",
          proto: l.stay("HTTP/1.1", "version", { position: "version", form: "HTTP/1.1 in JSON" }),
          referrer: `https://${c.product}/${l.other(c.otherProject(), { form: "referrer before /-/" })}/-/merge_requests/3`,
          remote_addr: `${l.go(c.ip(), "personal-data", { position: "ipv4", form: "ip:port, no acting user" })}:0`,
          status: 200,
          system: "http",
          time: c.iso().slice(0, 19) + "Z",
          uri: `/${l.owned("acme/web/storefront", { position: "request-path-key", form: "uri owned" })}/-/tree/main`,
          user_agent: l.stay("curl/8.5.0", "version", { position: "version", form: "curl/8.5.0 in JSON" }),
          written_bytes: 43121,
        }),
      ];
    },
  },
  // --- other-account: request-path keys (product request logs) --------------------------------
  {
    set: "named",
    position: "request-path-key",
    source: SOURCES.productionJson,
    make(c) {
      const l = new L("request-path-key", "json");
      return [
        J(l, {
          ...head(c, l),
          method: "GET",
          path: `/${l.other(c.otherProject(), { form: "path" })}`,
          uri: `/${l.otherUser(c.otherUser(), { form: "uri single name" })}`,
          request_uri: `/${l.other(c.otherProject(), { form: "request_uri with query" })}?page=2`,
          request_path: `/users/${l.otherUser(c.otherUser(), { form: "request_path users/<name>" })}/snippets`,
          fullpath: `/${l.other(c.otherProject(), { form: "fullpath continuing a project" })}/activity`,
        }),
      ];
    },
  },
  {
    set: "named",
    position: "request-path-key",
    source: SOURCES.productionJson,
    make(c) {
      const l = new L("request-path-key", "json owned and routes");
      return [
        J(l, {
          ...head(c, l),
          method: "GET",
          path: `/${l.owned("acme/web/storefront", { form: "path owned" })}`,
          uri: l.stay("/users/sign_in", "route", { position: "route", form: "users/sign_in" }),
          request_uri: l.stay("/oauth/token", "route", { position: "route", form: "oauth" }),
          request_path: l.stay("/-/readiness", "route", { position: "route", form: "/-/ first" }),
          fullpath: l.stay("/api/v4/jobs/request", "route", { position: "route", form: "api jobs" }),
          controller: "Projects::TreeController",
          action: "show",
        }),
      ];
    },
  },
  {
    set: "named",
    position: "request-path-key",
    make(c) {
      const l = new L("request-path-key", "text key=value");
      return [T(l, `${thead(c, l)} method=GET path=/${l.other(c.otherProject(), { form: "path=" })} uri=/${l.otherUser(c.otherUser(), { form: "uri= single name" })} request_path=/${l.owned("acme/infra/api", { form: "request_path= owned" })} status=200`)];
    },
  },
  // --- other-account: method and path ----------------------------------------------------
  {
    set: "named",
    position: "method-path",
    source: SOURCES.nginxLogs,
    make(c) {
      const l = new L("method-path", "text (nginx)");
      return [
        T(
          l,
          `${l.go(c.ip(), "personal-data", { position: "ipv4", form: "nginx remote_addr" })} - - [${c.nginx()}] "GET /${l.other(c.otherProject(), { form: "GET /<path> HTTP/1.1" })} HTTP/1.1" 200 ${c.int(90000)} "-" "${UA_BROWSER}"`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "method-path",
    make(c) {
      const l = new L("method-path", "text");
      return [
        T(l, `${thead(c, l)} DELETE /${l.other(c.otherProject(), { form: "DELETE continuing a project" })}/issues/3 HTTP/1.1 then GET /${l.otherUser(c.otherUser(), { form: "GET /<single name>" })} HTTP/1.1 then GET /${l.owned("acme/infra/api", { form: "owned" })} HTTP/1.1 then ${l.stay("HEAD /-/health HTTP/1.1", "route", { position: "route", form: "/-/health" })}`),
      ];
    },
  },
  {
    set: "named",
    position: "method-path",
    make(c) {
      const l = new L("method-path", "json string");
      return [J(l, { ...head(c, l), request: `POST /${l.other(c.otherProject(), { form: "in a JSON string" })} HTTP/2.0`, status: 302 })];
    },
  },
  // --- other-account: scp-style remotes ---------------------------------------------------
  {
    set: "named",
    position: "scp-remote",
    make(c) {
      const l = new L("scp-remote", "text");
      return [
        T(
          l,
          `${thead(c, l, "ERROR")} fatal: could not read from remote ${l.stay(`git@${c.product}`, "keep", { form: "user@host is not an email" })}:${l.other(c.otherProject(), { form: "scp remote" })}.git; origin git@${c.product}:${l.owned("acme/infra/api", { form: "owned" })}.git`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "scp-remote",
    make(c) {
      const l = new L("scp-remote", "json string");
      return [J(l, { ...head(c, l), remote: `${l.stay(`git@${c.product}`, "keep", { form: "user@host is not an email" })}:${l.other(c.otherProject(), { form: "in a JSON value" })}.git` })];
    },
  },
  // --- personal-data: IPv4 and IPv6 ------------------------------------------------------------
  {
    set: "named",
    position: "ipv4",
    make(c) {
      const l = new L("ipv4", "text");
      return [
        T(
          l,
          `${thead(c, l)} login from ${l.go(c.ip(), "personal-data", { form: "in text" })}:443 failed, then from ${l.go(c.ip(), "personal-data", { position: "ipv4-sentence-end", form: "ends a sentence" })}. Version ${l.stay("1.2.3.4.5", "version", { position: "version", form: "1.2.3.4.5 is no address" })} and ${l.stay("17.5.0", "version", { position: "version", form: "17.5.0" })}; ${l.stay("2026-11-18", "keep", { position: "timestamp", form: "date" })}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "ipv4",
    make(c) {
      const l = new L("ipv4", "json acting users");
      // The first present of user, username, user_name, meta.user, author_name is the acting user:
      // here `username` (owned) comes before `meta.user` (other).
      return [
        J(l, {
          ...head(c, l),
          username: l.ownedName("alice", { position: "identity-user-key", form: "username owned" }),
          "meta.user": l.otherUser(c.otherUser(), { position: "identity-user-key", form: "meta.user" }),
          remote_ip: l.go(c.ip(), "personal-data", { form: "JSON, acting user owned (username first)", disclosed: "keep" }),
          "meta.remote_ip": l.go(c.ip6(), "personal-data", { position: "ipv6", form: "JSON, acting user owned", disclosed: "keep" }),
          message: `from ${l.go(c.ip(), "personal-data", { position: "ipv4-sentence-end", form: "JSON, acting user owned", disclosed: "keep" })}.`,
        }),
      ];
    },
  },
  {
    set: "named",
    position: "ipv4",
    make(c) {
      const l = new L("ipv4", "json acting other");
      // `meta.user` (other) comes before `author_name` (owned): the acting user is not owned.
      return [
        J(l, {
          ...head(c, l),
          author_name: l.ownedName("bob.smith", { position: "identity-user-key", form: "author_name owned" }),
          "meta.user": l.otherUser(c.otherUser(), { position: "identity-user-key", form: "meta.user" }),
          remote_ip: l.go(c.ip(), "personal-data", { form: "JSON, acting user other (meta.user before author_name)" }),
          ip_address: l.go(c.ip6(), "personal-data", { position: "ipv6", form: "JSON, acting user other" }),
        }),
      ];
    },
  },
  {
    set: "named",
    position: "ipv4",
    make(c) {
      const l = new L("ipv4", "json acting nested only");
      // A nested `user` is not a top-level key: no acting user.
      return [J(l, { ...head(c, l), meta: { user: l.ownedName("alice", { position: "identity-user-key", form: "meta { user } owned" }) }, remote_ip: l.go(c.ip(), "personal-data", { form: "JSON, no top-level acting user" }) })];
    },
  },
  {
    set: "named",
    position: "ipv6",
    make(c) {
      const l = new L("ipv6", "text");
      return [T(l, `${thead(c, l)} client ${l.go(c.ip6(), "personal-data", { form: "in text" })} connected via [${l.go(c.ip6(), "personal-data", { form: "bracketed with port" })}]:8443`)];
    },
  },
  {
    set: "named",
    position: "ipv6",
    make(c) {
      const l = new L("ipv6", "json acting owned");
      return [J(l, { ...head(c, l), "meta.user": l.ownedName("deploy-bot", { position: "identity-user-key", form: "meta.user owned" }), remote_ip: l.go(c.ip6(), "personal-data", { form: "JSON, acting user owned (meta.user)", disclosed: "keep" }) })];
    },
  },
  // --- must stay: routes, versions, correlation ids, media types, timestamps -------------------
  {
    set: "named",
    position: "route",
    source: SOURCES.nginxLogs,
    make(c) {
      const l = new L("route", "text (nginx)");
      const r = (x: L, p: string, form: string) => x.stay(p, "route", { form });
      const probes = new L("route", "text");
      return [
        T(
          l,
          `${l.go(c.ip(), "personal-data", { position: "ipv4", form: "nginx remote_addr" })} - - [${c.nginx()}] "GET ${r(l, "/uploads/-/system/project/avatar/278964/logo.png", "/uploads/-/")} HTTP/1.1" 200 5123 "https://${c.product}${r(l, "/explore/groups", "explore")}" "${l.stay("git/2.47.0", "version", { position: "version", form: "git/2.47.0" })}"`,
        ),
        T(
          probes,
          `${thead(c, probes)} routes served: ${r(probes, "/assets/webpack/main.4b2c9e1f.chunk.js", "assets")} ${r(probes, "/jwt/auth?service=container_registry", "jwt")} ${r(probes, "/v2/", "v2")} ${r(probes, "/favicon.ico", "favicon")} ${r(probes, "/robots.txt", "robots")} ${r(probes, "/health_check", "health_check")} ${r(probes, "/search?search=deploy", "search")} ${r(probes, "/snippets/42", "snippets")} ${r(probes, "/projects/278964", "projects")} ${r(probes, "/import/github/status", "import")} ${r(probes, "/profile/keys", "profile")} ${r(probes, "/login/oauth", "login")} ${r(probes, "/dashboard/todos", "dashboard")}`,
        ),
      ];
    },
  },
  {
    set: "named",
    position: "version",
    make(c) {
      const l = new L("version", "text");
      const v = (s: string, form: string) => l.stay(s, "version", { form });
      return [T(l, `${thead(c, l)} Booted Rails ${v("7.1.5", "7.1.5")} in ruby ${v("3.2.5p208", "ruby")}; gitlab-runner ${v("17.5.0", "17.5.0")} (${v("go1.22.7", "go1.22.7")}) ${v("Mozilla/5.0", "Mozilla/5.0")} ${v("HTTP/2", "HTTP/2")} ${v("Safari/537.36", "Safari/537.36")} build ${v("1.2.3.4.5", "1.2.3.4.5")}`)];
    },
  },
  {
    set: "named",
    position: "correlation-id",
    source: SOURCES.sidekiq,
    make(c) {
      const l = new L("correlation-id", "json");
      const jid = c.hex(24);
      return [
        J(l, {
          severity: "INFO",
          time: l.stay(c.iso(), "keep", { position: "timestamp", form: "JSON time" }),
          queue: "cronjob:update_all_mirrors",
          args: [],
          class: "UpdateAllMirrorsWorker",
          retry: false,
          jid: l.stay(jid, "correlation-id", { form: "jid (24 hex)" }),
          correlation_id: l.stay(c.hex(32), "correlation-id", { form: "32 hex" }),
          request_id: l.stay(c.uuid(), "correlation-id", { form: "UUID" }),
          "meta.caller_id": "UpdateAllMirrorsWorker",
          message: `UpdateAllMirrorsWorker JID-${jid}: done: 0.139 sec`,
          job_status: "done",
          idempotency_key: l.stay(`resque:gitlab:duplicate:cronjob:update_all_mirrors:${c.hex(64)}`, "correlation-id", { form: "idempotency key" }),
        }),
      ];
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Forms, unnamed set: documented forms carrying identifiers where the contract names nothing.

const UNNAMED: FormDef[] = [
  {
    set: "unnamed",
    position: "sidekiq-args",
    source: `${SOURCES.sidekiq} ; ${SOURCES.sidekiqJobFormat}`,
    make(c) {
      const l = new L("sidekiq-args", "JSON args");
      return [
        J(l, {
          severity: "INFO",
          time: c.iso(),
          queue: "default",
          class: "Members::ExpiringEmailNotificationWorker",
          args: [c.digits(5), l.otherUser(c.otherUser(), { form: "user name in args" }), l.other(c.otherProject(), { form: "project path in args" })],
          retry: 3,
          jid: l.stay(c.hex(24), "correlation-id", { form: "jid" }),
          created_at: c.iso(),
          enqueued_at: c.iso(),
          job_status: "start",
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "sidekiq-args",
    source: SOURCES.sidekiq,
    make(c) {
      const l = new L("sidekiq-args", "text arguments:");
      const jid = c.hex(24);
      return [T(l, `${c.iso()} pid=82525 tid=7p7d class=Groups::TransferWorker jid=${l.stay(jid, "correlation-id", { form: "jid" })} INFO: arguments: [${c.digits(4)}, "${l.otherUser(c.otherUser(), { form: "user name in text arguments" })}", "${l.other(c.otherSubgroup(), { form: "path in text arguments" })}"]`)];
    },
  },
  {
    set: "unnamed",
    position: "sidekiq-args",
    source: `${SOURCES.sidekiqClient} ; ${SOURCES.sidekiqLogsJobs}`,
    make(c) {
      const l = new L("sidekiq-args", "stringified hash in args (sidekiq_client)");
      return [
        J(l, {
          severity: "INFO",
          time: c.iso(),
          class: "Projects::ForkWorker",
          args: [c.digits(6), JSON.stringify({ namespace: l.otherUser(c.otherGroup(), { form: "namespace in a stringified hash" }), user: l.otherUser(c.otherUser(), { form: "user in a stringified hash" }) })],
          retry: 3,
          queue: "default",
          jid: l.stay(c.hex(24), "correlation-id", { form: "jid" }),
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
          job_status: "enqueue",
          message: "Projects::ForkWorker JID-enqueue",
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "params-key-value",
    source: `${SOURCES.productionJson} ; ${SOURCES.paramsExample}`,
    make(c) {
      const l = new L("params-key-value", "namespace_id / project_id");
      const g = c.otherGroup();
      const name = `${c.pick(OTHER_PROJECT_NAMES)}-${c.code()}`;
      return [
        J(l, {
          method: "GET",
          path: `/${l.other(`${g}/${name}`, { form: "path before /-/ (named position)" })}/-/merge_requests`,
          format: "html",
          controller: "Projects::MergeRequestsController",
          action: "index",
          status: 200,
          time: c.iso(),
          params: [
            { key: "namespace_id", value: l.otherUser(g, { form: "namespace_id single name" }) },
            { key: "project_id", value: l.otherUser(name, { form: "project_id single name" }) },
          ],
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "params-key-value",
    source: `${SOURCES.apiJson} ; ${SOURCES.usersApi}`,
    make(c) {
      const l = new L("params-key-value", "search / username / unfiltered secret");
      return [
        J(l, {
          time: c.iso(),
          severity: "INFO",
          status: 200,
          method: "GET",
          path: l.stay("/api/v4/users", "route", { form: "api users" }),
          params: [
            { key: "search", value: l.otherUser(c.otherUser(), { form: "search value" }) },
            { key: "username", value: l.otherUser(c.otherUser(), { form: "username value" }) },
            { key: "private_token", value: l.go(c.secret(), "secret", { form: "secret value not filtered" }) },
          ],
          route: "/api/:version/users",
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "query-string",
    source: SOURCES.usersApi,
    make(c) {
      const l = new L("query-string", "search= and email in a query");
      const email = c.otherEmail();
      return [
        J(l, {
          time: c.iso(),
          severity: "INFO",
          method: "GET",
          path: `/api/v4/users?search=${l.otherUser(c.otherUser(), { form: "search= user name" })}`,
          referer: `https://${c.product}/admin/users?search=${l.go(email.replace("@", "%40"), "other-account", { form: "URL-encoded email (%40)" })}`,
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "rails-started",
    source: SOURCES.productionLog,
    make(c) {
      const l = new L("rails-started", "Started GET \"<path>\" without /-/");
      return [T(l, `${c.iso()} Started GET "/${l.other(c.otherProject(), { form: "quoted request path without /-/ or .git" })}/tree/main" for ${l.go(c.ip(), "personal-data", { form: "for <ip>" })} at ${c.rails()}`)];
    },
  },
  {
    set: "unnamed",
    position: "rails-parameters",
    source: `${SOURCES.productionLog} ; ${SOURCES.railsStartProcessing}`,
    make(c) {
      const l = new L("rails-parameters", "Parameters: {...}");
      const name = `${c.pick(OTHER_PROJECT_NAMES)}-${c.code()}`;
      return [
        T(l, `${c.iso()}   Parameters: {"namespace_id"=>"${l.otherUser(c.otherGroup(), { form: "namespace_id=> single name" })}", "project_id"=>"${l.otherUser(name, { form: "project_id=> single name" })}", "id"=>"main", "user"=>{"login"=>"${l.otherUser(c.otherUser(), { form: "login=> user name" })}", "password"=>"[FILTERED]"}}`),
      ];
    },
  },
  {
    set: "unnamed",
    position: "nginx-remote-user",
    source: `${SOURCES.nginxLogs} ; ${SOURCES.nginxLogFormat}`,
    make(c) {
      const l = new L("nginx-remote-user", "$remote_user");
      return [T(l, `${l.go(c.ip(), "personal-data", { form: "remote_addr" })} - ${l.otherUser(c.otherUser(), { form: "basic-auth user name" })} [${c.nginx()}] "GET /api/v4/version HTTP/1.1" 200 56 "-" "python-requests/2.32.3"`)];
    },
  },
  {
    set: "unnamed",
    position: "nginx-referer",
    source: `${SOURCES.nginxLogs} ; ${SOURCES.nginxLogFormat}`,
    make(c) {
      const l = new L("nginx-referer", "Referer on another host");
      return [T(l, `${l.go(c.ip(), "personal-data", { form: "remote_addr" })} - - [${c.nginx()}] "GET /${l.owned("acme/infra/api", { form: "owned request" })} HTTP/1.1" 200 9211 "https://github.com/${l.other(c.otherProject(), { form: "path of a Referer on another host" })}/pull/12" "${UA_BROWSER}"`)];
    },
  },
  {
    set: "unnamed",
    position: "registry-path",
    source: `${SOURCES.nginxLogs} ; ${SOURCES.registryLogs}`,
    make(c) {
      const l = new L("registry-path", "/v2/<path>/manifests");
      return [T(l, `${l.go(c.ip(), "personal-data", { form: "remote_addr" })} - - [${c.nginx()}] "GET /v2/${l.other(c.otherProject(), { form: "/v2/ registry repository path" })}/manifests/latest HTTP/1.1" 200 2623 "" "docker/27.3.1 go/go1.22.7"`)];
    },
  },
  {
    set: "unnamed",
    position: "registry-scope",
    source: `${SOURCES.registryJwt} ; ${SOURCES.registryTokenSpec}`,
    make(c) {
      const l = new L("registry-scope", "jwt/auth scope=repository:<path>:pull");
      return [
        J(l, {
          method: "GET",
          path: l.stay("/jwt/auth", "route", { form: "jwt" }),
          params: [
            { key: "service", value: "container_registry" },
            { key: "scope", value: `repository:${l.other(c.otherProject(), { form: "repository:<path>:pull" })}:pull,push` },
          ],
          status: 200,
          time: c.iso(),
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "nginx-error",
    source: `${SOURCES.nginxLogs} ; ${SOURCES.nginxErrorExample}`,
    make(c) {
      const l = new L("nginx-error", "omnibus upstream unix socket");
      const p = c.otherProject();
      return [
        T(
          l,
          `${c.nginxError()} [error] 1234#0: *5678 connect() to unix:/var/opt/gitlab/gitlab-workhorse/sockets/socket failed (111: Connection refused) while connecting to upstream, client: ${l.go(c.ip(), "personal-data", { form: "client:" })}, server: ${c.product}, request: "GET /${l.other(p, { form: "request: (named: method path)" })}/-/jobs HTTP/1.1", upstream: "http://unix:/var/opt/gitlab/gitlab-workhorse/sockets/socket:/${l.other(c.otherProject(), { form: "upstream: unix socket URL path" })}/-/jobs", host: "${c.product}"`,
        ),
      ];
    },
  },
  {
    set: "unnamed",
    position: "nginx-error",
    source: `${SOURCES.nginxLogs} ; ${SOURCES.nginxErrorExample}`,
    make(c) {
      const l = new L("nginx-error", "bare upstream and server host names");
      return [
        T(
          l,
          `${c.nginxError()} [error] 31#31: *9001 upstream timed out (110: Connection timed out) while reading response header from upstream, client: ${l.go(c.ip(), "personal-data", { form: "client:" })}, server: ${l.go(`gitlab-web-${c.code()}`, "system", { form: "server: bare host name" })}, request: "GET /${l.owned("acme/infra/api", { form: "owned request" })}/-/jobs HTTP/1.1", upstream: "http://${l.go(`gitlab-webservice-${c.code()}.gitlab.svc`, "system", { form: "upstream: cluster service host" })}:8181/${l.owned("acme/infra/api", { form: "owned request" })}/-/jobs", host: "${c.product}", referrer: "https://${c.product}/${l.owned("acme/infra/api", { form: "owned request" })}"`,
        ),
      ];
    },
  },
  {
    set: "unnamed",
    position: "audit-display-name",
    source: `${SOURCES.auditJson} ; ${SOURCES.auditSchema}`,
    make(c) {
      const l = new L("audit-display-name", "target_details / custom_message display names");
      const target = c.displayName();
      return [
        J(l, {
          severity: "INFO",
          time: c.iso(),
          author_id: 3,
          author_name: l.ownedName("alice", { form: "author_name owned" }),
          entity_type: "Project",
          entity_path: l.owned("acme/infra/api", { form: "entity_path owned" }),
          target_type: "User",
          target_details: l.otherUser(target, { form: "target_details display name (text)" }),
          custom_message: `Changed access level of ${l.otherUser(c.displayName(), { form: "display name in custom_message" })} from Developer to Maintainer`,
          details: { custom_message: `Added ${l.otherUser(c.otherUser(), { form: "user name in custom_message" })} as Developer` },
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "application-message",
    source: SOURCES.applicationJson,
    make(c) {
      const l = new L("application-message", "quoted names in messages");
      return [
        J(l, {
          severity: "INFO",
          time: c.iso(),
          correlation_id: l.stay(c.hex(32), "correlation-id", { form: "32 hex" }),
          message: `User "${l.otherUser(c.displayName(), { form: "quoted display name" })}" (${l.go(c.otherEmail(), "other-account", { form: "email (named)" })}) was created; Project "${l.otherUser(`${c.pick(OTHER_PROJECT_NAMES)}-${c.code()}`, { form: "quoted project name" })}" was removed`,
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "service-measurement",
    source: SOURCES.serviceMeasurement,
    make(c) {
      const l = new L("service-measurement", "current_user");
      return [
        J(l, {
          severity: "INFO",
          time: c.iso(),
          correlation_id: l.stay(c.uuid(), "correlation-id", { form: "UUID" }),
          class: "Projects::ImportExport::ExportService",
          current_user: l.otherUser(c.displayName(), { form: "current_user display name" }),
          project_full_path: l.other(c.otherProject(), { form: "project_full_path (path rule)" }),
          file_path: "/path/to/archive",
          number_of_sql_calls: 70,
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "exception-sql",
    source: `${SOURCES.exceptionsJson} ; ${SOURCES.sidekiqLogsJobs}`,
    make(c) {
      const l = new L("exception-sql", "SQL literal");
      return [
        J(l, {
          severity: "ERROR",
          time: c.iso(),
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
          "exception.class": "ActiveRecord::StatementInvalid",
          "exception.message": "PG::QueryCanceled: ERROR:  canceling statement due to statement timeout",
          "exception.sql": `SELECT "users".* FROM "users" WHERE "users"."username" = '${l.otherUser(c.otherUser(), { form: "user name in a SQL literal" })}' LIMIT 1`,
          "extra.project_id": 55,
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "token-prefix-other",
    source: SOURCES.tokenPrefixes,
    make(c) {
      const l = new L("token-prefix-other", "prefixes the contract does not list");
      const t = (p: string) => l.go(c.token(p), "secret", { form: p });
      return [T(l, `${c.iso()} WARN token seen in job log: ${t("glcbt-")} ${t("glrtr-")} ${t("glft-")} ${t("glimt-")} ${t("glagent-")} ${t("glwt-")} ${t("glsoat-")} ${t("glffct-")} curl --cookie "_gitlab_session=${l.go(c.hex(32), "secret", { form: "_gitlab_session= outside a cookie key" })}"`)];
    },
  },
  {
    set: "unnamed",
    position: "url-userinfo-token",
    source: `${SOURCES.updateMirror} ; ${SOURCES.tokenPrefixes}`,
    make(c) {
      const l = new L("url-userinfo-token", "token as the URL user name");
      return [
        J(l, {
          severity: "ERROR",
          time: c.iso(),
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
          user_id: "x",
          project_id: "x",
          import_url: `https://${l.go(`ghp_${c.chars(ALNUM, 36)}`, "secret", { form: "token as user name" })}@github.com/${l.other(c.otherProject(), { form: "path on another host" })}.git`,
          error_message: "The LFS objects download list couldn't be imported. Error: Unauthorized",
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "ide-route",
    source: SOURCES.productionJson,
    make(c) {
      const l = new L("ide-route", "path after a product route");
      return [
        J(l, {
          method: "GET",
          path: `/-/ide/project/${l.other(c.otherProject(), { form: "/-/ide/project/<path>" })}/edit/main/-/`,
          time: c.iso(),
          controller: "IdeController",
          action: "index",
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
          referer: `https://${c.product}/admin/users/${l.otherUser(c.otherUser(), { form: "/admin/users/<name>" })}/impersonate`,
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "request-path-prose",
    source: SOURCES.gitJson,
    make(c) {
      const l = new L("request-path-prose", "request path without /-/ in prose");
      return [J(l, { severity: "ERROR", time: c.iso(), correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }), message: `redirected to /${l.other(c.otherProject(), { form: "request path in a message" })} and /users/${l.otherUser(c.otherUser(), { form: "/users/<name> outside a product path" })}/activity` })];
    },
  },
  // Forms the contract already covers, kept here to show they hold.
  {
    set: "unnamed",
    position: "ip-lists",
    source: `${SOURCES.apiJsonIps} ; ${SOURCES.productionJson}`,
    make(c) {
      const l = new L("ip-lists", "remote_ip arrays, X-Forwarded-For, meta.client_id");
      return [
        J(l, {
          time: c.iso(),
          severity: "INFO",
          method: "GET",
          path: l.stay("/api/v4/projects", "route", { form: "api" }),
          remote_ip: [l.go(c.ip(), "personal-data", { form: "remote_ip array" }), l.go(c.privateIp(10), "system", { form: "remote_ip array, private" })],
          "X-Forwarded-For": `${l.go(c.ip(), "personal-data", { form: "X-Forwarded-For list" })}, ${l.go(c.ip(), "personal-data", { form: "X-Forwarded-For list" })}, ${l.go(c.privateIp(172), "system", { form: "X-Forwarded-For, private" })}`,
          "meta.client_id": `ip/${l.go(c.ip(), "personal-data", { form: "meta.client_id ip/<ip>" })}`,
          correlation_id: l.stay(c.ulid(), "correlation-id", { form: "ULID" }),
        }),
      ];
    },
  },
  {
    set: "unnamed",
    position: "gitaly-shell",
    source: `${SOURCES.gitalyLog} ; ${SOURCES.gitlabShell}`,
    make(c) {
      const l = new L("gitaly-shell", "glProjectPath, gl_project_path, repoPath");
      return [
        J(l, {
          correlation_id: l.stay(c.uuid(), "correlation-id", { form: "UUID" }),
          "grpc.code": "OK",
          "grpc.meta.client_name": "gitlab-web",
          "grpc.method": "UserCreateTag",
          "grpc.request.glProjectPath": l.other(c.otherProject(), { form: "grpc.request.glProjectPath" }),
          "grpc.request.glRepository": l.stay(`project-${c.digits(3)}`, "keep", { form: "glRepository" }),
          "grpc.request.repoPath": `@hashed/${c.hex(2)}/${c.hex(2)}/${c.hex(64)}.git`,
          gl_project_path: l.other(c.otherProject(), { form: "gl_project_path" }),
          "peer.address": `${l.go(c.privateIp(10), "system", { form: "peer.address" })}:43210`,
          level: "info",
          msg: "finished unary call with code OK",
          time: c.iso(),
        }),
      ];
    },
  },
];

const FORMS: FormDef[] = [...NAMED, ...UNNAMED];

// ---------------------------------------------------------------------------------------------
// The corpus

/** The positions contract section 2 names, and the line formats each is planted in. */
export const NAMED_POSITIONS: Record<string, LineFormat[]> = {
  "secret-key": ["json"],
  "secret-kv": ["json", "text"],
  "token-prefix": ["json", "text"],
  "bearer-basic": ["json", "text"],
  "pem-block": ["json", "text"],
  "url-password": ["json", "text"],
  "url-secret-param": ["json", "text"],
  "chat-webhook": ["json", "text"],
  "webhook-path": ["json", "text"],
  "internal-host": ["json", "text"],
  "private-ip": ["json", "text"],
  "backtrace-key": ["json"],
  "identity-user-key": ["json"],
  "identity-path-key": ["json"],
  "entity-path": ["json"],
  "target-details": ["json"],
  "identity-encoded": ["json"],
  "identity-kv": ["json", "text"],
  email: ["json", "text"],
  "owned-email": ["json", "text"],
  mention: ["json", "text"],
  "namespace-path": ["json", "text"],
  "api-id": ["json", "text"],
  "dash-path": ["json", "text"],
  "git-path": ["json", "text"],
  "product-url": ["json", "text"],
  "product-user-route": ["text"],
  "request-path-key": ["json", "text"],
  "method-path": ["json", "text"],
  "scp-remote": ["json", "text"],
  ipv4: ["json", "text"],
  "ipv4-sentence-end": ["json", "text"],
  ipv6: ["json", "text"],
  route: ["json", "text"],
  version: ["json", "text"],
  "correlation-id": ["json", "text"],
  "media-type": ["json", "text"],
  timestamp: ["json", "text"],
  keep: ["json", "text"],
};

/**
 * The corpus as records (a record is one form: one line, or a few for a PEM block in text),
 * stamped record by record with `times(i, count)` (default: `from` + i x 37 s).
 */
export function leakRecords(opts: CorpusOptions = DEMO_CORPUS_OPTIONS, times?: (index: number, count: number) => Date): CorpusRecord[] {
  const sets = opts.sets ?? ["named", "unnamed"];
  const forms = FORMS.filter((f) => sets.includes(f.set));
  const c = new Ctx(opts);
  const stamp = times ?? ((i: number) => new Date(opts.from.getTime() + i * 37_000));
  const records: CorpusRecord[] = [];
  forms.forEach((f, i) => {
    c.t = stamp(i, forms.length);
    const outs = f.make(c);
    records.push({
      set: f.set,
      position: f.position,
      ...(f.source ? { source: f.source } : {}),
      lines: outs.map((o) => ({
        line: o.line,
        set: f.set,
        format: o.format,
        record: i,
        plants: o.l.plants,
        resources: o.l.resources,
        ...(f.source ? { source: f.source } : {}),
      })),
    });
  });
  return records;
}

/** The corpus as lines, in order. */
export function leakCorpus(opts: CorpusOptions = DEMO_CORPUS_OPTIONS): CorpusLine[] {
  return leakRecords(opts).flatMap((r) => r.lines);
}

// ---------------------------------------------------------------------------------------------
// Measurement

/** Occurrences of `needle` in `hay`, overlapping ones included. */
export function occurrences(hay: string, needle: string): number {
  if (needle.length === 0) return 0;
  let n = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + 1)) n++;
  return n;
}

/**
 * How many times a must-stay identifier must still be in the output: its occurrences in the
 * line, less those lying inside an occurrence of one of the line's must-go identifiers (which go
 * with them).
 */
export function requiredCount(line: string, id: string, plants: readonly Plant[], disclose: boolean): number {
  const spans: [number, number][] = [];
  for (const g of new Set(plants.filter((p) => p.id !== id && isMustGo(labelFor(p, disclose))).map((p) => p.id))) {
    for (let i = line.indexOf(g); i !== -1; i = line.indexOf(g, i + 1)) spans.push([i, i + g.length]);
  }
  let n = 0;
  for (let i = line.indexOf(id); i !== -1; i = line.indexOf(id, i + 1)) {
    if (!spans.some(([a, b]) => a <= i && i + id.length <= b)) n++;
  }
  return n;
}

export interface PlantOutcome {
  plant: Plant;
  set: CorpusSet;
  format: LineFormat;
  expected: LeakLabel;
  mustGo: boolean;
  ok: boolean;
  /** Index of the line in the corpus. */
  line: number;
  before: string;
  after: string;
  source?: string;
}

export interface CorpusRun {
  disclose: boolean;
  outcomes: PlantOutcome[];
  output: string[];
}

/** Runs one redactor over the corpus, line by line in order, and judges every plant. */
export function runCorpus(lines: readonly CorpusLine[], redactor: Redactor, disclose: boolean): CorpusRun {
  const outcomes: PlantOutcome[] = [];
  const output: string[] = [];
  lines.forEach((cl, i) => {
    const after = redactor.redactLine(cl.line);
    output.push(after);
    for (const p of cl.plants) {
      const expected = labelFor(p, disclose);
      const mustGo = isMustGo(expected);
      const ok = mustGo ? !after.includes(p.id) : occurrences(after, p.id) >= requiredCount(cl.line, p.id, cl.plants, disclose);
      outcomes.push({ plant: p, set: cl.set, format: cl.format, expected, mustGo, ok, line: i, before: cl.line, after, ...(cl.source ? { source: cl.source } : {}) });
    }
  });
  return { disclose, outcomes, output };
}

export interface TallyRow {
  key: string;
  mustGo: number;
  gone: number;
  mustStay: number;
  stayed: number;
  /** Fraction of must-go plants gone; null when there are none. */
  recall: number | null;
  /** Fraction of must-stay plants kept; null when there are none. */
  preservation: number | null;
}

export function tally(outcomes: readonly PlantOutcome[], keyOf: (o: PlantOutcome) => string): TallyRow[] {
  const rows = new Map<string, TallyRow>();
  for (const o of outcomes) {
    const key = keyOf(o);
    let r = rows.get(key);
    if (!r) {
      r = { key, mustGo: 0, gone: 0, mustStay: 0, stayed: 0, recall: null, preservation: null };
      rows.set(key, r);
    }
    if (o.mustGo) {
      r.mustGo++;
      if (o.ok) r.gone++;
    } else {
      r.mustStay++;
      if (o.ok) r.stayed++;
    }
  }
  for (const r of rows.values()) {
    r.recall = r.mustGo > 0 ? r.gone / r.mustGo : null;
    r.preservation = r.mustStay > 0 ? r.stayed / r.mustStay : null;
  }
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export const byLabel = (o: PlantOutcome) => o.expected;
export const byPosition = (o: PlantOutcome) => `${o.plant.position} (${o.format})`;
export const byForm = (o: PlantOutcome) => `${o.plant.position} (${o.format}): ${o.plant.form} [${o.expected}]`;

const pct = (x: number | null) => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);

/** A small fixed-width table: key, recall (gone/must go), preservation (kept/must stay). */
export function formatTable(title: string, rows: readonly TallyRow[]): string {
  const total = rows.reduce((t, r) => ({ mustGo: t.mustGo + r.mustGo, gone: t.gone + r.gone, mustStay: t.mustStay + r.mustStay, stayed: t.stayed + r.stayed }), { mustGo: 0, gone: 0, mustStay: 0, stayed: 0 });
  const all: TallyRow[] = [...rows, { key: "TOTAL", ...total, recall: total.mustGo ? total.gone / total.mustGo : null, preservation: total.mustStay ? total.stayed / total.mustStay : null }];
  const w = Math.max(8, ...all.map((r) => r.key.length));
  const cell = (x: number | null, a: number, b: number) => (b === 0 ? "-" : `${pct(x)} (${a}/${b})`).padStart(18);
  const lines = [title, `${"".padEnd(w)}  ${"recall".padStart(18)}  ${"preservation".padStart(18)}`];
  for (const r of all) lines.push(`${r.key.padEnd(w)}  ${cell(r.recall, r.gone, r.mustGo)}  ${cell(r.preservation, r.stayed, r.mustStay)}`);
  return lines.join("\n");
}

/**
 * Cuts a line for a message: `max` characters around the first occurrence of `id`, or, when it
 * is not there, around `fallback` (a fraction of the line's length).
 */
export function excerpt(line: string, id: string, max = 240, fallback = 0): string {
  if (line.length <= max) return line;
  const found = line.indexOf(id);
  const at = found >= 0 ? found : Math.floor(fallback * line.length);
  const from = Math.max(0, Math.min(at - Math.floor(max / 3), line.length - max));
  return `${from > 0 ? "…" : ""}${line.slice(from, from + max)}${from + max < line.length ? "…" : ""}`;
}

/** Failures grouped by position/format/form/label, up to `examples` each, as readable text. */
export function describeFailures(outcomes: readonly PlantOutcome[], examples = 3): string {
  const groups = new Map<string, PlantOutcome[]>();
  for (const o of outcomes) {
    if (o.ok) continue;
    const k = byForm(o);
    const g = groups.get(k) ?? [];
    g.push(o);
    groups.set(k, g);
  }
  const out: string[] = [];
  for (const [k, g] of [...groups].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    out.push(`- ${k}: ${g.length} ${g[0].mustGo ? "leaked" : "lost"}${g[0].source ? `  (form from ${g[0].source})` : ""}`);
    for (const o of g.slice(0, examples)) {
      out.push(`    id:     ${o.plant.id.length > 120 ? o.plant.id.slice(0, 120) + "…" : o.plant.id}`);
      const where = Math.max(0, o.before.indexOf(o.plant.id)) / Math.max(1, o.before.length);
      out.push(`    before: ${excerpt(o.before, o.plant.id)}`);
      out.push(`    after:  ${excerpt(o.after, o.plant.id, 240, where)}`);
    }
  }
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------
// Ground truth for a file: the labels `npm run sample-extract -- --labels` writes

/** Whether `path` is within the case scope as the scope check reads it: the resource, below it, or a group above it. */
export function withinCaseScope(path: string, caseResources: readonly string[]): boolean {
  const p = path.toLowerCase();
  return caseResources.some((r) => {
    const c = r.toLowerCase();
    return p === c || p.startsWith(`${c}/`) || c.startsWith(`${p}/`);
  });
}

export interface LabelledLineInfo {
  /** 1-based line number in the file. */
  line: number;
  set: CorpusSet;
  format: LineFormat;
  position: string;
  /** Group/project paths the line names (lower case, decoded), owned or not. */
  resources: string[];
  /** Some resource is outside the case scope: the scope check drops the line when the uploader asks it to. */
  outsideCaseScope: boolean;
  /** The line names other accounts and nothing the account owns. */
  onlyOtherAccounts: boolean;
  source?: string;
}

export interface LabelledId {
  id: string;
  label: LeakLabel;
  labelWhenDisclosed: LeakLabel;
  position: string;
  form: string;
  set: CorpusSet;
  /** 1-based line number in the file. */
  line: number;
}

export interface Expectations {
  /** Not one of these may be anywhere in the released file. */
  mustGo: string[];
  /** Each of these must be in the released file when lines outside the case scope are kept. */
  mustStay: string[];
  /** Each of these must be in the released file when lines outside the case scope are dropped (the others were only on such lines). */
  mustStayWhenOutsideScopeDropped: string[];
}

export interface LabelsFile {
  format: "logdesk-leak-labels/1";
  file: string;
  seed: number;
  scope: { account: string; owned: RedactionScope["owned"]; internalHosts: string[]; productHosts: string[] };
  case: { resources: string[]; from: string; to: string; team: "sirt" };
  lines: { total: number; planted: number };
  /** Which sets were planted; expectations cover the named set only (the unnamed one is reported, not promised). */
  sets: CorpusSet[];
  plantedLines: LabelledLineInfo[];
  planted: LabelledId[];
  expect: { "disclosePersonalData=false": Expectations; "disclosePersonalData=true": Expectations };
  notes: string[];
  /**
   * Hosts of the company's own systems under a suffix the demo settings do not list (written by
   * `npm run sample-extract`): the residue review shows them as unknown hosts, SIRT proposes the
   * suffix, Admin accepts it, and the artefact redacted again loses them.
   */
  unconfiguredInternal?: { suffix: string; hosts: string[]; lines: number[] };
}

/**
 * The ground truth of a file into which `records` were planted at `placements` (group index ->
 * first line number), for a case on `caseResources` over [from, to].
 */
export function buildLabels(
  records: readonly CorpusRecord[],
  placements: readonly { index: number; line: number }[],
  meta: { file: string; seed: number; totalLines: number; from: Date; to: Date; caseResources?: string[]; opts: Pick<CorpusOptions, "internalHosts" | "productHosts"> },
): LabelsFile {
  const caseResources = meta.caseResources ?? DEMO_CASE_RESOURCES;
  const plantedLines: LabelledLineInfo[] = [];
  const planted: LabelledId[] = [];
  const lineOf = new Map(placements.map((p) => [p.index, p.line]));
  records.forEach((rec, index) => {
    const first = lineOf.get(index);
    if (first === undefined) throw new Error(`record ${index} was not placed`);
    rec.lines.forEach((cl, k) => {
      const line = first + k;
      const labels = cl.plants.map((p) => [labelFor(p, false), labelFor(p, true)]);
      const namesOther = labels.some(([a, b]) => a === "other-account" || b === "other-account");
      const namesOwned = labels.some(([a, b]) => a === "owned" || b === "owned");
      plantedLines.push({
        line,
        set: cl.set,
        format: cl.format,
        position: rec.position,
        resources: cl.resources,
        outsideCaseScope: cl.resources.some((r) => !withinCaseScope(r, caseResources)),
        onlyOtherAccounts: namesOther && !namesOwned,
        ...(cl.source ? { source: cl.source } : {}),
      });
      for (const p of cl.plants) planted.push({ id: p.id, label: p.label, labelWhenDisclosed: labelFor(p, true), position: p.position, form: p.form, set: cl.set, line });
    });
  });
  const droppable = new Set(plantedLines.filter((l) => l.outsideCaseScope).map((l) => l.line));
  const expectFor = (disclose: boolean): Expectations => {
    const go = new Set<string>();
    const stay = new Set<string>();
    const stayKept = new Set<string>();
    for (const p of planted) {
      if (p.set !== "named") continue;
      const label = disclose ? p.labelWhenDisclosed : p.label;
      if (isMustGo(label)) go.add(p.id);
      else {
        stay.add(p.id);
        if (!droppable.has(p.line)) stayKept.add(p.id);
      }
    }
    return { mustGo: [...go].sort(), mustStay: [...stay].sort(), mustStayWhenOutsideScopeDropped: [...stayKept].sort() };
  };
  const sets = [...new Set(records.map((r) => r.set))];
  return {
    format: "logdesk-leak-labels/1",
    file: meta.file,
    seed: meta.seed,
    scope: { account: "acme", owned: ACME_OWNED, internalHosts: [...meta.opts.internalHosts], productHosts: [...meta.opts.productHosts] },
    case: { resources: [...caseResources], from: meta.from.toISOString(), to: meta.to.toISOString(), team: "sirt" },
    lines: { total: meta.totalLines, planted: plantedLines.length },
    sets,
    plantedLines,
    planted,
    expect: { "disclosePersonalData=false": expectFor(false), "disclosePersonalData=true": expectFor(true) },
    notes: [
      "Identifiers are checked by substring: a must-go id found anywhere in the released file is a leak; a must-stay id absent from it is a loss.",
      "Lines whose resources lie outside the case scope (outsideCaseScope) are dropped when the uploader asks for it; must-stay ids only on such lines are then not expected (mustStayWhenOutsideScopeDropped).",
      "Every planted line is stamped inside the window; the generated bulk around them has about 2% of its lines outside it, naming nothing planted.",
      "Unnamed-set lines (forms the contract does not name) are listed with their labels but left out of the expectations.",
    ],
  };
}
