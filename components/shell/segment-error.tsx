"use client";

import { useEffect } from "react";

export type SegmentErrorProps = { error: unknown; retry: () => void };

/** The error state of a page inside the shell. Server error details never reach the browser; the digest matches the server log. */
export function SegmentError({ error, retry }: SegmentErrorProps) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest =
    error && typeof error === "object" && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-6 dark:border-red-900 dark:bg-red-950">
      <h1 className="text-lg font-semibold text-red-900 dark:text-red-100">Something went wrong</h1>
      <p className="mt-1 text-sm text-red-800 dark:text-red-200">
        This page could not be shown. Try again; if it keeps failing, tell your administrator
        {digest ? " and quote the reference below" : ""}.
      </p>
      {digest ? <p className="mt-2 font-mono text-xs text-red-800 dark:text-red-300">Reference: {digest}</p> : null}
      <button
        type="button"
        onClick={() => retry()}
        className="mt-4 inline-flex h-9 items-center rounded-md bg-red-700 px-4 text-sm font-medium text-white hover:bg-red-800 dark:bg-red-500 dark:text-slate-950 dark:hover:bg-red-400"
      >
        Try again
      </button>
    </div>
  );
}
