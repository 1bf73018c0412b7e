/**
 * A small, safe subset of Entra's membership-rule syntax for attributeRuleMembers:
 *   user.department -eq "Sales" -and (user.jobTitle -startsWith "Eng" -or -not user.userType -eq "guest")
 *   agent.blueprintDisplayName -in ["Contoso Support Copilot", "Finance Insights Agent"]
 * Operators -eq -ne -startsWith -contains -in; -and -or -not; parentheses. Comparisons ignore case.
 * Parsed into a tree, never evaluated as code.
 */

export const RULE_ATTRIBUTES = {
  user: ["displayName", "mail", "userPrincipalName", "department", "jobTitle", "userType", "accountEnabled"],
  agent: ["displayName", "description", "blueprintId", "blueprintDisplayName", "publisher", "accountEnabled"],
} as const;

type Subject = keyof typeof RULE_ATTRIBUTES;
type Op = "eq" | "ne" | "startswith" | "contains" | "in";
export type RuleNode =
  | { kind: "and" | "or"; left: RuleNode; right: RuleNode }
  | { kind: "not"; expr: RuleNode }
  | { kind: "cmp"; subject: Subject; attribute: string; op: Op; value: string | boolean | null | string[] };

export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(`${message} at position ${position + 1}`);
  }
}

type Token = { type: "op" | "ident" | "string" | "lparen" | "rparen" | "lbrack" | "rbrack" | "comma"; text: string; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const single: Record<string, Token["type"]> = { "(": "lparen", ")": "rparen", "[": "lbrack", "]": "rbrack", ",": "comma" };
    if (single[c]) {
      out.push({ type: single[c], text: c, pos: i });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let text = "";
      while (j < src.length && src[j] !== '"') {
        if (src[j] === "\\" && j + 1 < src.length) j++;
        text += src[j];
        j++;
      }
      if (j >= src.length) throw new RuleSyntaxError("Unterminated string", i);
      out.push({ type: "string", text, pos: i });
      i = j + 1;
    } else if (c === "-") {
      const m = /^-[A-Za-z]+/.exec(src.slice(i));
      if (!m) throw new RuleSyntaxError("Expected an operator after '-'", i);
      out.push({ type: "op", text: m[0].toLowerCase(), pos: i });
      i += m[0].length;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
      if (!m) throw new RuleSyntaxError(`Unexpected character '${c}'`, i);
      out.push({ type: "ident", text: m[0], pos: i });
      i += m[0].length;
    }
  }
  return out;
}

const COMPARISONS: Record<string, Op> = { "-eq": "eq", "-ne": "ne", "-startswith": "startswith", "-contains": "contains", "-in": "in" };

