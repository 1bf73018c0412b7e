import { describeDuration } from "@/lib/time/duration";
import type { Expiration, Question } from "@/lib/policies/settings";
import type { FieldErrors } from "@/lib/errors";

/** UTC, to the second: what a model reads and passes back most reliably. */
export function at(d: Date | string | null | undefined): string {
  if (!d) return "no end date";
  return new Date(d).toISOString().replace(/\.\d{3}Z$/, "Z");
}

export function until(d: Date | string | null | undefined): string {
  return d ? `until ${at(d)}` : "with no end date";
}

export function quote(s: string): string {
  return `"${s.replace(/\s+/g, " ").trim()}"`;
}

export function names(list: readonly string[]): string {
  if (list.length <= 1) return list[0] ?? "";
  return `${list.slice(0, -1).join(", ")} or ${list[list.length - 1]}`;
}

export function maxDuration(e: Expiration): string {
  if (e.type === "afterDuration" && e.duration) return `lasts at most ${describeDuration(e.duration)}`;
  if (e.type === "afterDateTime" && e.endDateTime) return `ends at the latest ${at(e.endDateTime)}`;
  return "no end date";
}

/** `questions: workstream (required) "Which workstream?"; tier (one of: a, b) "Which tier?"` */
export function describeQuestions(questions: readonly Question[]): string {
  if (questions.length === 0) return "no questions";
  const parts = [...questions]
    .sort((a, b) => a.sequence - b.sequence)
    .map((q) => {
      const flags = [q.isRequired ? "required" : "optional"];
      if (q["@odata.type"] === "#microsoft.graph.accessPackageMultipleChoiceQuestion") {
        flags.push(`${q.allowsMultipleSelection ? "any of" : "one of"}: ${q.choices.map((c) => c.actualValue).join(", ")}`);
      }
      return `${q.id} (${flags.join("; ")}) ${quote(q.text)}`;
    });
  return `answers needed for questions ${parts.join("; ")}`;
}

/** A domain error as one plain paragraph: the message, then each field to fix. */
export function describeError(message: string, fieldErrors?: FieldErrors): string {
  const fields = Object.entries(fieldErrors ?? {}).map(([k, v]) => `${k}: ${v.join("; ")}`);
  const extra = fields.filter((f) => !message.includes(f.split(": ").slice(1).join(": ")));
  return extra.length ? `${message}\nFix: ${extra.join(" | ")}` : message;
}
