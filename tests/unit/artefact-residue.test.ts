// The residue inventory (lib/artefacts/residue.ts): what is left in a redacted file that looks
// like an identifier, and why it stayed. Realistic redacted lines, one table per category; the
// order, the caps, the hash, the samples, and linear work on hostile 1 MB lines.
import { describe, expect, it } from "vitest";
import { createResidueCollector, isHostShaped, isRandomLooking, naturalCompare } from "@/lib/artefacts/residue";
import {
  canonicalResidue,
  RESIDUE_CATEGORIES,
  residueCounts,
  residueSha256,
  type ResidueCategory,
  type ResidueInventory,
  type ResidueReason,
} from "@/lib/artefacts/residue-inventory";
import type { RedactionScope } from "@/lib/redaction";

const SCOPE: RedactionScope = {
  owned: { groups: ["acme"], projects: ["acme/web", "partners/acme-api"], users: ["alice", "bob"], emails: ["alice@acme.example", "bob@acme.example"] },
  disclosePersonalData: false,
  internalHosts: [".internal", ".corp.example"],
  productHosts: ["gitlab.example.com"],
};

function inventory(lines: string[], scope: RedactionScope = SCOPE, options?: Parameters<typeof createResidueCollector>[1]): ResidueInventory {
  const c = createResidueCollector(scope, options);
  for (const l of lines) c.add(l);
  return c.result();
}

/** `[category, value, reason]` of every item, in display order. */
const items = (inv: ResidueInventory) => inv.categories.flatMap((c) => c.items.map((i) => [c.category, i.value, i.reason] as const));
const find = (inv: ResidueInventory, category: ResidueCategory, value: string) => inv.categories.find((c) => c.category === category)!.items.find((i) => i.value === value);

type Row = [name: string, line: string, expected: [ResidueCategory, string, ResidueReason][], scope?: Partial<RedactionScope>];

const HOSTS: Row[] = [
  ["a product host in a JSON field is known", '{"host":"gitlab.example.com","status":200}', [["host", "gitlab.example.com", "known-host"]]],
  ["an unknown URL host", "Webhook to https://hooks.example.com/services/[REDACTED:secret] failed", [["host", "hooks.example.com", "unknown"]]],
  ["a URL host in a user agent, inside parentheses", '"Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-gitlab/17.5.0"', [["host", "www.terraform.io", "unknown"], ["path", "Terraform/1.9.8", "not-identifier"], ["path", "terraform-provider-gitlab/17.5.0", "not-identifier"]]],
  ["a bare host with a known TLD, and its port", "connect to cache.example.net:6379 refused", [["host", "cache.example.net", "unknown"]]],
  ["a host with several labels and a digit", "upstream web-1.prod.acmecorp timed out", [["host", "web-1.prod.acmecorp", "unknown"]]],
  ["a host the redaction should have taken (internal suffix)", "primary db-3.corp.example lagging", [["host", "db-3.corp.example", "unknown"]]],
  ["the account's own domain (its users' email domain)", "SSO redirect to https://sso.acme.example/login", [["host", "sso.acme.example", "known-host"]]],
  ["a single-label URL host", "redis://cache-7:6379/0 timed out", [["host", "cache-7", "unknown"]]],
  ["a host without a scheme before a path", "cloned from github.com/acme/tools", [["host", "github.com", "unknown"]]],
  ["files, code and versions are not hosts", "loaded README.md and config.yml via os.path.join in go1.22.7, 0.5ms, org.apache.kafka", []],
  ["a URL whose host is an address is the IP's", "GET http://203.0.113.9:8080/health", [["ip", "203.0.113.9", "unknown"]]],
  ["a JSON key with dots is not a host", '{"meta.caller_id.example.com":1}', []],
];

