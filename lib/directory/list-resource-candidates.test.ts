import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { groups } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { searchResourceCandidates } from "./list-resource-candidates";

const U = SEED_IDS.users;
const C = SEED_IDS.catalogs;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  // Enough groups to need several pages.
  await database.db.insert(groups).values(Array.from({ length: 23 }, (_, i) => ({ displayName: `Zeta Team ${String(i).padStart(2, "0")}`, description: "generated" })));
});
afterAll(async () => {
  await database?.close();
});

describe("searchResourceCandidates", () => {
  it("searches every type by name or description, sorted by name, marking privileged types and what the catalog already holds", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const graph = await searchResourceCandidates(ines, { catalogId: C.agentPlatform, q: "graph" });
    expect(graph.rows).toEqual([expect.objectContaining({ originSystem: "ApiPermission", originId: SEED_IDS.applications.microsoftGraph, displayName: "Microsoft Graph", roleCount: 6, privileged: true, alreadyInCatalog: true })]);
    const inFinance = await searchResourceCandidates(ines, { catalogId: C.financeOperations, q: "graph" });
    expect(inFinance.rows[0]).toMatchObject({ alreadyInCatalog: false, privileged: true });

    const directory = await searchResourceCandidates(ines, { catalogId: C.financeOperations, q: "directory" });
    // Directory Readers (role), Microsoft Graph's description mentions the directory, Directory Readers is privileged per DOMAIN.md.
    expect(directory.rows.map((r) => `${r.originSystem}:${r.displayName}`)).toEqual(["DirectoryRole:Directory Readers", "ApiPermission:Microsoft Graph"]);
    expect(directory.rows.every((r) => r.privileged)).toBe(true);

    const helpdesk = await searchResourceCandidates(ines, { catalogId: C.agentPlatform, q: "helpdesk" });
    expect(helpdesk.rows).toEqual([expect.objectContaining({ originSystem: "AadApplication", roleCount: 3, privileged: false })]);
  });

  it("filters by type and pages on the server", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const first = await searchResourceCandidates(ines, { catalogId: C.agentPlatform, type: "AadGroup", q: "zeta", pageSize: 10 });
    expect(first.total).toBe(23);
    expect(first.rows).toHaveLength(10);
    expect(first.rows[0].displayName).toBe("Zeta Team 00");
    const third = await searchResourceCandidates(ines, { catalogId: C.agentPlatform, type: "AadGroup", q: "zeta", pageSize: 10, page: 3 });
    expect(third.rows.map((r) => r.displayName)).toEqual(["Zeta Team 20", "Zeta Team 21", "Zeta Team 22"]);
    const sites = await searchResourceCandidates(ines, { catalogId: C.agentPlatform, type: "SharePointOnline" });
    expect(sites.rows.map((r) => r.displayName)).toEqual(["Finance Team Site"]);
    // A search with LIKE wildcards means the characters themselves.
    expect((await searchResourceCandidates(ines, { catalogId: C.agentPlatform, q: "%" })).total).toBe(0);
  });

  it("takes any page number and any search text without a database error: NUL is dropped, pages are whole numbers from 1 to 1,000,000", async () => {
    const ines = await ctxAs(database.db, U.ines);
    // PostgreSQL text cannot hold NUL: "ze\u0000ta" searches for "zeta".
    expect((await searchResourceCandidates(ines, { catalogId: C.agentPlatform, type: "AadGroup", q: "ze\u0000ta" })).total).toBe(23);
    for (const page of [1e30, Number.MAX_VALUE, Infinity]) {
      expect(await searchResourceCandidates(ines, { catalogId: C.agentPlatform, type: "AadGroup", q: "zeta", page })).toMatchObject({ page: 1_000_000, total: 23, rows: [] });
    }
    for (const page of [-5, 0, NaN, 2.7]) {
      expect((await searchResourceCandidates(ines, { catalogId: C.agentPlatform, type: "AadGroup", q: "zeta", pageSize: 10, page })).page).toBe(page === 2.7 ? 2 : 1);
    }
  });

  it("is refused to someone who may not add resources to the catalog", async () => {
    const tomas = await ctxAs(database.db, U.tomas);
    await expect(searchResourceCandidates(tomas, { catalogId: C.agentPlatform, q: "graph" })).rejects.toMatchObject({ status: 403 });
    await expect(searchResourceCandidates(tomas, { catalogId: "not-an-id" })).rejects.toMatchObject({ status: 404 });
  });
});
