"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormToast } from "@/components/ui/toast";
import type { FormState } from "@/components/forms/form-state";

export type AgentEnabledToggleProps = {
  action: (prev: FormState, formData: FormData) => Promise<FormState>;
  agentId: string;
  agentName: string;
  /** What it is called on the buttons: "agent" (the default) or "service principal". */
  noun?: string;
  enabled: boolean;
  /** Set when the viewer may not switch it (an administrator's disable): shown instead of the button. */
  blockedReason?: string;
};

/** Disable (asks once more: the agent loses its access at once) or Enable an agent. */
export function AgentEnabledToggle({ action, agentId, agentName, noun = "agent", enabled, blockedReason }: AgentEnabledToggleProps) {
  const [state, formAction] = useActionState(action, null);
  const [confirming, setConfirming] = useState(false);
  if (blockedReason) return <p className="max-w-xs text-sm text-slate-600 dark:text-slate-400">{blockedReason}</p>;
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2" onSubmit={() => setConfirming(false)}>
      <input type="hidden" name="agentId" value={agentId} />
      <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
      {enabled ? (
        confirming ? (
          <>
            <SubmitButton variant="danger" size="sm" pendingLabel="Disabling…" autoFocus>
              Confirm disable<span className="sr-only"> {agentName}</span>
            </SubmitButton>
            <Button variant="ghost" size="sm" onClick={() => setConfirming(false)}>
              Keep enabled
            </Button>
          </>
        ) : (
          <Button variant="secondary" size="sm" onClick={() => setConfirming(true)}>
            Disable {noun}
          </Button>
        )
      ) : (
        <SubmitButton size="sm" pendingLabel="Enabling…">
          Enable {noun}
        </SubmitButton>
      )}
      <FormToast state={state} />
    </form>
  );
}
