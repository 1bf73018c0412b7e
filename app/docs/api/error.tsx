"use client";

import { SegmentError } from "@/components/shell/segment-error";

export default function Error({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-3xl p-6">
      <SegmentError error={error} retry={retry} />
    </main>
  );
}
