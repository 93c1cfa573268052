// createRedactor: the rules added or changed by the revised contract (contracts.md, section 2;
// issue 10): namespaces inside URLs and request paths, product paths, scp remotes, secrets in
// URLs, the IPv4 address that ends a sentence, trailing dots, `-`/`_` in key names, backtrace
// arrays, entity_path / target_details, URL-encoded identity values. The contract's own examples
// are used verbatim where they fit this scope; realistic lines follow GitLab's documented log
// formats (production_json, api_json, audit_json, sidekiq, gitlab-shell, nginx access).
import { describe, expect, it } from "vitest";
import { createRedactor, PRODUCT_ROUTES, PRODUCT_USER_ROUTES, type RedactionScope } from "@/lib/redaction";

/** The contract's examples treat `globex/api` as another account's project: not owned here. */
const SCOPE: RedactionScope = {
  owned: {
    groups: ["acme"],
    projects: ["stark/jarvis"],
    users: ["alice", "jdoe"],
    emails: ["alice@acme.com"],
  },
  disclosePersonalData: false,
  internalHosts: [".internal", ".corp.example"],
  productHosts: ["gitlab.example.com"],
};
const NO_PRODUCT: RedactionScope = { ...SCOPE, productHosts: undefined };

function redact(line: string, scope: RedactionScope = SCOPE): string {
  return createRedactor(scope).redactLine(line);
}

type Case = [name: string, input: string, output: string];

