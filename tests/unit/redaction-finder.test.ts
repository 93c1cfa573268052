// createPathFinder (lib/redaction/finder.ts): the group/project paths a line names, in every form
// the redaction recognises, for the case-scope check. Whatever it lists is what the redaction
// would judge as a path (and replace when the account does not own it).
import { describe, expect, it } from "vitest";
import { createPathFinder, createRedactor } from "@/lib/redaction";

const finder = createPathFinder({ productHosts: ["gitlab.example.com"], internalHosts: [".internal"] });

describe("pathsInLine", () => {
  it.each<[string, string, string[]]>([
    ["identity keys at any depth", '{"project":"a/b","meta":{"namespace":"c"},"x":{"root-namespace":"d"}}', ["a/b", "c", "d"]],
    ["array elements under an identity key", '{"namespace":["a","b/c"]}', ["a", "b/c"]],
    ["an identity value with %2F, decoded", '{"project_path":"initech%2Fpayroll"}', ["initech/payroll"]],
    ["entity_path as a path, target_details as text", '{"entity_path":"a/b","target_details":"moved c/d"}', ["a/b", "c/d"]],
    ["a single name is not listed", '{"target_details":"mallory","user":"eve"}', []],
    ["key=value in text", "user=eve project_path=a/b namespace=c", ["a/b", "c"]],
    ["prose paths", "moved a/b to c/d.", ["a/b", "c/d"]],
    ["API ids, decoded, in order, once", "GET /api/v4/projects/x%2Fy then /api/v4/projects/x%2Fy/jobs and /api/v4/groups/z", ["x/y", "z"]],
    ["before /-/ and up to .git", "/a/b/-/jobs /c/d.git/info/refs", ["a/b", "c/d"]],
    ["product paths", "https://gitlab.example.com/a/b/issues https://gitlab.example.com/groups/c", ["a/b/issues", "c"]],
    ["an scp remote", "git@gitlab.example.com:a/b.git", ["a/b"]],
    ["a request key on a product host", "path=/a/b uri=\"/c/d\"", ["a/b", "c/d"]],
    ["secrets and backtraces name nothing", '{"token":"a/b","backtrace":["c/d"],"stack":"e/f"}', []],
    ["routes, media types, versions", "/uploads/-/x application/json HTTP/1.1 https://gitlab.example.com/help/a/b", []],
    ["a JSON line that does not parse is text", '{"project":"a/b"', ["a/b"]],
    // Dropping a line needs a path that can be a namespace (the redaction still replaces these).
    ["a prose path under a reserved top-level route", "Cache miss for key projects/481/merge_requests, rebuilding", []],
    ["a user agent's platform pair", '{"ua":"gitlab-runner 17.5.0 (17-5-stable; go1.22.7; linux/amd64)"}', []],
    ["platform words that are no pair still count", "linux/globex and darwin/arm64/x and globex/amd64", ["linux/globex", "darwin/arm64/x", "globex/amd64"]],
    ["a reserved word deeper in a prose path still counts", "moved globex/projects/api", ["globex/projects/api"]],
    ["an identity key's value is judged whatever its words", '{"meta.project":"linux/amd64"}', ["linux/amd64"]],
  ])("%s", (_name, line, paths) => {
    expect(finder.pathsInLine(line)).toEqual(paths);
  });

  it("lists every path the redaction replaces (nothing owned)", () => {
    const lines = [
      '{"path":"/api/v4/projects/initech%2Fpayroll/jobs","meta.project":"globex/api","target_details":"main branch of acme/web"}',
      '203.0.113.5 - - [20/Nov/2026:10:15:00 +0000] "GET /initech/payroll/-/pipelines HTTP/1.1" 200 1 "https://gitlab.example.com/globex/web" "-"',
      "git@gitlab.example.com:stark/jarvis.git project_path=wayne/tower moved oscorp/web",
    ];
    const redactor = createRedactor({
      owned: { groups: [], projects: [], users: [], emails: [] },
      disclosePersonalData: true,
      internalHosts: [".internal"],
      productHosts: ["gitlab.example.com"],
    });
    for (const line of lines) {
      const found = finder.pathsInLine(line);
      const redacted = redactor.redactLine(line);
      expect(found.length).toBeGreaterThan(0);
      for (const p of found) expect(redacted).not.toContain(p);
    }
  });
});