const IPS: Row[] = [
  ["an IPv4 that ends a sentence", "login from 203.0.113.5.", [["ip", "203.0.113.5", "unknown"]]],
  ["kept as approved on the account's user's JSON line", '{"remote_ip":"198.51.100.7","user":"alice"}', [["ip", "198.51.100.7", "personal-data"], ["name", "alice", "owned"]], { disclosePersonalData: true }],
  ["left on another user's line although disclosed", '{"user":"[user-1]","remote_ip":"198.51.100.7"}', [["ip", "198.51.100.7", "unknown"]], { disclosePersonalData: true }],
  ["left on a text line although disclosed", "user=alice login from 198.51.100.7.", [["ip", "198.51.100.7", "unknown"], ["name", "alice", "owned"]], { disclosePersonalData: true }],
  ["an IPv6 address", "client 2001:db8:abcd::12 connected", [["ip", "2001:db8:abcd::12", "unknown"]]],
  ["five numbers are a version, not an address", "gem 1.2.3.4.5 loaded", []],
  ["times and Ruby constants are not IPv6", "at 10:15:00 Gitlab::Git::CommandError", []],
  ["a replaced address is not residue", "from [REDACTED:ip] via [REDACTED:system]", []],
];

const EMAILS: Row[] = [
  ["another account's email", "invited mallory@globex.example to the group", [["email", "mallory@globex.example", "unknown"]]],
  ["an owned email, kept as approved", "sent to alice@acme.example", [["email", "alice@acme.example", "personal-data"]], { disclosePersonalData: true }],
  ["a URL's user information is not an email", "pushed to https://deploy@gitlab.example.com/acme/web.git", [["host", "gitlab.example.com", "known-host"], ["path", "acme/web", "owned"]]],
  ["a git remote is a host and a path, not an email", "fetch git@gitlab.example.com:globex/api.git", [["host", "gitlab.example.com", "known-host"], ["path", "globex/api", "unknown"]]],
  ["a pseudonym is not residue", "mail to [email-1] about [project-2]", []],
];

const PATHS: Row[] = [
  ["another account's path in text", "Fetched globex/api from [REDACTED:system] in 12 ms.", [["path", "globex/api", "unknown"]]],
  ["an owned path, and one under an owned group", "merged acme/web into acme/infra/tools.", [["path", "acme/infra/tools", "owned"], ["path", "acme/web", "owned"]]],
  ["a path continuing an owned project", "see partners/acme-api/issues/12", [["path", "partners/acme-api/issues", "owned"]]],
  ["media types and versions are not identifiers", "Accept: application/json over HTTP/1.1", [["path", "HTTP/1.1", "not-identifier"], ["path", "application/json", "not-identifier"]]],
  ["a number after a name is one item for every number", '{"meta.client_id":"user/4037963"}', [["path", "user/<number>", "not-identifier"]]],
  ["the API position, URL-encoded", '[REDACTED:ip] - - [20/Nov/2026:10:15:00 +0000] "GET /api/v4/projects/initech%2Fpayroll/jobs?per_page=20 HTTP/1.1" 200', [["path", "initech/payroll", "unknown"], ["path", "HTTP/1.1", "not-identifier"]]],
  ["before /-/ in a request path", '{"method":"GET","path":"/globex/api/-/tree/main"}', [["path", "globex/api", "unknown"]]],
  ["after groups/ in a request path", 'Started GET "/groups/globex/-/settings" for [REDACTED:ip]', [["path", "globex", "unknown"]]],
  ["up to .git in a request path", "git-upload-pack /globex/api.git/info/refs", [["path", "globex/api", "unknown"]]],
  ["a product URL's whole namespace", "(see https://gitlab.example.com/initech/payroll).", [["host", "gitlab.example.com", "known-host"], ["path", "initech/payroll", "unknown"]]],
  ["a product URL naming a user", "profile https://gitlab.example.com/mallory", [["host", "gitlab.example.com", "known-host"], ["name", "mallory", "unknown"]]],
  ["another host's /-/ is left alone", "npm GET https://registry.npmjs.org/react/-/react-19.0.0.tgz", [["host", "registry.npmjs.org", "unknown"]]],
  ["a product route in a request path", '{"path":"/api/v4/jobs/request","status":401}', [["path", "/api/v4/jobs", "product-route"]]],
  ["a product user route after a method", 'Started GET "/users/sign_in" for [REDACTED:ip]', [["path", "/users/sign_in", "product-route"]]],
  ["a user after /users/ in a product position", 'Started GET "/users/mallory/activity" for [REDACTED:ip]', [["name", "mallory", "unknown"]]],
  ["a file path is not a request path's namespace", "Errno::ENOENT /var/opt/gitlab/config.rb", []],
  ["a pseudonym continues into its route", '"path":"/[project-1]/-/pipelines"', []],
];

