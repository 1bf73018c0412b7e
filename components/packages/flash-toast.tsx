"use client";

import { useEffect, useState } from "react";
import { FormToast } from "@/components/ui/toast";

/** A success toast for what the previous page did (e.g. `?created=1`); the flag is dropped from the address so a reload doesn't repeat it. */
export function FlashToast({ message, param }: { message: string; param: string }) {
  const [state] = useState(() => ({ ok: true, message }));
  useEffect(() => {
    const url = new URL(window.location.href);
    if (!url.searchParams.has(param)) return;
    url.searchParams.delete(param);
    window.history.replaceState(window.history.state, "", url.pathname + (url.search || "") + url.hash);
  }, [param]);
  return <FormToast state={state} />;
}
