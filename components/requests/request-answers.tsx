import type { StoredAnswer } from "@/lib/requests/answers";

/** A request's justification as approvers and admins see it. */
export function JustificationText({ text }: { text: string }) {
  return text ? <q className="italic">{text}</q> : <span className="text-slate-500">None given</span>;
}

/** A request's answers to its policy's questions, with the question text. */
export function AnswerList({ answers }: { answers: Pick<StoredAnswer, "questionId" | "question" | "displayValue">[] }) {
  return (
    <ul className="space-y-1">
      {answers.map((a) => (
        <li key={a.questionId}>
          <span className="text-slate-600 dark:text-slate-400">{a.question}</span> {a.displayValue}
        </li>
      ))}
    </ul>
  );
}