describe("the form a summary names each path by", () => {
  it.each<[string, string, string[], string[]]>([
    ["a product path continuing past two segments", "https://gitlab.example.com/a/b/issues/5", ["a/b/issues/5"], ["a/b"]],
    ["after groups/", "https://gitlab.example.com/groups/c/d/e", ["c/d/e"], ["c/d"]],
    ["a request path after a method on product hosts", 'Started GET "/a/b/tree/main"', ["a/b/tree/main"], ["a/b"]],
    ["the namespace the redaction knows (before /-/) is the path itself", "https://gitlab.example.com/a/b/c/-/jobs", ["a/b/c"], ["a/b/c"]],
    ["other forms are named whole", '{"project":"a/b/c","msg":"GET /api/v4/projects/d%2Fe%2Ff moved g/h/i"}', ["a/b/c", "d/e/f", "g/h/i"], ["a/b/c", "d/e/f", "g/h/i"]],
    ["once each, in the same order", "https://gitlab.example.com/a/b/x https://gitlab.example.com/a/b/y moved a/b", ["a/b/x", "a/b/y", "a/b"], ["a/b", "a/b", "a/b"]],
  ])("%s", (_name, line, paths, reported) => {
    const out: string[] = [];
    expect(finder.pathsInLine(line, out)).toEqual(paths);
    expect(out).toEqual(reported);
  });
});

describe("pathsInString", () => {
  it("judges a value under its key's rule", () => {
    expect(finder.pathsInString("acme", "namespace")).toEqual(["acme"]);
    expect(finder.pathsInString("acme", "message")).toEqual([]);
    expect(finder.pathsInString("/a/b", "Request-URI")).toEqual(["a/b"]);
    expect(finder.pathsInString("/a/b", null)).toEqual([]);
    expect(finder.pathsInString("see a/b")).toEqual(["a/b"]);
  });

  it("without product hosts only the forms that need none", () => {
    const plain = createPathFinder();
    expect(plain.pathsInString("/a/b", "path")).toEqual([]);
    expect(plain.pathsInLine("https://gitlab.example.com/a/b")).toEqual([]);
    expect(plain.pathsInLine("/api/v4/projects/a%2Fb /c/d/-/e")).toEqual(["a/b", "c/d"]);
  });
});

