// Bulk import of customer accounts: CSV and JSON text -> rows and per-row errors (lib/accounts/import.ts, csv.ts, import-row.ts).
import { describe, expect, it } from "vitest";
import { parseCsv } from "@/lib/accounts/csv";
import { detectFormat, parseImport, type ImportRow } from "@/lib/accounts/import";
import { parseUser } from "@/lib/accounts/import-row";
import { pathProblem } from "@/lib/accounts/schemas";

const HEADER = "slug,name,plan,deployment,paying,support_plan,incident_notification,notification_contact,groups,projects,users,csm_emails";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n");
const errorsOf = (row: ImportRow | undefined) => (row?.errors ?? []).map((e) => `${e.field}: ${e.message}`);

describe("parseCsv: RFC 4180 records", () => {
  it.each<[string, string, string[][]]>([
    ["plain fields", "a,b,c\n1,2,3", [["a", "b", "c"], ["1", "2", "3"]]],
    ["a quoted comma", 'a,"b, c",d', [["a", "b, c", "d"]]],
    ["a doubled quote", 'a,"say ""hi""",d', [["a", 'say "hi"', "d"]]],
    ["a newline inside quotes", 'a,"two\nlines",d\n1,2,3', [["a", "two\nlines", "d"], ["1", "2", "3"]]],
    ["CRLF line ends, and CRLF inside quotes kept as one newline", 'a,b\r\n"x\r\ny",z\r\n', [["a", "b"], ["x\ny", "z"]]],
    ["empty fields", "a,,c\n,,", [["a", "", "c"]]],
    ["blank lines are skipped", "a,b\n\n\n1,2\n", [["a", "b"], ["1", "2"]]],
    ["a byte-order mark is dropped", "\uFEFFa,b", [["a", "b"]]],
    ["a quote after spaces opens a quoted field", 'a, "b,c"', [["a", "b,c"]]],
    ["a quote inside an unquoted value is kept", 'a,b"c,d', [["a", 'b"c', "d"]]],
    ["no final newline", "a,b\n1,2", [["a", "b"], ["1", "2"]]],
  ])("%s", (_name, text, expected) => {
    const { records, error } = parseCsv(text);
    expect(error).toBeNull();
    expect(records.map((r) => r.fields)).toEqual(expected);
  });

  it("gives the line each record starts on, counting newlines inside quotes", () => {
    const { records } = parseCsv('h\n"one\ntwo"\nthree\n\nfour');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4, 6]);
  });

  it("an unclosed quote is an error naming the line", () => {
    expect(parseCsv('a,b\n1,"open\n2,3').error).toMatch(/quote opened on line 2 is never closed/);
  });
});

