import { count, desc } from "drizzle-orm";
import { expect } from "vitest";
import { auditEvents } from "@/db/schema";
import type { DbOrTx } from "@/db";
import { DomainError } from "@/lib/errors";

/** How many audit events there are: tests assert a change wrote exactly its events and a refusal nothing else. */
export async function auditCount(db: DbOrTx): Promise<number> {
  const [r] = await db.select({ n: count() }).from(auditEvents);
  return r.n;
}

/** The newest audit event. */
export async function lastAudit(db: DbOrTx) {
  const [row] = await db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return row;
}

/** Asserts that `p` is refused with a DomainError of this code, and returns it for further checks. */
export async function expectRefused(p: Promise<unknown>, code: DomainError["code"]): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e, "expected the call to be refused").toBeInstanceOf(DomainError);
  expect((e as DomainError).code).toBe(code);
  return e as DomainError;
}