export function parseMembershipRule(src: string): RuleNode {
  if (src.length > 2000) throw new RuleSyntaxError("Rule is longer than 2000 characters", 0);
  const tokens = tokenize(src);
  let p = 0;
  let depth = 0;
  const peek = () => tokens[p];
  const end = src.length;
  const expect = (type: Token["type"], what: string) => {
    const t = tokens[p];
    if (!t || t.type !== type) throw new RuleSyntaxError(`Expected ${what}`, t ? t.pos : end);
    p++;
    return t;
  };
  const parseOr = (): RuleNode => {
    let left = parseAnd();
    while (peek()?.type === "op" && peek().text === "-or") {
      p++;
      left = { kind: "or", left, right: parseAnd() };
    }
    return left;
  };
  const parseAnd = (): RuleNode => {
    let left = parseNot();
    while (peek()?.type === "op" && peek().text === "-and") {
      p++;
      left = { kind: "and", left, right: parseNot() };
    }
    return left;
  };
  const parseNot = (): RuleNode => {
    if (peek()?.type === "op" && peek().text === "-not") {
      p++;
      return { kind: "not", expr: parseNot() };
    }
    return parsePrimary();
  };
  const parseValue = (): string | boolean | null => {
    const t = tokens[p];
    if (t?.type === "string") {
      p++;
      return t.text;
    }
    if (t?.type === "ident" && /^(true|false|null)$/i.test(t.text)) {
      p++;
      return t.text.toLowerCase() === "null" ? null : t.text.toLowerCase() === "true";
    }
    throw new RuleSyntaxError('Expected a value ("text", true, false or null)', t ? t.pos : end);
  };
  const parsePrimary = (): RuleNode => {
    const t = peek();
    if (!t) throw new RuleSyntaxError("Unexpected end of rule", end);
    if (t.type === "lparen") {
      if (++depth > 20) throw new RuleSyntaxError("Too many nested parentheses", t.pos);
      p++;
      const inner = parseOr();
      expect("rparen", "')'");
      depth--;
      return inner;
    }
    const prop = expect("ident", "a property such as user.department");
    const [subject, attribute, ...rest] = prop.text.split(".");
    if (!(subject in RULE_ATTRIBUTES) || !attribute || rest.length) throw new RuleSyntaxError(`Unknown property '${prop.text}' (use user.<attribute> or agent.<attribute>)`, prop.pos);
    const attrs = RULE_ATTRIBUTES[subject as Subject] as readonly string[];
    const attr = attrs.find((a) => a.toLowerCase() === attribute.toLowerCase());
    if (!attr) throw new RuleSyntaxError(`Unknown attribute '${attribute}' of ${subject} (known: ${attrs.join(", ")})`, prop.pos + subject.length + 1);
    const opTok = tokens[p];
    const op = opTok?.type === "op" ? COMPARISONS[opTok.text] : undefined;
    if (!op) throw new RuleSyntaxError("Expected an operator: -eq, -ne, -startsWith, -contains or -in", opTok ? opTok.pos : end);
    p++;
    if (op === "in") {
      expect("lbrack", "'[' to start the list for -in");
      const values: string[] = [];
      for (;;) {
        const v = tokens[p];
        if (v?.type !== "string") throw new RuleSyntaxError("Expected a quoted value in the list", v ? v.pos : end);
        values.push(v.text);
        p++;
        if (peek()?.type === "comma") {
          p++;
          continue;
        }
        expect("rbrack", "',' or ']'");
        break;
      }
      return { kind: "cmp", subject: subject as Subject, attribute: attr, op, value: values };
    }
    return { kind: "cmp", subject: subject as Subject, attribute: attr, op, value: parseValue() };
  };
  const tree = parseOr();
  if (p < tokens.length) throw new RuleSyntaxError(`Unexpected '${tokens[p].text}'`, tokens[p].pos);
  return tree;
}

/** The attributes of one principal a rule can test. */
export type RuleFacts = { subject: Subject; attributes: Record<string, string | boolean | null | undefined> };

const norm = (v: unknown) => (v === null || v === undefined ? null : String(v).toLowerCase());

export function evaluateMembershipRule(node: RuleNode, facts: RuleFacts): boolean {
  switch (node.kind) {
    case "and":
      return evaluateMembershipRule(node.left, facts) && evaluateMembershipRule(node.right, facts);
    case "or":
      return evaluateMembershipRule(node.left, facts) || evaluateMembershipRule(node.right, facts);
    case "not":
      return !evaluateMembershipRule(node.expr, facts);
    case "cmp": {
      if (node.subject !== facts.subject) return false;
      const actual = norm(facts.attributes[node.attribute]);
      switch (node.op) {
        case "eq":
          return actual === norm(node.value);
        case "ne":
          return actual !== norm(node.value);
        case "startswith":
          return actual !== null && node.value !== null && actual.startsWith(norm(node.value)!);
        case "contains":
          return actual !== null && node.value !== null && actual.includes(norm(node.value)!);
        case "in":
          return actual !== null && (node.value as string[]).some((v) => norm(v) === actual);
      }
    }
  }
}
