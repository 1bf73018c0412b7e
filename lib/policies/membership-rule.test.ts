import { describe, expect, it } from "vitest";
import { evaluateMembershipRule, parseMembershipRule, RuleSyntaxError, type RuleFacts } from "./membership-rule";
import { policyInputSchema } from "./settings";

const maya: RuleFacts = { subject: "user", attributes: { displayName: "Maya Chen", department: "Support Engineering", jobTitle: "Support Engineering Manager", userType: "member", mail: "maya.chen@contoso.example", accountEnabled: true } };
const agent: RuleFacts = { subject: "agent", attributes: { displayName: "Ticket Triage Agent", blueprintDisplayName: "Contoso Support Copilot", publisher: "Contoso", accountEnabled: true } };

describe("membership rules (attributeRuleMembers)", () => {
  const valid: [string, RuleFacts, boolean][] = [
    ['user.department -eq "Support Engineering"', maya, true],
    ['user.department -eq "support engineering"', maya, true],
    ['user.department -ne "Finance"', maya, true],
    ['user.jobTitle -startsWith "Support"', maya, true],
    ['user.mail -contains "@contoso.example"', maya, true],
    ['user.userType -in ["member", "guest"]', maya, true],
    ['user.department -eq "Sales" -or user.jobTitle -contains "Manager"', maya, true],
    ['user.department -eq "Sales" -and user.jobTitle -contains "Manager"', maya, false],
    ['-not (user.userType -eq "guest")', maya, true],
    ['(user.department -eq "Support Engineering") -and -not (user.jobTitle -startsWith "VP")', maya, true],
    ['agent.blueprintDisplayName -eq "Contoso Support Copilot"', agent, true],
    ['agent.publisher -in ["Fabrikam AI"]', agent, false],
    ['user.department -eq "Support Engineering"', agent, false],
    ["user.accountEnabled -eq true", maya, true],
    ["user.department -eq null", maya, false],
  ];
  for (const [rule, facts, expected] of valid) {
    it(`${rule} → ${expected}`, () => {
      expect(evaluateMembershipRule(parseMembershipRule(rule), facts)).toBe(expected);
    });
  }

  const malformed: [string, RegExp, number][] = [
    ['user.department -eq "Sales', /Unterminated string/, 21],
    ['user.department -equals "Sales"', /Expected an operator/, 17],
    ['user.salary -eq "1"', /Unknown attribute 'salary'/, 6],
    ['device.os -eq "x"', /Unknown property/, 1],
    ['(user.department -eq "Sales"', /Expected '\)'/, 29],
    ['user.department -eq "Sales" -and', /Unexpected end/, 33],
    ['user.userType -in "member"', /'\['/, 19],
    ['user.department -eq "a" user.jobTitle -eq "b"', /Unexpected 'user.jobTitle'/, 25],
    ["user.department -eq Sales", /Expected a value/, 21],
    ["user.department ; drop table", /Unexpected character ';'/, 17],
  ];
  for (const [rule, message, position] of malformed) {
    it(`rejects ${JSON.stringify(rule)} with its position`, () => {
      let err: unknown;
      try {
        parseMembershipRule(rule);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(RuleSyntaxError);
      expect((err as RuleSyntaxError).message).toMatch(message);
      expect((err as RuleSyntaxError).position + 1).toBe(position);
    });
  }

  it("a malformed rule is rejected when the policy is saved, naming the position", () => {
    const r = policyInputSchema.safeParse({
      accessPackageId: "00000000-0000-4000-8000-000000000001",
      displayName: "By rule",
      allowedTargetScope: "specificDirectoryUsers",
      specificAllowedTargets: [{ "@odata.type": "#microsoft.graph.attributeRuleMembers", membershipRule: 'user.department -eq "Sales' }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toMatch(/invalid membership rule: Unterminated string at position 21/);
    expect(r.error!.issues[0].path).toEqual(["specificAllowedTargets", 0, "membershipRule"]);
  });
});
