import type { DbOrTx } from "@/db";

// Placeholder so the shell compiles; replaced by the approvals inbox implementation.
export async function countPendingApprovals(db: DbOrTx, principalId: string): Promise<number> {
  void db;
  void principalId;
  return 0;
}
