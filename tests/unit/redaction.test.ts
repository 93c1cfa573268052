// createRedactor: every rule of contracts.md section 2, case by case, with the contract's own
// examples. Property tests are in redaction-properties.test.ts, hostile lines in
// redaction-hostile.test.ts.
import { describe, expect, it } from "vitest";
import { createRedactor, type RedactionScope } from "@/lib/redaction";

const SCOPE: RedactionScope = {
  owned: {
    groups: ["acme"],
    projects: ["globex/api"],
    users: ["alice", "jdoe"],
    emails: ["alice@acme.com"],
  },
  disclosePersonalData: false,
  internalHosts: [".internal", "corp.example.net"],
};

const DISCLOSE: RedactionScope = { ...SCOPE, disclosePersonalData: true };

/** One line through a fresh redactor. */
function redact(line: string, scope: RedactionScope = SCOPE): string {
  return createRedactor(scope).redactLine(line);
}

describe("JSON lines keep their text: keys, order, numbers, literals", () => {
  it.each([
    [
      "integer-like keys keep the order written",
      '{"2":"b","1":"a","10":"c","user":"mallory"}',
      '{"2":"b","1":"a","10":"c","user":"[user-1]"}',
    ],
    [
      "a 20-digit id stays exact",
      '{"id":12345678901234567890,"user":"mallory"}',
      '{"id":12345678901234567890,"user":"[user-1]"}',
    ],
    [
      "numbers keep their text; booleans, nulls, arrays and objects stay",
      '{"n":1.50,"e":1E+3,"z":-0,"t":true,"f":false,"x":null,"a":[1,"x",{"b":2.0e-7}],"user":"mallory"}',
      '{"n":1.50,"e":1E+3,"z":-0,"t":true,"f":false,"x":null,"a":[1,"x",{"b":2.0e-7}],"user":"[user-1]"}',
    ],
    [
      "whitespace around tokens stays",
      '{ "user" : "mallory" ,\t"n" : 1 }',
      '{ "user" : "[user-1]" ,\t"n" : 1 }',
    ],
    [
      "duplicate keys stay, each judged",
      '{"a":"1","user":"alice","user":"mallory"}',
      '{"a":"1","user":"alice","user":"[user-1]"}',
    ],
    [
      "headers.Authorization is the key Authorization inside headers",
      '{"headers":{"Accept":"application/json","Authorization":"Bearer abc.def"}}',
      '{"headers":{"Accept":"application/json","Authorization":"[REDACTED:secret]"}}',
    ],
    [
      "meta.user is a key name; a nested user key is an identity key too",
      '{"meta.user":"mallory","meta":{"user":"Mallory"}}',
      '{"meta.user":"[user-1]","meta":{"user":"[user-1]"}}',
    ],
    [
      "leading blanks before the brace",
      '  {"user":"mallory"}',
      '  {"user":"[user-1]"}',
    ],
    [
      "keys match case-insensitively",
      '{"PASSWORD":"x","Author_Name":"mallory"}',
      '{"PASSWORD":"[REDACTED:secret]","Author_Name":"[user-1]"}',
    ],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("a JSON line with nothing to replace comes out unchanged", () => {
    const line =
      '{ "time":"2024-03-15T12:00:00.000Z","severity":"INFO","correlation_id":"01HQ7Z3X9K",' +
      '"meta.user":"alice","meta.project":"acme/app","meta.root_namespace":"acme","2":1,"1":2}';
    expect(redact(line)).toBe(line);
  });

  it("escaped strings are judged on their decoded text and re-encoded", () => {
    const out = redact('{"msg":"by \\u0040mallory \\"quoted\\" caf\\u00e9","n":10}');
    expect(JSON.parse(out)).toEqual({ msg: 'by @[user-1] "quoted" café', n: 10 });
    expect(out.endsWith(',"n":10}')).toBe(true);
  });

  it.each([
    ["an array line is text", '[{"user":"mallory"}]', '[{"user":"[user-1]"}]'],
    ["an unfinished object is text", '{"user":"mallory"', '{"user":"[user-1]"'],
    ["trailing text after the object is text", '{"a":1} user=mallory', '{"a":1} user=[user-1]'],
    ["single quotes are not JSON", "{'password': 'x'}", "{'password': '[REDACTED:secret]'}"],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("100 000 levels of nesting neither overflow the stack nor change the line", () => {
    const line = '{"a":'.repeat(100_000) + '"@mallory"' + "}".repeat(100_000);
    const out = redact(line);
    expect(out.length).toBe(line.length + '[user-1]'.length - "mallory".length);
    expect(out.includes("mallory")).toBe(false);
  });
});

describe("secret: always [REDACTED:secret]", () => {
  it.each([
    "password",
    "passwd",
    "secret",
    "token",
    "private_token",
    "access_token",
    "api_key",
    "apikey",
    "authorization",
    "cookie",
    "set-cookie",
    "Set-Cookie",
    "db_password",
    "client_secret",
    "csrf_token",
    "runner_token",
  ])("the whole string value of key %s", (key) => {
    expect(redact(`{"${key}":"hunter2 and more words","n":1}`)).toBe(
      `{"${key}":"[REDACTED:secret]","n":1}`,
    );
  });

  it.each([
    ["an array value under a secret key", '{"set-cookie":["a=b","c=d"]}', '{"set-cookie":["[REDACTED:secret]","[REDACTED:secret]"]}'],
    ["numbers under a secret key stay (only strings change)", '{"token":12345}', '{"token":12345}'],
    ["an empty secret has nothing to replace", '{"password":""}', '{"password":""}'],
    ["token_type is not a secret key", '{"token_type":"bearer"}', '{"token_type":"bearer"}'],
    ["password_hint is not a secret key", '{"password_hint":"pet"}', '{"password_hint":"pet"}'],
    ["secretary is not a secret key", '{"secretary":"Bob"}', '{"secretary":"Bob"}'],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    ["glpat- token", "push with glpat-AbCdEf0123456789_xyz-1 done", "push with [REDACTED:secret] done"],
    ["gldt- token", "deploy gldt-abc123 ok", "deploy [REDACTED:secret] ok"],
    ["glrt- token", "runner glrt-t1_abc.def", "runner [REDACTED:secret]"],
    ["glptt- token", "trigger=glptt-0123abcd", "trigger=[REDACTED:secret]"],
    ["gloas- token", "(gloas-xyz)", "([REDACTED:secret])"],
    ["Bearer credential", "Authorization: Bearer eyJ.abc.def", "Authorization: Bearer [REDACTED:secret]"],
    ["Basic credential", 'curl -H "Authorization: Basic dXNlcjpwYXNz"', 'curl -H "Authorization: Basic [REDACTED:secret]"'],
    ["Bearer anywhere", "got Bearer abc123, retrying", "got Bearer [REDACTED:secret], retrying"],
    ["any case after an authorization key", "authorization: bearer abc", "authorization: bearer [REDACTED:secret]"],
    ["key=value ending at &", "password=hunter2&user=alice", "password=[REDACTED:secret]&user=alice"],
    ["key: value ending at ;", "api_key: s3cr3t; next", "api_key: [REDACTED:secret]; next"],
    ["query string", "GET /x?private_token=abc&page=2", "GET /x?private_token=[REDACTED:secret]&page=2"],
    ["suffix _password, ending at a comma", "db_password=xyz,pool=5", "db_password=[REDACTED:secret],pool=5"],
    ["quoted value", "secret='two words'", "secret='[REDACTED:secret]'"],
    ["quoted key and value", '"token":"abc"', '"token":"[REDACTED:secret]"'],
    ["Set-Cookie header", "Set-Cookie: _gitlab_session=abc; path=/", "Set-Cookie: [REDACTED:secret]; path=/"],
    ["Ruby hash notation", '{"password"=>"hunter2"}', '{"password"=>"[REDACTED:secret]"}'],
    ["inside a JSON string value", '{"message":"retry token=abc and glpat-xyz123"}', '{"message":"retry token=[REDACTED:secret] and [REDACTED:secret]"}'],
    [
      "a PEM block inside a JSON string",
      '{"key":"-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----","n":1}',
      '{"key":"[REDACTED:secret]","n":1}',
    ],
    [
      "a PEM block on one text line",
      "cfg=-----BEGIN PRIVATE KEY-----\\nabc\\n-----END PRIVATE KEY----- ok",
      "cfg=[REDACTED:secret] ok",
    ],
    ["a certificate is not a private key", "-----BEGIN CERTIFICATE-----", "-----BEGIN CERTIFICATE-----"],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("a PEM block spans lines in a text file", () => {
    const r = createRedactor(SCOPE);
    const lines = [
      "key follows:",
      "-----BEGIN OPENSSH PRIVATE KEY-----",
      "b3BlbnNzaC1rZXktdjEAAAAA",
      "{\"not\":\"json inside a block\"}",
      "-----END OPENSSH PRIVATE KEY-----",
      "after the block @alice",
    ];
    expect(lines.map((l) => r.redactLine(l))).toEqual([
      "key follows:",
      "[REDACTED:secret]",
      "[REDACTED:secret]",
      "[REDACTED:secret]",
      "[REDACTED:secret]",
      "after the block @alice",
    ]);
    expect(r.summary().redactions.secret).toBe(4);
  });
});

describe("system: always [REDACTED:system]", () => {
  it.each([
    ["an internal host", "connect db-1.internal:5432", "connect [REDACTED:system]:5432"],
    // The path of a URL on an internal host is a product path: a single segment is a name.
    ["an internal host in a URL", "https://git.corp.example.net/x", "https://[REDACTED:system]/[user-1]"],
    ["an internal host in a URL, a product route", "https://git.corp.example.net/help", "https://[REDACTED:system]/help"],
    ["the suffix itself when written without a dot", "corp.example.net", "[REDACTED:system]"],
    ["a host merely ending in the same letters", "notcorp.example.net", "notcorp.example.net"],
    ["the word internal", "the internal network", "the internal network"],
    ["10/8", "from 10.1.2.3", "from [REDACTED:system]"],
    ["172.16/12 low end", "172.16.0.1", "[REDACTED:system]"],
    ["172.16/12 high end", "172.31.255.255", "[REDACTED:system]"],
    ["192.168/16", "192.168.0.10", "[REDACTED:system]"],
    ["127/8", "127.0.0.1:3000", "[REDACTED:system]:3000"],
    ["::1", "listening on ::1", "listening on [REDACTED:system]"],
    ["fc00::/7 (fc)", "fc00::1", "[REDACTED:system]"],
    ["fc00::/7 (fd)", "fd12:3456:789a::1", "[REDACTED:system]"],
    ["an IPv4-mapped private address", "::ffff:10.0.0.1", "[REDACTED:system]"],
    ["172.32 is public", "172.32.0.1", "[REDACTED:ip]"],
    ["192.169 is public", "192.169.0.1", "[REDACTED:ip]"],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each(["backtrace", "stack", "stacktrace", "exception.backtrace", "Exception.Backtrace"])(
    "the whole string value of key %s",
    (key) => {
      expect(redact(`{"${key}":"app/models/user.rb:12"}`)).toBe(`{"${key}":"[REDACTED:system]"}`);
      expect(redact(`{"${key}":["a.rb:1","b.rb:2"]}`)).toBe(
        `{"${key}":["[REDACTED:system]","[REDACTED:system]"]}`,
      );
    },
  );

  it("backtrace_id is not a backtrace", () => {
    expect(redact('{"backtrace_id":"abc"}')).toBe('{"backtrace_id":"abc"}');
  });
});

describe("other-account: pseudonyms for identifiers that are not owned", () => {
  it.each(["user", "username", "user_name", "author_name", "meta.user"])(
    "user-name key %s",
    (key) => {
      expect(redact(`{"${key}":"mallory"}`)).toBe(`{"${key}":"[user-1]"}`);
      expect(redact(`{"${key}":"alice"}`)).toBe(`{"${key}":"alice"}`);
      expect(redact(`{"${key}":"JDoe"}`)).toBe(`{"${key}":"JDoe"}`);
    },
  );

  it.each([
    "project",
    "project_path",
    "meta.project",
    "namespace",
    "root_namespace",
    "meta.root_namespace",
  ])("path key %s", (key) => {
    const line = (v: string) => `{"${key}":"${v}"}`;
    expect(redact(line("globex/web"))).toBe(line("[project-1]"));
    expect(redact(line("acme"))).toBe(line("acme"));
    expect(redact(line("acme/infra/api"))).toBe(line("acme/infra/api"));
    expect(redact(line("ACME/Infra"))).toBe(line("ACME/Infra"));
    expect(redact(line("globex/api"))).toBe(line("globex/api"));
    // A parent group of an owned project is not owned; acme-x is not under acme.
    expect(redact(line("globex"))).toBe(line("[project-1]"));
    expect(redact(line("acme-x"))).toBe(line("[project-1]"));
    expect(redact(line("acme/../globex"))).toBe(line("[project-1]"));
    // Surrounding slashes are formatting.
    expect(redact(line("/acme/app/"))).toBe(line("/acme/app/"));
  });

  it.each([
    ["an email", "mail bob@evil.com now", "mail [email-1] now"],
    ["a mention", "assigned to @mallory", "assigned to @[user-1]"],
    ["an owned mention stays", "cc @alice and @JDOE", "cc @alice and @JDOE"],
    ["an owned group mention stays", "cc @acme", "cc @acme"],
    ["a namespace path", "moved globex/api to globex/web", "moved globex/api to [project-1]"],
    ["a path under an owned group stays", "see acme/infra/api and Acme/Infra", "see acme/infra/api and Acme/Infra"],
    ["a sibling of an owned group is not under it", "acme-x/api", "[project-1]"],
    ["trailing punctuation is not part of the path", "see globex/web.", "see [project-1]."],
    ["a trailing slash on an owned path", "see globex/api/ now", "see globex/api/ now"],
    ["user=", "user=mallory", "user=[user-1]"],
    ["username=", "username=mallory&x=1", "username=[user-1]&x=1"],
    ["meta.user=", "meta.user=mallory", "meta.user=[user-1]"],
    ["author_name=", "author_name=mallory", "author_name=[user-1]"],
    ["project_path=", "project_path=globex/api", "project_path=globex/api"],
    ["project_path= not owned", "project_path=globex/web", "project_path=[project-1]"],
    ["namespace= a parent group", "namespace=globex", "namespace=[project-1]"],
    ["user= owned", "user=alice", "user=alice"],
    ["a quoted identity key in text", '{"user": "mallory"', '{"user": "[user-1]"'],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it.each([
    "/api/v4/projects",
    "17/06/09",
    "https://x/y",
    "application/json",
    "HTTP/1.1",
    "Mozilla/5.0",
    "text/html; charset=utf-8",
    "multipart/form-data",
    "./lib/redaction/index.ts",
    "/var/log/gitlab/production.log",
    "s3:bucket/key",
    "https://gitlab.com/globex/web/-/issues/1",
  ])("%s is not a namespace path", (input) => {
    expect(redact(input)).toBe(input);
  });

  it("globex/api is a path (the contract's example), owned here and not owned elsewhere", () => {
    expect(redact("globex/api")).toBe("globex/api");
    const other = { ...SCOPE, owned: { ...SCOPE.owned, projects: [] } };
    expect(redact("globex/api", other)).toBe("[project-1]");
  });
});

describe("personal-data", () => {
  it.each([
    ["a public IPv4", "from 8.8.8.8", "from [REDACTED:ip]"],
    ["with a port", "8.8.8.8:443", "[REDACTED:ip]:443"],
    ["a version string of that shape", "version 1.2.3.4 released", "version [REDACTED:ip] released"],
    ["letters may touch", "v1.2.3.4", "v[REDACTED:ip]"],
    ["five parts touch a dot", "1.2.3.4.5", "1.2.3.4.5"],
    ["a leading dot touches", ".8.8.8.8", ".8.8.8.8"],
    ["a trailing dot not followed by a digit does not touch", "8.8.8.8.", "[REDACTED:ip]."],
    ["an octet over 255", "256.1.1.1", "256.1.1.1"],
    ["three parts", "1.2.3", "1.2.3"],
    ["IPv6", "client 2001:db8::1 connected", "client [REDACTED:ip] connected"],
    ["IPv6 in brackets", "[2001:db8::1]:443", "[[REDACTED:ip]]:443"],
    ["link-local IPv6", "fe80::1%eth0", "[REDACTED:ip]%eth0"],
    ["a time is not IPv6", "12:34:56", "12:34:56"],
    ["a Ruby constant is not IPv6", "Gitlab::Auth::Database", "Gitlab::Auth::Database"],
    ["hex-only constants are not IPv6", "Abc::Def and Bad::Face", "Abc::Def and Bad::Face"],
    ["a MAC address is not IPv6", "00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e"],
    ["an owned email", "from alice@acme.com", "from [REDACTED:email]"],
    ["an owned email, any case", "ALICE@ACME.COM", "[REDACTED:email]"],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it("with disclosure a text line keeps owned emails but not IPs (no acting user)", () => {
    expect(redact("alice@acme.com from 8.8.8.8 cc bob@evil.com", DISCLOSE)).toBe(
      "alice@acme.com from [REDACTED:ip] cc [email-1]",
    );
  });

  it.each([
    [
      "owned acting user: IPs and owned emails stay",
      '{"user":"alice","ip":"8.8.8.8","email":"alice@acme.com","cc":"bob@evil.com"}',
      '{"user":"alice","ip":"8.8.8.8","email":"alice@acme.com","cc":"[email-1]"}',
    ],
    [
      "private addresses stay system even then",
      '{"meta.user":"alice","meta.remote_ip":"10.0.0.1"}',
      '{"meta.user":"alice","meta.remote_ip":"[REDACTED:system]"}',
    ],
    [
      "acting user not owned",
      '{"author_name":"mallory","ip_address":"8.8.8.8"}',
      '{"author_name":"[user-1]","ip_address":"[REDACTED:ip]"}',
    ],
    ["no acting user", '{"ip_address":"8.8.8.8"}', '{"ip_address":"[REDACTED:ip]"}'],
    [
      "user is consulted before author_name",
      '{"author_name":"mallory","user":"alice","ip":"8.8.8.8"}',
      '{"author_name":"[user-1]","user":"alice","ip":"8.8.8.8"}',
    ],
    [
      "username is consulted before author_name",
      '{"author_name":"alice","username":"mallory","ip":"8.8.8.8"}',
      '{"author_name":"alice","username":"[user-1]","ip":"[REDACTED:ip]"}',
    ],
    [
      "only top-level keys name the acting user",
      '{"meta":{"user":"alice"},"ip":"8.8.8.8"}',
      '{"meta":{"user":"alice"},"ip":"[REDACTED:ip]"}',
    ],
  ])("with disclosure, JSON: %s", (_name, input, expected) => {
    expect(redact(input, DISCLOSE)).toBe(expected);
  });

  it("without disclosure, even the owned acting user's IP and email go", () => {
    expect(redact('{"user":"alice","ip":"8.8.8.8","email":"alice@acme.com"}')).toBe(
      '{"user":"alice","ip":"[REDACTED:ip]","email":"[REDACTED:email]"}',
    );
  });
});

describe("precedence: secret, system, other-account, personal-data", () => {
  it.each([
    ["secret over system", "token=10.0.0.1", "token=[REDACTED:secret]"],
    ["secret over other-account", "password=bob@evil.com", "password=[REDACTED:secret]"],
    ["secret over an identity key", '{"user":"glpat-abcdef123"}', '{"user":"[REDACTED:secret]"}'],
    ["secret inside a backtrace", '{"backtrace":"token=abc"}', '{"backtrace":"[REDACTED:secret]"}'],
    ["system over other-account (email at an internal host)", "bob@mail.internal", "[REDACTED:system]"],
    ["system over an identity value", "user=10.0.0.1", "user=[REDACTED:system]"],
    ["other-account over personal-data", "user=8.8.8.8", "user=[user-1]"],
    ["a secret mention", "password=@mallory", "password=[REDACTED:secret]"],
  ])("%s", (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });
});

describe("pseudonyms", () => {
  it("are numbered per kind in order of first appearance", () => {
    expect(redact("@carol @dave carol@x.io globex/web @carol globex/ops dave@x.io")).toBe(
      "@[user-1] @[user-2] [email-1] [project-1] @[user-1] [project-2] [email-2]",
    );
  });

  it("are stable within one redactor, across lines and case", () => {
    const r = createRedactor(SCOPE);
    expect(r.redactLine("@Mallory")).toBe("@[user-1]");
    expect(r.redactLine('{"user":"mallory","project":"Globex/Web"}')).toBe(
      '{"user":"[user-1]","project":"[project-1]"}',
    );
    expect(r.redactLine("user=MALLORY moved globex/web")).toBe("user=[user-1] moved [project-1]");
    expect(r.redactLine("@eve")).toBe("@[user-2]");
  });

  it("start again in a new redactor", () => {
    createRedactor(SCOPE).redactLine("@mallory @eve");
    expect(redact("@eve")).toBe("@[user-1]");
  });
});

describe("everything else stays exactly as it was", () => {
  it.each([
    "",
    "   ",
    "2024-03-15T12:00:00.000Z INFO correlation_id=01HQ7Z3X9KABCDEF event=project_created",
    "GET https://gitlab.com/acme/app/-/issues/1 200 12.5ms",
    "/var/log/gitlab/gitlab-rails/production_json.log",
    "Completed 200 OK in 35ms (Views: 1.2ms | ActiveRecord: 3.4ms)",
    "user_login by alice in acme/app",
    "Processing by Projects::IssuesController#index as HTML",
    "bearer of bad news is the basic idea",
  ])("%j", (line) => {
    expect(redact(line)).toBe(line);
  });

  it("a realistic owned audit event is unchanged", () => {
    const line =
      '{"id":42,"author_id":7,"author_name":"alice","entity_id":3,"entity_path":"acme/infra",' +
      '"entity_type":"Group","event_type":"user_login","target_id":7,"target_type":"User",' +
      '"target_details":"acme/infra","details":{"custom_message":"ok"},"created_at":"2024-03-01T10:00:00Z"}';
    expect(redact(line)).toBe(line);
  });
});

describe("summary", () => {
  it("starts at zero with every kind present", () => {
    expect(createRedactor(SCOPE).summary()).toEqual({
      lines: 0,
      redactions: { secret: 0, "other-account": 0, "personal-data": 0, system: 0 },
    });
  });

  it("counts calls and each replacement by kind", () => {
    const r = createRedactor(SCOPE);
    r.redactLine("password=x from 8.8.8.8 by @mallory on db.internal");
    r.redactLine('{"user":"mallory","email":"bob@evil.com","ip":"10.0.0.1","token":"t"}');
    r.redactLine("nothing here");
    r.redactLine("");
    expect(r.summary()).toEqual({
      lines: 4,
      redactions: { secret: 2, "other-account": 3, "personal-data": 1, system: 2 },
    });
  });

  it("returns a copy", () => {
    const r = createRedactor(SCOPE);
    r.summary().redactions.secret = 99;
    expect(r.summary().redactions.secret).toBe(0);
  });
});