describe("parseImport (CSV): one row per account, with per-row errors", () => {
  it("reads a complete row: lists split on ';', users with and without an email, yes/no booleans", () => {
    const { rows, fileErrors } = parseImport(
      csv('acme,"Acme, Inc.",Premium,saas,yes,current,yes,Security@Acme.example,acme;acme/infra,acme/infra/api,"jdoe <JDoe@acme.example>; deploy-bot",csm@logdesk.test'),
      "csv",
    );
    expect(fileErrors).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[0]!.where).toBe("Line 2");
    expect(rows[0]!.account).toEqual({
      fields: { name: "Acme, Inc.", slug: "acme", plan: "premium", deployment: "saas", paying: true, supportPlan: "current", incidentNotification: true, notificationContact: "security@acme.example" },
      resources: [
        { kind: "group", path: "acme", email: null },
        { kind: "group", path: "acme/infra", email: null },
        { kind: "project", path: "acme/infra/api", email: null },
        { kind: "user", path: "jdoe", email: "jdoe@acme.example" },
        { kind: "user", path: "deploy-bot", email: null },
      ],
      csmEmails: ["csm@logdesk.test"],
    });
  });

  it("optional columns may be left out of the header; defaults apply", () => {
    const { rows, fileErrors } = parseImport("slug,name,plan,deployment,paying\nstark,Stark,ultimate,self-managed,no", "csv");
    expect(fileErrors).toEqual([]);
    expect(rows[0]!.account?.fields).toMatchObject({ deployment: "self_managed", paying: false, supportPlan: "current", incidentNotification: false, notificationContact: null });
    expect(rows[0]!.account?.resources).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    ["a bad plan", "acme,Acme,gold,saas,yes,,,,,,,", ["plan: “gold” is not a plan: use free, trial, premium or ultimate."]],
    ["a missing slug", ",Acme,premium,saas,yes,,,,,,,", ["slug: Enter a slug, e.g. acme."]],
    ["a slug with spaces", "acme corp,Acme,premium,saas,yes,,,,,,,", ["slug: Use lowercase letters, digits and “-” (not at the start or end), e.g. acme-corp."]],
    ["a missing name", "acme,,premium,saas,yes,,,,,,,", ["name: Enter the customer's name."]],
    ["a bad deployment", "acme,Acme,premium,cloud,yes,,,,,,,", ["deployment: “cloud” is not a deployment: use saas or self_managed."]],
    ["paying left empty", "acme,Acme,premium,saas,,,,,,,,", ["paying: Say whether the account is paying: yes or no."]],
    ["paying not a yes or no", "acme,Acme,premium,saas,maybe,,,,,,,", ["paying: “maybe” is not yes or no."]],
    ["a bad support plan", "acme,Acme,premium,saas,yes,legacy,,,,,,", ["support_plan: “legacy” is not a support plan: use current or deprecated."]],
    ["incident notification without a contact", "acme,Acme,premium,saas,yes,,yes,,,,,", ["notification_contact: The agreement asks to be told of incidents within 24 hours: give the email to notify."]],
    ["a bad notification contact", "acme,Acme,premium,saas,yes,,no,not-an-email,,,,", ["notification_contact: Enter a valid email address, like security@customer.example."]],
    ["a project that is not under a group", "acme,Acme,premium,saas,yes,,,,acme,api,,", ["projects: “api” is not a project path: a project lives under a group, like acme/api."]],
    ["a group with a blank", "acme,Acme,premium,saas,yes,,,,acme/my team,,,", ["groups: “acme/my team” contains a blank: paths and user names have no spaces."]],
    ["a group with a trailing slash", "acme,Acme,premium,saas,yes,,,,acme/,,,", ["groups: “acme/” has an empty part: write it like acme/infra, without a leading, trailing or double “/”."]],
    ["a path with a bad character", "acme,Acme,premium,saas,yes,,,,acme/in$fra,,,", ["groups: “acme/in$fra”: use only letters, digits, “_”, “.” and “-” in each part, separated by “/”."]],
    ["a path with ..", "acme,Acme,premium,saas,yes,,,,acme/..,,,", ["groups: “acme/..”: a part cannot be “.” or “..”."]],
    ["a user with a slash", "acme,Acme,premium,saas,yes,,,,,,acme/jdoe,", ["users: “acme/jdoe” is not a user name: a user name is one word, without “/”."]],
    ["a user with a broken email", "acme,Acme,premium,saas,yes,,,,,,jdoe <jdoe@>,", ["users: “jdoe@” (user jdoe) is not an email address."]],
    ["a user with an unclosed <", "acme,Acme,premium,saas,yes,,,,,,jdoe <jdoe@x.example,", ["users: “jdoe <jdoe@x.example”: write a user as name or name <email>, like jdoe <jdoe@example.com>."]],
    ["an email with no user name", "acme,Acme,premium,saas,yes,,,,,,<jdoe@x.example>,", ["users: “<jdoe@x.example>” has no user name before the email."]],
    ["the same group twice, in another case", "acme,Acme,premium,saas,yes,,,,acme;ACME,,,", ["groups: “ACME” is listed twice."]],
    ["a path both group and project", "acme,Acme,premium,saas,yes,,,,acme/api,acme/api,,", ["projects: “acme/api” is listed twice."]],
    ["a CSM email that is not one", "acme,Acme,premium,saas,yes,,,,,,,casey", ["csm_emails: “casey” is not an email address."]],
    ["too few values", "acme,Acme,premium", ["row: This row has 3 values but the header has 12. Put a value that contains a comma in double quotes."]],
    ["an unquoted comma in the name", "acme,Acme, Inc.,premium,saas,yes,,,,,,,", ["row: This row has 13 values but the header has 12. Put a value that contains a comma in double quotes."]],
  ])("%s", (_name, line, expected) => {
    const { rows, fileErrors } = parseImport(csv(line), "csv");
    expect(fileErrors).toEqual([]);
    expect(errorsOf(rows[0])).toEqual(expected);
    expect(rows[0]!.account).toBeNull();
  });

  it("reports every problem of a row, not only the first", () => {
    const { rows } = parseImport(csv("Bad Slug,,gold,cloud,maybe,,,,,api,,"), "csv");
    expect(rows[0]!.errors.map((e) => e.field).sort()).toEqual(["deployment", "name", "paying", "plan", "projects", "slug"]);
  });

  it("a slug twice in one file is an error on the later row, naming the first", () => {
    const { rows } = parseImport(csv("acme,Acme,premium,saas,yes,,,,,,,", "globex,Globex,ultimate,saas,yes,,,,,,,", "ACME,Acme again,premium,saas,yes,,,,,,,"), "csv");
    expect(rows.map((r) => r.errors.length)).toEqual([0, 0, 1]);
    expect(errorsOf(rows[2])).toEqual(["slug: “acme” is also on line 2: list each account once per import."]);
    expect(rows[2]!.account).toBeNull();
  });

  it("a quoted value across lines keeps later rows' line numbers right", () => {
    const { rows } = parseImport(csv('acme,"Acme\nCorp",premium,saas,yes,,,,,,,', "globex,Globex,gold,saas,yes,,,,,,,"), "csv");
    // An account name is one line (issue 12, finding 6): the row is refused, naming the name.
    expect(rows[0]!.name).toBe("Acme\nCorp");
    expect(rows[0]!.account).toBeNull();
    expect(JSON.stringify(rows[0]!.errors)).toMatch(/one line/);
    expect(rows[1]!.where).toBe("Line 4");
  });

  it.each<[string, string, RegExp]>([
    ["an unknown column", "slug,name,plan,deployment,paying,colour\n", /“colour” is not a column/],
    ["a missing required column", "slug,name,plan,deployment\nacme,Acme,premium,saas", /needs the column paying/],
    ["a repeated column", "slug,name,plan,deployment,paying,plan\n", /names “plan” more than once/],
    ["an unclosed quote", `${HEADER}\nacme,"Acme`, /never closed/],
    ["no rows", `${HEADER}\n`, /no accounts/],
    ["nothing at all", "", /no accounts/],
  ])("the file as a whole: %s", (_name, text, expected) => {
    const { rows, fileErrors } = parseImport(text, "csv");
    expect(rows).toEqual([]);
    expect(fileErrors.join(" ")).toMatch(expected);
  });

  it("header names are matched loosely: case, blanks and dashes", () => {
    const { fileErrors, rows } = parseImport("Slug,Name,Plan,Deployment,Paying,Support Plan,CSM-Emails\nacme,Acme,premium,saas,yes,deprecated,", "csv");
    expect(fileErrors).toEqual([]);
    expect(rows[0]!.account?.fields.supportPlan).toBe("deprecated");
  });
});

