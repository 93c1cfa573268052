import { describe, expect, it } from "vitest";
import { recipientsOf } from "@/lib/outbox/recipients";

describe("recipientsOf: each address of a message's `to`, as the notifications page looks it up", () => {
  it.each<[string, string[]]>([
    ["sirt@corp.example", ["sirt@corp.example"]],
    ["Riley.SIRT@Corp.Example", ["riley.sirt@corp.example"]],
    ["csm@corp.example, support@corp.example", ["csm@corp.example", "support@corp.example"]],
    ["  a@x.example ,b@x.example  ", ["a@x.example", "b@x.example"]],
    ["a@x.example,,b@x.example,", ["a@x.example", "b@x.example"]],
    ["A@x.example, a@x.example", ["a@x.example"]],
    ["", []],
    [" , ", []],
  ])("%j -> %j", (to, expected) => {
    expect(recipientsOf(to)).toEqual(expected);
  });
});