describe("the scope check's veto on prose paths is the finder's alone", () => {
  it("the redaction still replaces both forms (contract section 2)", () => {
    const redactor = createRedactor({ owned: { groups: [], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: [] });
    expect(redactor.redactLine("key projects/481/merge_requests on linux/amd64")).toBe("key [project-1] on [project-2]");
  });
});

describe("secrets name nothing, as the redaction replaces them whole", () => {
  const pem = "-----BEGIN RSA PRIVATE KEY-----\neCycVKKOTCUJ/VG/DgYatL7BSux6y9SX1XHjFyNpu7F70tJWTH9D4+Tciux3S1f/\nLeaioQRwqznNqy/DzfdYclZBCGB7==\n-----END RSA PRIVATE KEY-----\n";
  it.each<[string, string, string[]]>([
    ["a PEM block inside a JSON value", JSON.stringify({ time: "2026-11-27T08:31:50Z", key: "deploy", value: pem, project: "globex/api" }), ["globex/api"]],
    ["a token after Bearer with slashes", "Authorization: Bearer abc/def/ghi for globex/api", ["globex/api"]],
    ["a GitLab token", "used glpat-ab/cd then moved globex/api", ["globex/api"]],
  ])("%s", (_name, line, paths) => {
    expect(createPathFinder().pathsInLine(line)).toEqual(paths);
  });

  it("every line of a private key block in a text file names nothing, and the lines after it are read again", () => {
    const f = createPathFinder();
    const lines = ["2026-11-27T08:31:50Z key follows", "-----BEGIN OPENSSH PRIVATE KEY-----", "b3BlbnNzaC1rZXk/YWJj/ZGVm", "QUJD/REVG", "-----END OPENSSH PRIVATE KEY-----", "then moved globex/api"];
    expect(lines.map((l) => f.pathsInLine(l))).toEqual([[], [], [], [], [], ["globex/api"]]);
    // The redaction agrees: the block's lines are secrets, the line after it is read as text.
    const r = createRedactor({ owned: { groups: [], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: [] });
    expect(lines.map((l) => r.redactLine(l)).slice(1)).toEqual(["[REDACTED:secret]", "[REDACTED:secret]", "[REDACTED:secret]", "[REDACTED:secret]", "then moved [project-1]"]);
  });
});

// The scope check drops whole lines, so a prose path counts there only when its root segment is a
// namespace Logdesk knows (the roots of the account registry's group and project paths); the
// positional forms count whatever their root. Without known roots, every prose path counts.
describe("known roots", () => {
  const KNOWN = new Set(["acme", "globex", "initech", "acme2", "linux"]);
  const known = createPathFinder({ productHosts: ["gitlab.example.com"], internalHosts: [".internal"], knownRoots: KNOWN });

  it.each<[string, string, string[]]>([
    ["a git ref", '{"project":"acme/web","ref":"refs/heads/main","user":"alice"}', ["acme/web"]],
    ["a branch name in prose", '{"project":"acme/web","message":"Pipeline for feature/login succeeded"}', ["acme/web"]],
    ["a time zone", '{"project":"acme/web","tz":"Europe/Berlin"}', ["acme/web"]],
    ["a file path in prose", '{"project":"acme/web","message":"NoMethodError in app/services/x.rb"}', ["acme/web"]],
    ["protocol versions", "negotiated TLSv1.2/TLSv1.3", []],
    ["a rate", "wrote 4096 bytes/s", []],
    ["two words", "read/write access granted", []],
    ["a known root in prose counts", "moved initech/payroll and acme/web/storefront", ["initech/payroll", "acme/web/storefront"]],
    ["a known root in any case", "see Globex/API.", ["Globex/API"]],
    ["the platform pair veto holds for a known root", "on linux/amd64, from linux/kernel", ["linux/kernel"]],
    ["the reserved route veto holds", "key projects/481/merge_requests", []],
    ["identity keys count whatever the root", '{"project_path":"refs/heads","meta":{"namespace":"feature/x"}}', ["refs/heads", "feature/x"]],
    ["key=value counts whatever the root", "project_path=feature/login", ["feature/login"]],
    ["API ids count whatever the root", "GET /api/v4/projects/unknown%2Fthing/jobs", ["unknown/thing"]],
    ["request and product paths count whatever the root", "GET /unknown/a/-/jobs https://gitlab.example.com/unknown/b", ["unknown/a", "unknown/b"]],
    ["scp remotes count whatever the root", "git@gitlab.example.com:unknown/c.git", ["unknown/c"]],
    ["entity_path and target_details paths count whatever the root", '{"entity_path":"unknown/d","target_details":"unknown/e"}', ["unknown/d", "unknown/e"]],
    ["prose inside target_details text is prose", '{"target_details":"main branch of unknown/f and globex/api"}', ["globex/api"]],
  ])("%s", (_name, line, paths) => {
    expect(known.pathsInLine(line)).toEqual(paths);
  });

  it("without known roots every prose path counts, as before", () => {
    expect(finder.pathsInLine('{"ref":"refs/heads/main","tz":"Europe/Berlin"}')).toEqual(["refs/heads/main", "Europe/Berlin"]);
  });

  it.each<[string, string, string[]]>([
    ["entity_path naming a known root", '{"entity_path":"initech"}', ["initech"]],
    ["target_details naming a known root, any case", '{"target_details":" Acme2 "}', ["Acme2"]],
    ["entity_path=<root> in text", "entity_path=initech target_details=globex", ["initech", "globex"]],
    ["a name that is no known root is a user", '{"entity_path":"mallory","target_details":"alice"}', []],
    ["text is still text", '{"target_details":"Personal access token"}', []],
    ["namespace and root_namespace single names count whatever they are", '{"namespace":"whoever","root_namespace":"initech"}', ["whoever", "initech"]],
  ])("a single name: %s", (_name, line, paths) => {
    expect(known.pathsInLine(line)).toEqual(paths);
  });

  it("a single name in entity_path counts only with known roots; namespace always did", () => {
    expect(finder.pathsInLine('{"entity_path":"initech","namespace":"whoever"}')).toEqual(["whoever"]);
  });

  it("the redaction is not changed by what the scope check knows", () => {
    const r = createRedactor({ owned: { groups: [], projects: [], users: [], emails: [] }, disclosePersonalData: false, internalHosts: [] });
    expect(r.redactLine('{"ref":"refs/heads/main","entity_path":"initech"}')).toBe('{"ref":"[project-1]","entity_path":"[user-1]"}');
  });
});