describe("parseImport (JSON): an array of objects with the same fields", () => {
  const one = (o: Record<string, unknown>) => JSON.stringify([{ slug: "acme", name: "Acme", plan: "premium", deployment: "saas", paying: true, ...o }]);

  it("reads lists as arrays, users as strings or objects, camelCase names too", () => {
    const { rows, fileErrors } = parseImport(
      one({ groups: ["acme"], projects: ["acme/api"], users: ["jdoe <jdoe@acme.example>", { name: "bob", email: "Bob@acme.example" }], csmEmails: ["csm@logdesk.test"], incidentNotification: true, notification_contact: "sec@acme.example" }),
      "json",
    );
    expect(fileErrors).toEqual([]);
    expect(rows[0]!.where).toBe("Item 1");
    expect(rows[0]!.account?.resources).toEqual([
      { kind: "group", path: "acme", email: null },
      { kind: "project", path: "acme/api", email: null },
      { kind: "user", path: "jdoe", email: "jdoe@acme.example" },
      { kind: "user", path: "bob", email: "bob@acme.example" },
    ]);
    expect(rows[0]!.account?.fields.incidentNotification).toBe(true);
    expect(rows[0]!.account?.csmEmails).toEqual(["csm@logdesk.test"]);
  });

  it.each<[string, string, RegExp]>([
    ["not JSON", "[{slug: acme}]", /JSON could not be read/],
    ["an object, not a list", JSON.stringify({ slug: "acme" }), /must be a list of accounts/],
    ["a string", JSON.stringify("acme"), /must be a list of accounts/],
    ["an empty list", "[]", /no accounts/],
  ])("the file as a whole: %s", (_name, text, expected) => {
    const { fileErrors } = parseImport(text, "json");
    expect(fileErrors.join(" ")).toMatch(expected);
  });

  it.each<[string, string, string[]]>([
    ["an item that is not an object", JSON.stringify(["acme"]), ["row: Item 1 is not an account: write it as {\"slug\": ..., \"name\": ..., ...}."]],
    ["an item that is a list", JSON.stringify([["acme"]]), ["row: Item 1 is not an account: write it as {\"slug\": ..., \"name\": ..., ...}."]],
    ["an unknown field", one({ colour: "red" }), ["row: “colour” is not a field. The fields are: slug, name, plan, deployment, paying, support_plan, incident_notification, notification_contact, groups, projects, users, csm_emails."]],
    ["a list that is not one", one({ groups: 42 }), ["groups: Write groups as a list: separated by “;” in CSV, an array in JSON."]],
    ["a path that is not text", one({ projects: [7] }), ["projects: Write each of the projects as a path, like acme/infra."]],
    ["a name that is not text", one({ name: { first: "Acme" } }), ["name: Write name as text.", "name: Enter the customer's name."]],
    ["a user that is neither text nor {name, email}", one({ users: [42] }), ["users: Write each user as \"name\" or \"name <email>\"."]],
    ["paying as a string", one({ paying: "perhaps" }), ["paying: “perhaps” is not yes or no."]],
    ["a bad plan", one({ plan: "enterprise" }), ["plan: “enterprise” is not a plan: use free, trial, premium or ultimate."]],
  ])("%s", (_name, text, expected) => {
    const { rows, fileErrors } = parseImport(text, "json");
    expect(fileErrors).toEqual([]);
    expect(errorsOf(rows[0])).toEqual(expected);
  });

  it("a slug twice is an error on the later item", () => {
    const a = { slug: "acme", name: "Acme", plan: "premium", deployment: "saas", paying: true };
    const { rows } = parseImport(JSON.stringify([a, { ...a, name: "Again" }]), "json");
    expect(errorsOf(rows[1])).toEqual(["slug: “acme” is also on item 1: list each account once per import."]);
  });
});

