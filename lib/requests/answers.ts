import { z } from "zod";
import { invalid, type FieldErrors } from "@/lib/errors";
import type { Question } from "@/lib/policies/settings";

export const answerInputSchema = z.object({
  questionId: z.string().min(1).max(64),
  value: z.union([z.string().max(4000), z.array(z.string().max(200)).max(50)]),
});
export type AnswerInput = z.infer<typeof answerInputSchema>;
export type StoredAnswer = { questionId: string; question: string; value: string | string[]; displayValue: string };

/** Checks answers against the policy's questions and returns them ready to store (with the question text, for approvers). */
export function validateAnswers(questions: readonly Question[], answers: readonly AnswerInput[]): StoredAnswer[] {
  const errors: FieldErrors = {};
  const byId = new Map(answers.map((a) => [a.questionId, a]));
  for (const a of answers) if (!questions.some((q) => q.id === a.questionId)) (errors[`answers.${a.questionId}`] ??= []).push("no such question on this policy");
  const out: StoredAnswer[] = [];
  for (const q of [...questions].sort((a, b) => a.sequence - b.sequence)) {
    const a = byId.get(q.id);
    const values = a === undefined ? [] : (Array.isArray(a.value) ? a.value : [a.value]).map((v) => v.trim()).filter(Boolean);
    if (values.length === 0) {
      if (q.isRequired) (errors[`answers.${q.id}`] ??= []).push(`"${q.text}" needs an answer`);
      continue;
    }
    if (q["@odata.type"] === "#microsoft.graph.accessPackageMultipleChoiceQuestion") {
      const bad = values.filter((v) => !q.choices.some((c) => c.actualValue === v));
      if (bad.length) (errors[`answers.${q.id}`] ??= []).push(`not a choice of "${q.text}": ${bad.join(", ")}`);
      if (!q.allowsMultipleSelection && values.length > 1) (errors[`answers.${q.id}`] ??= []).push("choose one answer");
      const display = values.map((v) => q.choices.find((c) => c.actualValue === v)?.text ?? v).join(", ");
      out.push({ questionId: q.id, question: q.text, value: q.allowsMultipleSelection ? values : values[0], displayValue: display });
    } else {
      if (values.length > 1) (errors[`answers.${q.id}`] ??= []).push("give one answer");
      if (q.regexPattern) {
        let re: RegExp | null = null;
        try {
          re = new RegExp(`^(?:${q.regexPattern})$`);
        } catch {
          re = null;
        }
        if (re && !re.test(values[0])) (errors[`answers.${q.id}`] ??= []).push(`"${q.text}" is not in the expected format`);
      }
      out.push({ questionId: q.id, question: q.text, value: values[0], displayValue: values[0] });
    }
  }
  const keys = Object.keys(errors);
  if (keys.length) throw invalid(`Check your answers: ${errors[keys[0]][0]}.`, errors);
  return out;
}
