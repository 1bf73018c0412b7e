import { desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { credentials, principals } from "@/db/schema";
import type { DbOrTx } from "@/db";

/** A client secret as people may see it: its name, the first three characters and its dates, never the secret. */
export type CredentialSummary = { id: string; displayName: string; hint: string; createdAt: Date; expiresAt: Date; createdByDisplayName: string | null };

/** A principal's client secrets, newest first, expired ones included. A read helper: callers decide who may see it. */
export async function listCredentials(db: DbOrTx, principalId: string): Promise<CredentialSummary[]> {
  const creator = alias(principals, "creator");
  return db
    .select({
      id: credentials.id,
      displayName: credentials.displayName,
      hint: credentials.hint,
      createdAt: credentials.createdAt,
      expiresAt: credentials.expiresAt,
      createdByDisplayName: creator.displayName,
    })
    .from(credentials)
    .leftJoin(creator, eq(creator.id, credentials.createdById))
    .where(eq(credentials.principalId, principalId))
    .orderBy(desc(credentials.createdAt), desc(credentials.id));
}