describe("the leaks of issue 10 are gone", () => {
  it.each<Case>([
    [
      "an API URL with a URL-encoded project path",
      "GET /api/v4/projects/initech%2Fpayroll/jobs 200",
      "GET /api/v4/projects/[project-1]/jobs 200",
    ],
    [
      "a product URL before /-/",
      "https://gitlab.example.com/initech/payroll/-/pipelines",
      "https://gitlab.example.com/[project-1]/-/pipelines",
    ],
    ["an IP address that ends a sentence", "Login from 203.0.113.5.", "Login from [REDACTED:ip]."],
    [
      "a chat webhook URL",
      "Webhook to https://hooks.slack.com/services/T0AAA0AAA/B0BBB0BBB/xyzXYZ123secret failed",
      "Webhook to https://hooks.slack.com/services/[REDACTED:secret]/[REDACTED:secret]/[REDACTED:secret] failed",
    ],
    [
      "an internal host under .corp.example",
      "Fetched acme/web from gitaly-7.corp.example in 12 ms",
      "Fetched acme/web from [REDACTED:system] in 12 ms",
    ],
    [
      "the customer's own user in target_details stays",
      '{"entity_path":"acme/web","target_type":"User","target_details":"alice"}',
      '{"entity_path":"acme/web","target_type":"User","target_details":"alice"}',
    ],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("namespaces after /api/v<digits>/projects|groups|namespaces/, in any URL or request path", () => {
  it.each<Case>([
    ["the contract's example", "/api/v4/projects/initech%2Fpayroll/jobs", "/api/v4/projects/[project-1]/jobs"],
    ["on another host", "https://gitlab.com/api/v4/projects/initech%2Fpayroll/jobs", "https://gitlab.com/api/v4/projects/[project-1]/jobs"],
    ["lower-case %2f", "/api/v4/projects/initech%2fpayroll", "/api/v4/projects/[project-1]"],
    ["a group id is a path even alone", "/api/v4/groups/globex/members", "/api/v4/groups/[project-1]/members"],
    ["namespaces", "/api/v4/namespaces/globex%2Fsub", "/api/v4/namespaces/[project-1]"],
    ["another API version", "/api/v3/projects/globex%2Fweb", "/api/v3/projects/[project-1]"],
    ["under a relative URL root", "https://example.org/gitlab/api/v4/projects/globex%2Fweb", "https://example.org/gitlab/api/v4/projects/[project-1]"],
    ["owned, under an owned group", "/api/v4/projects/acme%2Fweb/jobs", "/api/v4/projects/acme%2Fweb/jobs"],
    ["owned project", "/api/v4/projects/stark%2Fjarvis", "/api/v4/projects/stark%2Fjarvis"],
    ["an owned group", "/api/v4/groups/acme", "/api/v4/groups/acme"],
    ["a numeric id stays", "/api/v4/projects/123/jobs", "/api/v4/projects/123/jobs"],
    ["a route template stays", "/api/:version/projects/:id/jobs", "/api/:version/projects/:id/jobs"],
    ["a placeholder id stays", "/api/v4/projects/:id/jobs", "/api/v4/projects/:id/jobs"],
    ["other API resources stay", "/api/v4/users/42/keys", "/api/v4/users/42/keys"],
    [
      "only the id: an encoded file path later stays",
      "/api/v4/projects/initech%2Fpayroll/repository/files/app%2Fmain.rb/raw",
      "/api/v4/projects/[project-1]/repository/files/app%2Fmain.rb/raw",
    ],
    ["the query string is not part of it", "/api/v4/projects/initech%2Fpayroll?statistics=true", "/api/v4/projects/[project-1]?statistics=true"],
    ["a decoded id with another character is left alone", "/api/v4/projects/initech%2Fpay%20roll", "/api/v4/projects/initech%2Fpay%20roll"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("a decoded path gets the same pseudonym as the same path written plainly", () => {
    const r = createRedactor(SCOPE);
    expect(r.redactLine("moved Initech/Payroll to globex/web")).toBe("moved [project-1] to [project-2]");
    expect(r.redactLine("GET /api/v4/projects/initech%2Fpayroll/jobs")).toBe("GET /api/v4/projects/[project-1]/jobs");
    expect(r.redactLine('{"project":"INITECH%2FPAYROLL"}')).toBe('{"project":"[project-1]"}');
    expect(r.summary().redactions["other-account"]).toBe(4);
  });
});

describe("namespaces before /-/ and up to .git, in request paths and product paths", () => {
  it.each<Case>([
    ["the contract's /-/ example", "/initech/payroll/-/pipelines", "/[project-1]/-/pipelines"],
    ["the contract's groups/ example", "/groups/globex/-/settings", "/groups/[project-1]/-/settings"],
    ["the contract's .git example", "/globex/api.git/info/refs", "/[project-1].git/info/refs"],
    ["a file path is judged whole", "/var/opt/repositories/globex/api.git", "/[project-1].git"],
    ["/uploads/-/ is the product's own route", "/uploads/-/system/user/avatar/1/avatar.png", "/uploads/-/system/user/avatar/1/avatar.png"],
    ["/-/ first is the product's own route", "/-/ide/project/globex/api/edit", "/-/ide/project/globex/api/edit"],
    ["/assets/ stays", "/assets/webpack/main.chunk.js", "/assets/webpack/main.chunk.js"],
    ["owned (under an owned group) stays", "/acme/web/-/jobs/42/raw", "/acme/web/-/jobs/42/raw"],
    ["an owned project stays", "/stark/jarvis.git/git-upload-pack", "/stark/jarvis.git/git-upload-pack"],
    ["a subgroup path", "/globex/platform/api/-/merge_requests/7", "/[project-1]/-/merge_requests/7"],
    ["a single segment is a name", "/mallory/-/snippets/3", "/[user-1]/-/snippets/3"],
    ["an owned group alone stays", "/acme/-/epics/3", "/acme/-/epics/3"],
    ["in a quoted Rails line", 'Started GET "/initech/payroll/-/jobs/12/trace.json" for 8.8.8.8', 'Started GET "/[project-1]/-/jobs/12/trace.json" for [REDACTED:ip]'],
    ["after key=", "referer=/initech/payroll/-/issues", "referer=/[project-1]/-/issues"],
    ["a path with another character is left alone", "/initech/pay+roll/-/jobs", "/initech/pay+roll/-/jobs"],
    ["no /-/ or .git: a request path stays", "/initech/payroll/issues/5", "/initech/payroll/issues/5"],
    ["a file path without .git stays", "/var/log/gitlab/gitlab-rails/production_json.log", "/var/log/gitlab/gitlab-rails/production_json.log"],
    ["the trailing dot is not part of the path", "see /initech/payroll/-/issues.", "see /[project-1]/-/issues."],
    ["the trailing colon is not part of the path", "clone /globex/web.git: done", "clone /[project-1].git: done"],
    [
      "on another host /-/ and .git are left alone",
      "https://registry.npmjs.org/react/-/react-19.0.0.tgz and https://github.com/globex/web.git",
      "https://registry.npmjs.org/react/-/react-19.0.0.tgz and https://github.com/globex/web.git",
    ],
    ["on the product host", "https://gitlab.example.com/groups/globex/-/epics/1", "https://gitlab.example.com/groups/[project-1]/-/epics/1"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("hold without product hosts too", () => {
    expect(redact("/initech/payroll/-/pipelines", NO_PRODUCT)).toBe("/[project-1]/-/pipelines");
    expect(redact("/globex/web.git/info/refs", NO_PRODUCT)).toBe("/[project-1].git/info/refs");
  });
});

describe("product paths: URLs on productHosts or internal hosts, request keys, after an HTTP method", () => {
  it.each<Case>([
    ["the contract's whole-path example", "https://gitlab.example.com/initech/payroll", "https://gitlab.example.com/[project-1]"],
    ["the contract's end-of-sentence example", "(see https://gitlab.example.com/initech/payroll).", "(see https://gitlab.example.com/[project-1])."],
    ["the contract's user example", "https://gitlab.example.com/users/mallory/activity", "https://gitlab.example.com/users/[user-1]/activity"],
    ["the contract's single-name example", "https://gitlab.example.com/mallory", "https://gitlab.example.com/[user-1]"],
    ["a parent group of an owned project is no owned name", "https://gitlab.example.com/stark", "https://gitlab.example.com/[user-1]"],
    ["an owned group stays", "https://gitlab.example.com/acme", "https://gitlab.example.com/acme"],
    ["an owned user stays", "https://gitlab.example.com/alice", "https://gitlab.example.com/alice"],
    ["groups/ then one segment is a path", "https://gitlab.example.com/groups/globex", "https://gitlab.example.com/groups/[project-1]"],
    ["continuing an owned project stays", "https://gitlab.example.com/stark/jarvis/issues/5", "https://gitlab.example.com/stark/jarvis/issues/5"],
    ["continuing a project that is not owned is replaced whole", "https://gitlab.example.com/globex/api/issues/5", "https://gitlab.example.com/[project-1]"],
    ["up to .git", "https://gitlab.example.com/globex/api.git/info/refs?service=git-upload-pack", "https://gitlab.example.com/[project-1].git/info/refs?service=git-upload-pack"],
    ["up to -", "https://gitlab.example.com/globex/api/-/blob/main/README.md", "https://gitlab.example.com/[project-1]/-/blob/main/README.md"],
    ["query and fragment are not part of it", "https://gitlab.example.com/globex/api?tab=readme#install", "https://gitlab.example.com/[project-1]?tab=readme#install"],
    ["a trailing slash stays outside", "https://gitlab.example.com/globex/api/", "https://gitlab.example.com/[project-1]/"],
    ["host compared without case and port", "https://GitLab.Example.COM:8443/globex/api", "https://GitLab.Example.COM:8443/[project-1]"],
    ["an internal host's path is a product path", "http://web-3.internal:8080/globex/api", "http://[REDACTED:system]:8080/[project-1]"],
    ["the host alone stays", "https://gitlab.example.com/ and https://gitlab.example.com", "https://gitlab.example.com/ and https://gitlab.example.com"],
    ["another character in the namespace: left alone", "https://gitlab.example.com/globex/api/raw/main/a%20b.txt", "https://gitlab.example.com/globex/api/raw/main/a%20b.txt"],
    ["another host: left alone", "https://gitlab.com/globex/api", "https://gitlab.com/globex/api"],
    ["ssh URL on the product host", "ssh://git@gitlab.example.com:2222/globex/api.git", "ssh://git@gitlab.example.com:2222/[project-1].git"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  // `users/` is a route of its own: the segment after it is a user name (tested above).
  it.each(PRODUCT_ROUTES.filter((r) => r !== "users").map((route) => [route]))("the product's own route /%s/ stays", (route) => {
    const line = `https://gitlab.example.com/${route}/globex/api`;
    expect(redact(line)).toBe(line);
  });

  it.each(PRODUCT_USER_ROUTES.map((route) => [route]))("the product's own user route /users/%s stays", (route) => {
    const line = `https://gitlab.example.com/users/${route}`;
    expect(redact(line)).toBe(line);
  });

  it.each(["path", "uri", "request_uri", "request_path", "fullpath", "Request-URI", "PATH"])(
    "the request path value of the JSON key %s",
    (key) => {
      expect(redact(`{"${key}":"/globex/api"}`)).toBe(`{"${key}":"/[project-1]"}`);
      expect(redact(`{"${key}":"/mallory?x=1"}`)).toBe(`{"${key}":"/[user-1]?x=1"}`);
      expect(redact(`{"${key}":"/help/user/index.md"}`)).toBe(`{"${key}":"/help/user/index.md"}`);
      expect(redact(`{"${key}":"/acme/web/issues"}`)).toBe(`{"${key}":"/acme/web/issues"}`);
    },
  );

  it.each<Case>([
    ["key=value", "path=/globex/api status=200", "path=/[project-1] status=200"],
    ["key=\"value\"", 'uri="/globex/api?page=2"', 'uri="/[project-1]?page=2"'],
    ["a quoted key", '"request_uri": "/globex/api"', '"request_uri": "/[project-1]"'],
    ["Ruby hash notation", '"fullpath"=>"/mallory"', '"fullpath"=>"/[user-1]"'],
    ["a glued key is another key", "x-path=/globex/api", "x-path=/globex/api"],
    ["after GET and a space", "GET /globex/api HTTP/1.1", "GET /[project-1] HTTP/1.1"],
    ["after POST", "POST /globex/api/-/jobs/1/retry", "POST /[project-1]/-/jobs/1/retry"],
    ["the contract's example", "GET /initech/payroll HTTP/1.1", "GET /[project-1] HTTP/1.1"],
    ["after a method in a JSON string", '{"meta.caller_id":"GET /globex/api"}', '{"meta.caller_id":"GET /[project-1]"}'],
    ["an API route after a method stays", '{"meta.caller_id":"POST /api/:version/internal/post_receive"}', '{"meta.caller_id":"POST /api/:version/internal/post_receive"}'],
    ["a lower-case word is no method", "get /globex/api", "get /globex/api"],
    ["a method glued to a word is none", "xGET /globex/api", "xGET /globex/api"],
    // Rails' own request log quotes the path: `Started GET "/x" for <ip> at <time>`.
    ["a quoted path after a method (Rails' Started line)", 'Started GET "/initech/payroll" for 203.0.113.5 at 2026-11-20 10:15:00 +0000', 'Started GET "/[project-1]" for [REDACTED:ip] at 2026-11-20 10:15:00 +0000'],
    ["a quoted path continuing a project", 'Started GET "/initech/payroll/tree/main" for 203.0.113.5', 'Started GET "/[project-1]" for [REDACTED:ip]'],
    ["a quoted users/ path", 'Started GET "/users/mallory/activity" for 203.0.113.5', 'Started GET "/users/[user-1]/activity" for [REDACTED:ip]'],
    ["a quoted owned path continuing an owned project stays", 'Started GET "/stark/jarvis/issues/5"', 'Started GET "/stark/jarvis/issues/5"'],
    ["a quoted product route stays", 'Started POST "/users/sign_in" for 203.0.113.5', 'Started POST "/users/sign_in" for [REDACTED:ip]'],
    ["in a JSON string", '{"message":"Started GET \\"/globex/api\\" for x"}', '{"message":"Started GET \\"/[project-1]\\" for x"}'],
    ["one quote only", 'GET ""/globex/api"', 'GET ""/globex/api"'],
    ["a quote glued to the method is none", 'GET"/globex/api"', 'GET"/globex/api"'],
    ["a single quote is none", "GET '/globex/api'", "GET '/globex/api'"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("without product hosts, request keys and methods make no product path", () => {
    for (const line of ['{"path":"/globex/api"}', "GET /globex/api HTTP/1.1", 'Started GET "/globex/api"', "path=/globex/api", "https://gitlab.example.com/globex/api"]) {
      expect(redact(line, NO_PRODUCT)).toBe(line);
    }
    // An internal host's URL is a product path all the same.
    expect(redact("https://web-1.internal/globex/api", NO_PRODUCT)).toBe("https://[REDACTED:system]/[project-1]");
  });
});

describe("scp-style remotes on product hosts", () => {
  it.each<Case>([
    ["the contract's example", "git@gitlab.example.com:globex/api.git", "git@gitlab.example.com:[project-1].git"],
    ["owned stays, user@host is no email", "git@gitlab.example.com:acme/web.git", "git@gitlab.example.com:acme/web.git"],
    ["in a sentence", "cloning git@gitlab.example.com:globex/web.git into /tmp/x", "cloning git@gitlab.example.com:[project-1].git into /tmp/x"],
    ["without a user", "remote gitlab.example.com:globex/web.git", "remote gitlab.example.com:[project-1].git"],
    ["a single name", "git@gitlab.example.com:mallory.git", "git@gitlab.example.com:[user-1].git"],
    ["host case", "git@GITLAB.example.com:globex/web.git", "git@GITLAB.example.com:[project-1].git"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("secrets in URLs", () => {
  it.each<Case>([
    ["the user information's password", "https://deploy:hunter2@gitlab.example.com/acme/web.git", "https://deploy:[REDACTED:secret]@gitlab.example.com/acme/web.git"],
    ["a user name alone stays and is no email", "https://mallory@gitlab.example.com/acme/web.git", "https://mallory@gitlab.example.com/acme/web.git"],
    ["a token as user name goes", "https://glpat-abcdef123456@gitlab.example.com/acme/web.git", "https://[REDACTED:secret]@gitlab.example.com/acme/web.git"],
    ["an escaped password", "https://user:p%40ss%3Aw0rd@example.org/x", "https://user:[REDACTED:secret]@example.org/x"],
    ["sig", "https://cdn.example.org/f.tgz?sig=abc123&se=2026-12-01", "https://cdn.example.org/f.tgz?sig=[REDACTED:secret]&se=2026-12-01"],
    ["signature", "https://cdn.example.org/f?Signature=abc123", "https://cdn.example.org/f?Signature=[REDACTED:secret]"],
    [
      "AWS pre-signed URL",
      "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAEXAMPLE%2F20261120&X-Amz-Date=20261120T101500Z&X-Amz-Expires=300&X-Amz-Security-Token=FwoGZX&X-Amz-Signature=0f3c9a",
      "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=[REDACTED:secret]&X-Amz-Date=20261120T101500Z&X-Amz-Expires=300&X-Amz-Security-Token=[REDACTED:secret]&X-Amz-Signature=[REDACTED:secret]",
    ],
    [
      "GCS signed URL, any case",
      "https://storage.googleapis.com/b/o?x-goog-signature=9ab&X-GOOG-CREDENTIAL=svc%40p.iam",
      "https://storage.googleapis.com/b/o?x-goog-signature=[REDACTED:secret]&X-GOOG-CREDENTIAL=[REDACTED:secret]",
    ],
    ["a secret-named parameter", "https://gitlab.example.com/api/v4/projects?private_token=abc123", "https://gitlab.example.com/api/v4/projects?private_token=[REDACTED:secret]"],
    ["the value ends at the fragment", "https://cdn.example.org/f?sig=abc#top", "https://cdn.example.org/f?sig=[REDACTED:secret]#top"],
    ["in a request path's query", "GET /uploads/x.png?X-Amz-Signature=0f3c HTTP/1.1", "GET /uploads/x.png?X-Amz-Signature=[REDACTED:secret] HTTP/1.1"],
    ["sig outside a query stays", "sig=abc and signature=ok", "sig=abc and signature=ok"],
    ["every segment after /services/ on hooks.*", "https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com/services/[REDACTED:secret]/[REDACTED:secret]/[REDACTED:secret]"],
    ["the first label compared without case", "https://Hooks.Example.com/services/aeb01c39974b478bae7d5766", "https://Hooks.Example.com/services/[REDACTED:secret]"],
    ["not on other hosts", "https://example.com/services/T000/B000", "https://example.com/services/T000/B000"],
    ["not on hooks without /services/", "https://hooks.slack.com/apps/A1", "https://hooks.slack.com/apps/A1"],
    ["the contract's /webhooks/ example", "/api/webhooks/123/abcDEF", "/api/webhooks/123/[REDACTED:secret]"],
    ["a Discord webhook URL", "https://discord.com/api/webhooks/1234567890/AbC-dEf_gHi?wait=true", "https://discord.com/api/webhooks/1234567890/[REDACTED:secret]?wait=true"],
    ["/webhooks/ without digits stays", "/api/webhooks/new/form", "/api/webhooks/new/form"],
    [
      "secret over other-account in a product URL",
      "https://gitlab.example.com/globex/api?private_token=abc",
      "https://gitlab.example.com/[project-1]?private_token=[REDACTED:secret]",
    ],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("one replacement per webhook segment", () => {
    const r = createRedactor(SCOPE);
    r.redactLine("https://hooks.slack.com/services/T000/B000/XXXX");
    expect(r.summary().redactions).toEqual({ secret: 3, system: 0, "other-account": 0, "personal-data": 0 });
  });
});

describe("IPv4: a dot not followed by a digit does not touch", () => {
  it.each<Case>([
    ["the contract's example", "from 203.0.113.5.", "from [REDACTED:ip]."],
    ["five parts are no address", "1.2.3.4.5", "1.2.3.4.5"],
    ["a private address ending a sentence", "connected to 10.0.0.7.", "connected to [REDACTED:system]."],
    ["followed by a dot and a letter", "8.8.8.8.a", "[REDACTED:ip].a"],
    ["a leading dot is followed by a digit: it touches", "x .8.8.8.8", "x .8.8.8.8"],
    ["two sentence dots", "from 8.8.4.4..", "from [REDACTED:ip].."],
    ["with a port", "8.8.8.8:443.", "[REDACTED:ip]:443."],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("a trailing . is not part of a path, a name or a mention", () => {
  it.each<Case>([
    ["the contract's path example", "see acme/web.", "see acme/web."],
    ["the contract's mention example", "thanks @alice.", "thanks @alice."],
    ["a path not owned", "see globex/web.", "see [project-1]."],
    ["a mention not owned", "ping @mallory.", "ping @[user-1]."],
    ["a user= name", "by user=alice.", "by user=alice."],
    ["a user= name not owned", "by user=mallory.", "by user=[user-1]."],
    ["a project_path= path", "in project_path=acme/web.", "in project_path=acme/web."],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("- and _ are the same in every key name", () => {
  it.each<Case>([
    ["User-Name", '{"User-Name":"mallory"}', '{"User-Name":"[user-1]"}'],
    ["author-name", '{"author-name":"mallory"}', '{"author-name":"[user-1]"}'],
    ["project-path", '{"project-path":"globex/web"}', '{"project-path":"[project-1]"}'],
    ["Meta.Root-Namespace", '{"Meta.Root-Namespace":"globex"}', '{"Meta.Root-Namespace":"[project-1]"}'],
    ["entity-path", '{"entity-path":"globex/web"}', '{"entity-path":"[project-1]"}'],
    ["Target-Details", '{"Target-Details":"alice"}', '{"Target-Details":"alice"}'],
    ["PRIVATE-TOKEN", '{"PRIVATE-TOKEN":"abc"}', '{"PRIVATE-TOKEN":"[REDACTED:secret]"}'],
    ["X-Gitlab-Token", '{"X-Gitlab-Token":"abc"}', '{"X-Gitlab-Token":"[REDACTED:secret]"}'],
    ["Exception-Backtrace is no .backtrace", '{"Exception-Backtrace":"x"}', '{"Exception-Backtrace":"x"}'],
    ["text user-name=", "user-name=mallory", "user-name=[user-1]"],
    ["text project-path=", "project-path=globex/web", "project-path=[project-1]"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("user-name names the acting user", () => {
    const disclose = { ...SCOPE, disclosePersonalData: true };
    expect(redact('{"user-name":"alice","ip":"8.8.8.8"}', disclose)).toBe('{"user-name":"alice","ip":"8.8.8.8"}');
    expect(redact('{"User-Name":"mallory","ip":"8.8.8.8"}', disclose)).toBe('{"User-Name":"[user-1]","ip":"[REDACTED:ip]"}');
  });
});

describe("backtrace and stack arrays: every string in the array", () => {
  it.each<Case>([
    ["exception.backtrace", '{"exception.backtrace":["app/models/user.rb:12","lib/gitlab/x.rb:3"],"n":1}', '{"exception.backtrace":["[REDACTED:system]","[REDACTED:system]"],"n":1}'],
    ["stack, numbers stay", '{"stack":["a.js:1",2,null,"b.js:2"]}', '{"stack":["[REDACTED:system]",2,null,"[REDACTED:system]"]}'],
    ["nested arrays", '{"backtrace":[["a.rb:1"],"b.rb:2"]}', '{"backtrace":[["[REDACTED:system]"],"[REDACTED:system]"]}'],
    ["a secret inside wins", '{"stacktrace":["ok.rb:1","token=abc"]}', '{"stacktrace":["[REDACTED:system]","[REDACTED:secret]"]}'],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("entity_path and target_details: a path, a single name, or text", () => {
  it.each<Case>([
    ["a path not owned", '{"target_details":"globex/web"}', '{"target_details":"[project-1]"}'],
    ["an owned path", '{"entity_path":"acme/web"}', '{"entity_path":"acme/web"}'],
    ["blanks around a path", '{"entity_path":" globex/web "}', '{"entity_path":"[project-1]"}'],
    ["an owned user", '{"target_details":"alice"}', '{"target_details":"alice"}'],
    ["an owned user, any case", '{"target_details":"JDoe"}', '{"target_details":"JDoe"}'],
    ["an owned group", '{"entity_path":"acme"}', '{"entity_path":"acme"}'],
    ["a user not owned", '{"target_details":"mallory"}', '{"target_details":"[user-1]"}'],
    ["a parent group of an owned project is no owned name", '{"entity_path":"stark"}', '{"entity_path":"[user-1]"}'],
    ["a name with . and -", '{"target_details":"m.allory-2"}', '{"target_details":"[user-1]"}'],
    ["text: the contract's example", '{"target_details":"Personal access token"}', '{"target_details":"Personal access token"}'],
    ["text with a path inside", '{"target_details":"main branch of globex/api"}', '{"target_details":"main branch of [project-1]"}'],
    ["text with an email inside", '{"target_details":"invite sent to bob@evil.example"}', '{"target_details":"invite sent to [email-1]"}'],
    ["URL-decoded", '{"target_details":"initech%2Fpayroll"}', '{"target_details":"[project-1]"}'],
    ["key=value, a name", "target_details=alice entity_path=mallory", "target_details=alice entity_path=[user-1]"],
    ["key=value, a path", "entity_path=globex/web", "entity_path=[project-1]"],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });
});

describe("an identity key's value holding %2F is judged URL-decoded and replaced whole", () => {
  it.each<Case>([
    ["project", '{"project":"initech%2Fpayroll"}', '{"project":"[project-1]"}'],
    ["meta.project, lower case", '{"meta.project":"initech%2fpayroll"}', '{"meta.project":"[project-1]"}'],
    ["owned after decoding", '{"namespace":"acme%2Fweb"}', '{"namespace":"acme%2Fweb"}'],
    ["other escapes decoded too", '{"project_path":"globex%2Fmy%2Dapp"}', '{"project_path":"[project-1]"}'],
    ["key=value in text", "project_path=initech%2Fpayroll&page=2", "project_path=[project-1]&page=2"],
    ["without %2F nothing is decoded", '{"project":"acme%20web"}', '{"project":"[project-1]"}'],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("shares the pseudonym of the plain path", () => {
    const r = createRedactor(SCOPE);
    expect(r.redactLine('{"project":"initech%2Fpayroll","meta.project":"initech/payroll"}')).toBe(
      '{"project":"[project-1]","meta.project":"[project-1]"}',
    );
  });
});

describe("what must stay stays", () => {
  it.each([
    "https://gitlab.example.com/acme/web/-/merge_requests/12",
    "https://gitlab.example.com/stark/jarvis/-/pipelines?scope=finished",
    "/uploads/-/system/user/avatar/1/avatar.png",
    "https://registry.npmjs.org/react/-/react-19.0.0.tgz",
    "/api/v4/projects/123/jobs",
    "GET /api/v4/projects/123/jobs?per_page=100 HTTP/1.1",
    "https://gitlab.example.com/help/ci/yaml/index.md",
    "https://gitlab.example.com/explore/projects",
    "https://gitlab.example.com/-/profile/personal_access_tokens",
    "version 17.5.0 released, runner 17.5.1",
    "correlation_id=01JKVF7WQ96GNK0FT1J1815SG0",
    "Content-Type application/json; charset=utf-8 over HTTP/1.1",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)",
    "/var/log/gitlab/nginx/gitlab_access.log",
    "https://gitlab.example.com/users/sign_in?redirect_to_referer=yes",
  ])("%s", (line) => {
    expect(redact(line)).toBe(line);
  });

  it("an owned production_json line is unchanged", () => {
    const line =
      '{"method":"GET","path":"/acme/web/-/merge_requests/12","format":"html","controller":"Projects::MergeRequestsController",' +
      '"action":"show","status":200,"time":"2026-11-20T10:15:00.123Z","remote_ip":null,"user_id":12345678901234567890,' +
      '"username":"alice","ua":"Mozilla/5.0 (X11; Linux x86_64)","correlation_id":"01JKVF7WQ96GNK0FT1J1815SG0",' +
      '"meta.user":"alice","meta.project":"acme/web","meta.root_namespace":"acme","meta.caller_id":"Projects::MergeRequestsController#show"}';
    expect(redact(line)).toBe(line);
  });
});

describe("realistic lines from GitLab's documented log formats", () => {
  it.each<Case>([
    [
      "production_json",
      '{"method":"GET","path":"/initech/payroll/-/pipelines","format":"html","controller":"Projects::PipelinesController","action":"index","status":200,"time":"2026-11-20T10:15:00.123Z","params":[{"key":"scope","value":"all"}],"remote_ip":"203.0.113.5","user_id":12345678901234567890,"username":"mallory","ua":"Mozilla/5.0","queue_duration_s":0.01,"correlation_id":"01JKVF7WQ96GNK0FT1J1815SG0","meta.user":"mallory","meta.project":"initech/payroll","meta.root_namespace":"initech","meta.caller_id":"Projects::PipelinesController#index"}',
      '{"method":"GET","path":"/[project-1]/-/pipelines","format":"html","controller":"Projects::PipelinesController","action":"index","status":200,"time":"2026-11-20T10:15:00.123Z","params":[{"key":"scope","value":"all"}],"remote_ip":"[REDACTED:ip]","user_id":12345678901234567890,"username":"[user-1]","ua":"Mozilla/5.0","queue_duration_s":0.01,"correlation_id":"01JKVF7WQ96GNK0FT1J1815SG0","meta.user":"[user-1]","meta.project":"[project-1]","meta.root_namespace":"[project-2]","meta.caller_id":"Projects::PipelinesController#index"}',
    ],
    [
      "api_json",
      '{"time":"2026-11-20T10:15:00.123Z","severity":"INFO","duration_s":0.05,"status":200,"method":"GET","path":"/api/v4/projects/initech%2Fpayroll/jobs","params":[{"key":"private_token","value":"[FILTERED]"}],"host":"gitlab.example.com","remote_ip":"10.1.2.3, 203.0.113.9","ua":"python-requests/2.32.3","route":"/api/:version/projects/:id/jobs","user_id":42,"username":"alice","queue_duration_s":0.002,"correlation_id":"01JKVF7WQ96GNK0FT1J1815SG1"}',
      '{"time":"2026-11-20T10:15:00.123Z","severity":"INFO","duration_s":0.05,"status":200,"method":"GET","path":"/api/v4/projects/[project-1]/jobs","params":[{"key":"private_token","value":"[FILTERED]"}],"host":"gitlab.example.com","remote_ip":"[REDACTED:system], [REDACTED:ip]","ua":"python-requests/2.32.3","route":"/api/:version/projects/:id/jobs","user_id":42,"username":"alice","queue_duration_s":0.002,"correlation_id":"01JKVF7WQ96GNK0FT1J1815SG1"}',
    ],
    [
      "audit_json, a user target of the customer",
      '{"severity":"INFO","time":"2026-11-20T10:15:00.123Z","author_id":7,"author_name":"alice","entity_id":3,"entity_type":"Group","entity_path":"acme","change":"access_level","from":"Developer","to":"Maintainer","target_id":9,"target_type":"User","target_details":"jdoe"}',
      '{"severity":"INFO","time":"2026-11-20T10:15:00.123Z","author_id":7,"author_name":"alice","entity_id":3,"entity_type":"Group","entity_path":"acme","change":"access_level","from":"Developer","to":"Maintainer","target_id":9,"target_type":"User","target_details":"jdoe"}',
    ],
    [
      "audit_json, another account",
      '{"severity":"INFO","time":"2026-11-20T10:15:00.123Z","author_id":8,"author_name":"mallory","entity_id":4,"entity_type":"Project","entity_path":"initech/payroll","target_type":"Project","target_details":"initech/payroll","custom_message":"Changed visibility to public","ip_address":"203.0.113.5"}',
      '{"severity":"INFO","time":"2026-11-20T10:15:00.123Z","author_id":8,"author_name":"[user-1]","entity_id":4,"entity_type":"Project","entity_path":"[project-1]","target_type":"Project","target_details":"[project-1]","custom_message":"Changed visibility to public","ip_address":"[REDACTED:ip]"}',
    ],
    [
      "sidekiq",
      '{"severity":"INFO","time":"2026-11-20T10:15:00.123Z","class":"RepositoryImportWorker","args":["42","https://deploy:s3cr3t@gitlab.example.com/initech/payroll.git"],"retry":3,"queue":"repository_import","jid":"5030468961908c9b2f03b2d1","correlation_id":"01JKVF7WQ96GNK0FT1J1815SG2","meta.user":"mallory","meta.project":"initech/payroll","meta.root_namespace":"initech","meta.caller_id":"POST /api/:version/projects/:id/import","job_status":"done"}',
      '{"severity":"INFO","time":"2026-11-20T10:15:00.123Z","class":"RepositoryImportWorker","args":["42","https://deploy:[REDACTED:secret]@gitlab.example.com/[project-1].git"],"retry":3,"queue":"repository_import","jid":"5030468961908c9b2f03b2d1","correlation_id":"01JKVF7WQ96GNK0FT1J1815SG2","meta.user":"[user-1]","meta.project":"[project-1]","meta.root_namespace":"[project-2]","meta.caller_id":"POST /api/:version/projects/:id/import","job_status":"done"}',
    ],
    [
      "gitlab-shell",
      '{"command":"git-upload-pack","correlation_id":"01JKVF7WQ96GNK0FT1J1815SG3","git_protocol":"version=2","gl_key_id":11,"gl_key_type":"key","gl_project_path":"initech/payroll","gl_repository":"project-4","level":"info","msg":"executing git command","remote_ip":"203.0.113.5","time":"2026-11-20T10:15:00Z","user_id":"user-8","username":"mallory"}',
      '{"command":"git-upload-pack","correlation_id":"01JKVF7WQ96GNK0FT1J1815SG3","git_protocol":"version=2","gl_key_id":11,"gl_key_type":"key","gl_project_path":"[project-1]","gl_repository":"project-4","level":"info","msg":"executing git command","remote_ip":"[REDACTED:ip]","time":"2026-11-20T10:15:00Z","user_id":"user-8","username":"[user-1]"}',
    ],
    [
      "nginx access",
      '203.0.113.5 - - [20/Nov/2026:10:15:00 +0000] "GET /initech/payroll/-/pipelines?scope=all HTTP/1.1" 200 5120 "https://gitlab.example.com/initech/payroll" "Mozilla/5.0 (X11; Linux x86_64)" 0.120',
      '[REDACTED:ip] - - [20/Nov/2026:10:15:00 +0000] "GET /[project-1]/-/pipelines?scope=all HTTP/1.1" 200 5120 "https://gitlab.example.com/[project-1]" "Mozilla/5.0 (X11; Linux x86_64)" 0.120',
    ],
    [
      "nginx access, a git fetch",
      '198.51.100.7 - - [20/Nov/2026:10:15:01 +0000] "POST /globex/web.git/git-upload-pack HTTP/1.1" 200 912 "-" "git/2.47.0" 0.301',
      '[REDACTED:ip] - - [20/Nov/2026:10:15:01 +0000] "POST /[project-1].git/git-upload-pack HTTP/1.1" 200 912 "-" "git/2.47.0" 0.301',
    ],
    [
      "Rails text",
      '2026-11-20T10:15:00.123Z INFO Started GET "/initech/payroll/-/jobs/12" for 203.0.113.5 at 2026-11-20 10:15:00 +0000 user=mallory project_path=initech/payroll',
      '2026-11-20T10:15:00.123Z INFO Started GET "/[project-1]/-/jobs/12" for [REDACTED:ip] at 2026-11-20 10:15:00 +0000 user=[user-1] project_path=[project-1]',
    ],
  ])("%s", (_name, input, output) => {
    expect(redact(input)).toBe(output);
  });

  it("a changed JSON line keeps its keys, order and numbers exactly", () => {
    const line = '{"b":1.50,"path":"/api/v4/projects/initech%2Fpayroll","a":[1,"x"],"id":12345678901234567890,"2":"y","1":"z"}';
    expect(redact(line)).toBe('{"b":1.50,"path":"/api/v4/projects/[project-1]","a":[1,"x"],"id":12345678901234567890,"2":"y","1":"z"}');
  });
});
