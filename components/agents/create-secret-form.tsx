"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/components/format";
import type { FormState } from "@/components/forms/form-state";
import { FormError } from "@/components/ui/toast";
import { Field, controlClasses } from "@/components/ui/field";
import type { ClientEndpoints } from "@/lib/auth/discovery";
import type { CreatedSecretView } from "@/lib/actions/client-secrets";

export type CreateSecretFormProps = {
  action: (prev: FormState<CreatedSecretView>, formData: FormData) => Promise<FormState<CreatedSecretView>>;
  /** Where the secret is used, at the address clients reach Steward at (computed on the server: clientEndpoints). */
  endpoints: ClientEndpoints;
  principalId: string;
  agentName: string;
  /** The ids of the principal's secrets as the page now lists them: a new secret removed meanwhile is no longer shown. */
  credentialIds: readonly string[];
};

function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
        />
        <Button
          size="sm"
          variant="secondary"
          aria-label={`Copy ${label.toLowerCase()}`}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
              setTimeout(() => setCopied(false), 2000);
            } catch {
              document.getElementById(id)?.focus();
            }
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}

/** "Create client secret" and, once created, the secret itself: shown this one time only. */
export function CreateSecretForm({ action, endpoints, principalId, agentName, credentialIds }: CreateSecretFormProps) {
  const [state, formAction] = useActionState(action, null);
  const [hidden, setHidden] = useState<FormState<CreatedSecretView>>(null);
  const secret = state?.ok && state.data && hidden !== state && credentialIds.includes(state.data.credentialId) ? state.data : null;
  return (
    <div className="space-y-3">
      <form action={formAction} className="space-y-2">
        <input type="hidden" name="principalId" value={principalId} />
        <Field label="Secret name" name="displayName" id={`secret-name-${principalId}`} hint="Optional: tells secrets apart, e.g. “CI pipeline”." errors={state && !state.ok ? state.fieldErrors?.displayName : undefined} className="max-w-sm">
          {(c) => <input {...c} type="text" maxLength={100} placeholder="Client secret" autoComplete="off" className={controlClasses(Boolean(c["aria-invalid"]))} />}
        </Field>
        <div>
          <SubmitButton variant="secondary" size="sm" pendingLabel="Creating…" aria-describedby={`secret-help-${principalId}`}>
            Create client secret
          </SubmitButton>
          <span id={`secret-help-${principalId}`} className="sr-only">
            for {agentName}
          </span>
        </div>
      </form>
      <FormError state={state} />
      {secret ? (
        <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          <p className="text-sm font-semibold text-amber-950 dark:text-amber-100">Copy it now — it won&apos;t be shown again.</p>
          <CopyField id={`client-id-${principalId}`} label="Client ID" value={secret.clientId} />
          <CopyField id={`client-secret-${principalId}`} label="Client secret" value={secret.clientSecret} />
          <CopyField id={`token-endpoint-${principalId}`} label="Token endpoint" value={endpoints.tokenEndpoint} />
          <CopyField id={`issuer-${principalId}`} label="Issuer" value={endpoints.issuer} />
          <p className="text-xs text-amber-900 dark:text-amber-200">
            Expires {formatUtc(secret.expiresAt)}. Exchange the client ID and secret for a token at the token endpoint
            (OAuth client credentials); OAuth libraries and the MCP SDK find the endpoint themselves from the issuer.{" "}
            <Link href="/docs/api" className="underline">
              API reference
            </Link>
          </p>
          <Button size="sm" variant="ghost" onClick={() => setHidden(state)}>
            I&apos;ve copied it
          </Button>
        </div>
      ) : null}
    </div>
  );
}