const NAMES: Row[] = [
  ["owned names in identity fields", '{"meta.user":"alice","meta.root_namespace":"acme","author_name":"bob"}', [["name", "acme", "owned"], ["name", "alice", "owned"], ["name", "bob", "owned"]]],
  ["another account's name left in an identity field", '{"author_name":"mallory","event_name":"member_added"}', [["name", "mallory", "unknown"]]],
  ["a path in a path field, URL-encoded", '{"entity_path":"initech%2Fpayroll"}', [["path", "initech/payroll", "unknown"]]],
  ["text in target_details is not a name", '{"target_details":"Personal access token","entity_path":"acme/web"}', [["path", "acme/web", "owned"]]],
  ["key=value identity in text, keys in any case and with -", "user=alice Project-Path=globex/api project_path=[project-1]", [["path", "globex/api", "unknown"], ["name", "alice", "owned"]]],
  ["an owned mention", "thanks @alice.", [["name", "alice", "owned"]]],
  ["a replaced name is not residue", '{"username":"[user-3]","meta.user":"[user-3]"}', []],
];

const RANDOM: Row[] = [
  ["a leaked token", "export TOKEN_HINT ghx7Kq2LmP9sT4vW8yZ1bN3c used", [["random", "ghx7Kq2LmP9sT4vW8yZ1bN3c", "unknown"]]],
  ["a random segment in a URL path", "POST https://hooks.slack.example/T024BE7LD/xoxb8p2Qz7Lk4Jd9Wm3Hc6Rv", [["host", "hooks.slack.example", "unknown"], ["random", "xoxb8p2Qz7Lk4Jd9Wm3Hc6Rv", "unknown"]]],
  ["correlation ids (ULID), UUIDs, hex hashes and numbers are not", '{"correlation_id":"01JKVF7WQ96GNK0FT1J1815SG0","id":"123e4567-e89b-12d3-a456-426614174000","sha":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08","user_id":12345678901234567890}', []],
  ["a long word with one number is not random", "AuditEventStreamingWorker2 done", []],
];

describe.each([
  ["hosts", HOSTS],
  ["IP-shaped tokens", IPS],
  ["email-shaped tokens", EMAILS],
  ["paths", PATHS],
  ["names", NAMES],
  ["random-looking strings", RANDOM],
])("%s", (_title, rows) => {
  it.each(rows)("%s", (_name, line, expected, scope) => {
    const inv = inventory([line], { ...SCOPE, ...scope });
    expect(items(inv)).toEqual(expected);
  });
});

describe("shapes", () => {
  it.each([
    ["gitlab.example.com", true],
    ["www.terraform.io", true],
    ["web-1.prod.acme", true],
    ["README.md", false],
    ["os.path.join", false],
    ["org.apache.kafka", false],
    ["exception.class", false],
    ["1.2.3.4", false],
    ["go1.22.7", false],
  ])("%s is host-shaped: %s", (token, expected) => {
    expect(isHostShaped(token)).toBe(expected);
  });

  it.each([
    ["ghx7Kq2LmP9sT4vW8yZ1bN3c", true],
    ["AKIA2XK7QH5J3Z8NW4PL", true],
    ["01JKVF7WQ96GNK0FT1J1815SG0", false], // ULID
    ["123e4567-e89b-12d3-a456-426614174000", false], // UUID
    ["da39a3ee5e6b4b0d3255bfef95601890afd80709", false], // SHA-1
    ["member_access_level_changed_2024", false], // one switch between letters and digits
    ["short1a2b", false],
  ])("%s is random-looking: %s", (token, expected) => {
    expect(isRandomLooking(token)).toBe(expected);
  });
});