describe("pathProblem: the shape of a path by kind", () => {
  it.each<[string, "group" | "project" | "user", string, boolean]>([
    ["a top-level group", "group", "acme", true],
    ["a subgroup", "group", "acme/infra", true],
    ["a deep subgroup", "group", "acme/infra/k8s", true],
    ["dots, dashes and underscores", "group", "acme-x/my_team.v2", true],
    ["a project under a group", "project", "acme/api", true],
    ["a project under a subgroup", "project", "acme/infra/api", true],
    ["a project without a group", "project", "api", false],
    ["a user", "user", "jdoe", true],
    ["a user with a dot", "user", "bob.smith", true],
    ["a user with a slash", "user", "acme/jdoe", false],
    ["empty", "group", "", false],
    ["a leading slash", "group", "/acme", false],
    ["a double slash", "project", "acme//api", false],
    ["a blank", "user", "j doe", false],
    ["a non-ASCII letter", "group", "acmé", false],
    ["a . segment", "project", "acme/./api", false],
  ])("%s (%s %s) -> ok %s", (_name, kind, path, ok) => {
    expect(pathProblem(kind, path) === null).toBe(ok);
  });
});

describe("parseUser and detectFormat", () => {
  it.each<[unknown, ReturnType<typeof parseUser>]>([
    ["jdoe", { name: "jdoe", email: null }],
    ["jdoe <jdoe@x.example>", { name: "jdoe", email: "jdoe@x.example" }],
    ["jdoe<JDOE@x.example>", { name: "jdoe", email: "jdoe@x.example" }],
    ["jdoe <>", { name: "jdoe", email: null }],
    [{ name: "jdoe" }, { name: "jdoe", email: null }],
  ])("%j", (input, expected) => {
    expect(parseUser(input)).toEqual(expected);
  });

  it.each<[string, string | undefined, "csv" | "json"]>([
    ["slug,name", undefined, "csv"],
    ["  [{}]", undefined, "json"],
    ["\uFEFF[]", undefined, "json"],
    ["[]", "accounts.csv", "csv"],
    ["slug", "accounts.JSON", "json"],
  ])("%j (%s) is %s", (text, filename, expected) => {
    expect(detectFormat(text, filename)).toBe(expected);
  });
});
