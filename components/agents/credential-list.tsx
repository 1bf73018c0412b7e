import type { CredentialSummary } from "@/lib/directory/list-credentials";
import type { FormState } from "@/components/forms/form-state";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";

type Props = {
  credentials: CredentialSummary[];
  principalName: string;
  /** The remove action, bound to the principal; absent when the viewer may not remove secrets. */
  remove?: (prev: FormState, formData: FormData) => Promise<FormState>;
  now: Date;
};

/** A principal's client secrets (name, first characters, dates; never the secret), each removable by those who may. */
export function CredentialList({ credentials, principalName, remove, now }: Props) {
  if (credentials.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No client secrets yet.</p>;
  return (
    <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={`Client secrets of ${principalName}`}>
      {credentials.map((c) => {
        const expired = c.expiresAt.getTime() <= now.getTime();
        return (
          <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm first:pt-0">
            <span className="font-medium">{c.displayName}</span>
            <code className="text-xs">{c.hint}•••</code>
            {expired ? <StateBadge state="expired" /> : null}
            {remove ? (
              <div className="ml-auto">
                <ConfirmActionForm action={remove} fields={{ credentialId: c.id }} label="Remove" what={`client secret ${c.displayName} (${c.hint}•••) of ${principalName}`} pendingLabel="Removing…" />
              </div>
            ) : null}
            <span className="basis-full text-xs text-slate-600 dark:text-slate-400">
              created {formatUtc(c.createdAt)}
              {c.createdByDisplayName ? ` by ${c.createdByDisplayName}` : ""} · {expired ? "expired" : "expires"} {formatUtc(c.expiresAt)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
