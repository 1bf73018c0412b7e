import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { principals } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { DomainError } from "@/lib/errors";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { searchPolicySubjects, subjectNames } from "./search-policy-subjects";

const U = SEED_IDS.users;
const C = SEED_IDS.catalogs;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.update(principals).set({ accountEnabled: false }).where(eq(principals.id, U.leo));
});
afterAll(async () => {
  await database?.close();
});

describe("searchPolicySubjects (the policy editor's people picker)", () => {
  it("finds people, groups and agents by name, only of the kinds asked for, leaving out disabled accounts", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    expect(await searchPolicySubjects(ctx, { catalogId: C.agentPlatform, q: "pri", kinds: ["user"] })).toEqual([{ kind: "user", id: U.priya, displayName: "Priya Raman", detail: "Security Operations Lead" }]);
    expect((await searchPolicySubjects(ctx, { catalogId: C.agentPlatform, q: "tier", kinds: ["group"] })).map((s) => [s.kind, s.displayName])).toEqual([["group", "Support Tier 2"]]);
    expect((await searchPolicySubjects(ctx, { catalogId: C.agentPlatform, q: "triage", kinds: ["agent"] })).map((s) => [s.kind, s.id])).toEqual([["agent", SEED_IDS.agents.triage]]);
    expect(await searchPolicySubjects(ctx, { catalogId: C.agentPlatform, q: "triage", kinds: ["user", "group"] })).toEqual([]);
    expect(await searchPolicySubjects(ctx, { catalogId: C.agentPlatform, q: "Leo", kinds: ["user"] })).toEqual([]);
    // Wildcards are text: "%" matches nobody's name.
    expect(await searchPolicySubjects(ctx, { catalogId: C.agentPlatform, q: "%", kinds: ["user", "group", "agent", "servicePrincipal"] })).toEqual([]);
  });

  it("is refused to someone who may not write policies in the catalog", async () => {
    const carlos = await ctxAs(database.db, U.carlos);
    expect(await searchPolicySubjects(carlos, { catalogId: C.agentPlatform, q: "", kinds: ["user"], limit: 3 })).toHaveLength(3);
    const refused = await searchPolicySubjects(carlos, { catalogId: C.financeOperations, q: "", kinds: ["user"] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("forbidden");
  });

  it("names the subjects a stored policy refers to, departed or not, and ignores ids that are not uuids", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    expect(await subjectNames(ctx, [U.leo, SEED_IDS.groups.breakGlass, "not-an-id"])).toEqual({
      [U.leo]: { kind: "user", displayName: "Leo Fischer" },
      [SEED_IDS.groups.breakGlass]: { kind: "group", displayName: "Production Break-Glass" },
    });
  });
});
