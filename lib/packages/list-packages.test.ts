import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { accessPackages } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { listPackages } from "./list-packages";

const U = SEED_IDS.users;
const C = SEED_IDS.catalogs;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.update(accessPackages).set({ isHidden: true }).where(eq(accessPackages.id, SEED_IDS.packages.productionBreakGlass));
});
afterAll(async () => {
  await database?.close();
});

const names = (l: { rows: { displayName: string }[] }) => l.rows.map((r) => r.displayName);

describe("listPackages filters and sort (admin package list)", () => {
  it("filters by catalog, hidden and whether a policy lets agents request, and they combine", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    expect(names(await listPackages(ctx, { catalogId: C.financeOperations }))).toEqual(["Finance Reporting Agent", "Project Phoenix Member"]);
    expect(names(await listPackages(ctx, { hidden: true }))).toEqual(["Production Break-Glass"]);
    expect((await listPackages(ctx, { hidden: false })).total).toBe(5);
    expect(names(await listPackages(ctx, { forAgents: false }))).toEqual(["Helpdesk Operator", "Project Phoenix Member"]);
    expect(names(await listPackages(ctx, { forAgents: true, catalogId: C.agentPlatform, hidden: false }))).toEqual(["Directory Read (8 hours)", "Support Ticket Triage"]);
  });

  it("sorts by name or catalog in either direction, and pages on the server", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const desc = await listPackages(ctx, { sort: { id: "displayName", desc: true }, pageSize: 2, page: 1 });
    expect(desc).toMatchObject({ total: 6, page: 1, pageSize: 2 });
    expect(names(desc)).toEqual(["Support Ticket Triage", "Project Phoenix Member"]);
    const byCatalog = await listPackages(ctx, { sort: { id: "catalogName", desc: true } });
    expect(byCatalog.rows.map((r) => r.catalogName)).toEqual(["Finance & Operations", "Finance & Operations", "Agent Platform", "Agent Platform", "Agent Platform", "Agent Platform"]);
  });

  it("a search with a NUL character (from a ?q= in a URL) is searched without it, not a database error", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    expect(names(await listPackages(ctx, { q: "Tri\u0000age" }))).toEqual(["Support Ticket Triage"]);
    expect((await listPackages(ctx, { q: "\u0000" })).total).toBe(6);
  });

  it("still shows a catalog owner only their catalog's packages, whatever the filters", async () => {
    const carlos = await ctxAs(database.db, U.carlos);
    expect((await listPackages(carlos, { catalogId: C.financeOperations })).total).toBe(0);
    expect((await listPackages(carlos, { forAgents: true })).rows.every((r) => r.catalogId === C.agentPlatform)).toBe(true);
  });
});