describe("display order", () => {
  it.each([
    ["cache-2.edge.example", "cache-10.edge.example", -1],
    ["a10", "a9", 1],
    ["a01", "a1", 1],
    ["acme/web", "acme/web", 0],
    ["Zeta", "alpha", -1],
    ["v2", "v2.1", -1],
  ])("%s vs %s: %i", (x, y, sign) => {
    expect(Math.sign(naturalCompare(x, y))).toBe(sign);
  });
});

describe("the inventory", () => {
  const LINES = [
    '{"time":"2026-11-20T10:00:00Z","host":"gitlab.example.com","meta.user":"alice","meta.project":"acme/web","remote_ip":"[REDACTED:ip]"}',
    "2026-11-20T10:00:01Z WARN retry against https://hooks.example.com/x from 203.0.113.5.",
    '{"time":"2026-11-20T10:00:02Z","host":"gitlab.example.com","meta.user":"bob","message":"globex/api mirrored by mallory@globex.example"}',
    "2026-11-20T10:00:03Z INFO ghx7Kq2LmP9sT4vW8yZ1bN3c seen",
    '{"time":"2026-11-20T10:00:04Z","host":"gitlab.example.com","meta.user":"alice","meta.project":"acme/web"}',
  ];

  it("lists every category in display order, unknown first, then by count", () => {
    const inv = inventory(LINES);
    expect(inv.categories.map((c) => c.category)).toEqual([...RESIDUE_CATEGORIES]);
    expect(items(inv)).toEqual([
      ["host", "hooks.example.com", "unknown"],
      ["host", "gitlab.example.com", "known-host"],
      ["ip", "203.0.113.5", "unknown"],
      ["email", "mallory@globex.example", "unknown"],
      ["path", "globex/api", "unknown"],
      ["path", "acme/web", "owned"],
      ["name", "alice", "owned"],
      ["name", "bob", "owned"],
      ["random", "ghx7Kq2LmP9sT4vW8yZ1bN3c", "unknown"],
    ]);
    expect(find(inv, "host", "gitlab.example.com")).toMatchObject({ count: 3, note: "a product host" });
    expect(find(inv, "name", "alice")!.count).toBe(2);
    expect(inv.lines).toBe(5);
    expect(residueCounts(inv)).toMatchObject({ host: { distinct: 2, unknown: 1 }, ip: { distinct: 1, unknown: 1 }, path: { distinct: 2, unknown: 1 } });
  });

  it("keeps a sample: the line number and the line around the value, which it points at", () => {
    const inv = inventory(LINES);
    const ip = find(inv, "ip", "203.0.113.5")!;
    expect(ip.sample).toMatchObject({ line: 2, cutBefore: false, cutAfter: false });
    expect(ip.sample.text.slice(ip.sample.at, ip.sample.at + ip.sample.length)).toBe("203.0.113.5");
    expect(ip.search).toBe("203.0.113.5");
    const long = `${"é".repeat(2000)} leaked mallory@globex.example ${"x ".repeat(2000)}`;
    const mail = find(inventory([long]), "email", "mallory@globex.example")!;
    expect(mail.sample.text.length).toBeLessThanOrEqual(310);
    expect(mail.sample).toMatchObject({ line: 1, cutBefore: true, cutAfter: true });
    expect(mail.sample.text.slice(mail.sample.at, mail.sample.at + mail.sample.length)).toBe("mallory@globex.example");
  });

  it("searches for a decoded value as it is written in the file", () => {
    const inv = inventory(['"GET /api/v4/projects/initech%2Fpayroll/jobs HTTP/1.1"', "mirror of initech/payroll"]);
    expect(find(inv, "path", "initech/payroll")).toMatchObject({ count: 2, search: "initech%2Fpayroll" });
  });

  it("numbers lines as they come, from the one given", () => {
    const c = createResidueCollector(SCOPE);
    c.add("nothing here", 41);
    c.add("from 203.0.113.5.");
    expect(c.result().categories[1]!.items[0]!.sample.line).toBe(42);
  });

  it("gives the same inventory from the job's byte buffers as from lines", () => {
    const byLine = inventory(LINES);
    const c = createResidueCollector(SCOPE);
    const bytes = Buffer.from(`${LINES.join("\n")}\n`);
    c.addLines(bytes.subarray(0, Buffer.from(`${LINES.slice(0, 2).join("\n")}\n`).length));
    c.addLines(bytes.subarray(Buffer.from(`${LINES.slice(0, 2).join("\n")}\n`).length));
    expect(c.result()).toEqual(byLine);
  });

  it("bounds what it keeps: past the cap, values are counted, not listed; unknown values have their own cap", () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(`from 198.51.${Math.floor(i / 250)}.${i % 250} and acme/web`);
    const inv = inventory(lines, SCOPE, { unknownPerCategory: 20, explainedPerCategory: 5 });
    const ip = inv.categories[1]!;
    expect(ip.items).toHaveLength(20);
    expect(ip.untracked.unknown).toEqual({ distinct: 2980, occurrences: 2980, capped: false });
    expect(ip).toMatchObject({ distinct: 3000, unknown: 3000, occurrences: 3000 });
    expect(inv.categories[3]!.items).toEqual([expect.objectContaining({ value: "acme/web", count: 3000 })]);
    const many = inventory(Array.from({ length: 6000 }, (_, i) => `from 10.${Math.floor(i / 250) + 1}.${i % 250}.1 ok`), SCOPE, { unknownPerCategory: 10 });
    expect(many.categories[1]!.untracked.unknown).toMatchObject({ distinct: 4096, capped: true, occurrences: 5990 });
  });

  it("hashes its canonical JSON: the same file gives the same hash, any change another one", () => {
    const a = inventory(LINES);
    const b = inventory(LINES);
    expect(residueSha256(a)).toBe(residueSha256(b));
    expect(residueSha256(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalResidue(a)).not.toMatch(/\s"|":\s/);
    expect(canonicalResidue(JSON.parse(JSON.stringify(a)))).toBe(canonicalResidue(a));
    expect(residueSha256(inventory([...LINES, "one more host.example.org"]))).not.toBe(residueSha256(a));
    expect(residueSha256(inventory(LINES, { ...SCOPE, productHosts: [] }))).not.toBe(residueSha256(a));
  });

  it("is empty for a file with nothing left", () => {
    const inv = inventory(['{"time":"2026-11-20T10:00:00Z","user":"[user-1]","ip":"[REDACTED:ip]","msg":"ok"}']);
    expect(inv.categories.every((c) => c.items.length === 0 && c.distinct === 0)).toBe(true);
  });
});

describe("linear work on hostile lines", () => {
  const MB = 1024 * 1024;
  it.each([
    ["slashes", "a/".repeat(MB / 2)],
    ["a request path of a million segments", `/${"x/".repeat(MB / 2)}`],
    ["dots", "a.".repeat(MB / 2)],
    ["colons", "a:".repeat(MB / 2)],
    ["at signs", "a@".repeat(MB / 2)],
    ["schemes", "h://".repeat(MB / 4)],
    ["%2F runs", `GET /api/v4/projects/${"a%2F".repeat(MB / 4)}/jobs`],
    ["one huge token", "a1".repeat(MB / 2)],
    ["digits and dots", "1.".repeat(MB / 2)],
    ["a huge user information", `https://${"u".repeat(MB)}@gitlab.example.com/acme/web`],
    ["a JSON identity value", `{"user":"${"m".repeat(MB)}"}`],
  ])("%s: 1 MB in under 500 ms", (_name, line) => {
    const c = createResidueCollector(SCOPE);
    const t = performance.now();
    c.add(line);
    c.result();
    expect(performance.now() - t).toBeLessThan(500);
  });
});
