"use client";

import { useActionState, useEffect, useRef } from "react";
import type { CredentialSummary } from "@/lib/directory/list-credentials";
import type { FormState } from "@/components/forms/form-state";
import { ConfirmActionButtons } from "@/components/ui/confirm-action-form";
import { FormToast } from "@/components/ui/toast";
import { StateBadge } from "@/components/ui/badge";
import { formatUtc } from "@/components/format";
import { MAX_LIVE_SECRETS } from "@/lib/directory/credential-limits";

type Props = {
  credentials: CredentialSummary[];
  principalName: string;
  /** The remove action, bound to the principal; absent when the viewer may not remove secrets. */
  remove?: (prev: FormState, formData: FormData) => Promise<FormState>;
  now: Date;
};

const noRemove = async (): Promise<FormState> => ({ ok: false, code: "forbidden", message: "You are not allowed to remove credentials of this principal." });

/**
 * A principal's client secrets (name, first characters, dates; never the secret), each removable by those who may.
 * One action state for the whole list: the removed row disappears, so its outcome is shown (and focus kept) here.
 */
export function CredentialList({ credentials, principalName, remove, now }: Props) {
  const [state, formAction] = useActionState(remove ?? noRemove, null);
  const wrapper = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The Confirm button that had focus went away with its row: keep keyboard users in the list.
    if (state?.ok && wrapper.current && !wrapper.current.contains(document.activeElement)) wrapper.current.focus();
  }, [state]);
  const live = credentials.filter((c) => new Date(c.expiresAt).getTime() > new Date(now).getTime()).length;
  return (
    <div ref={wrapper} tabIndex={-1} className="outline-none">
      {credentials.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No client secrets yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 dark:divide-slate-800" aria-label={`Client secrets of ${principalName}`}>
          {credentials.map((c) => {
            const expired = new Date(c.expiresAt).getTime() <= new Date(now).getTime();
            return (
              <li key={c.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm first:pt-0">
                <span className="font-medium">{c.displayName}</span>
                <code className="text-xs">{c.hint}•••</code>
                {expired ? <StateBadge state="expired" /> : null}
                {remove ? (
                  <div className="ml-auto">
                    <ConfirmActionButtons formAction={formAction} fields={{ credentialId: c.id, credentialLabel: `${c.displayName} (${c.hint}•••)` }} label="Remove" what={`client secret ${c.displayName} (${c.hint}•••) of ${principalName}`} pendingLabel="Removing…" />
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
      )}
      {credentials.length > 0 ? (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
          {live} of at most {MAX_LIVE_SECRETS} secrets in force
          {live >= MAX_LIVE_SECRETS ? ": remove one it no longer uses before adding another." : "."}
        </p>
      ) : null}
      <FormToast state={state} />
    </div>
  );
}
