import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents, catalogs } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { createCatalog } from "./create-catalog";
import { updateCatalog } from "./update-catalog";
import { deleteCatalog } from "./delete-catalog";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

const C = SEED_IDS.catalogs;

describe("text the database cannot store", () => {
  it("a catalog named with a NUL character is a 400 naming the field; no catalog and no audit event is written", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    const catalogsBefore = (await database.db.select().from(catalogs)).length;
    const auditBefore = (await database.db.select().from(auditEvents)).length;
    await expect(createCatalog({ ctx: ines, input: { displayName: "Bad\u0000name" } })).rejects.toMatchObject({
      code: "invalid",
      message: "Invalid input. displayName has a NUL character (\\u0000); remove it: it cannot be stored as text.",
      fieldErrors: { displayName: expect.any(Array) },
    });
    await expect(updateCatalog({ ctx: ines, input: { catalogId: C.agentPlatform, description: "half \ud83d" } })).rejects.toMatchObject({ code: "invalid", fieldErrors: { description: expect.any(Array) } });
    expect((await database.db.select().from(catalogs)).length).toBe(catalogsBefore);
    expect((await database.db.select().from(auditEvents)).length).toBe(auditBefore);
  });
});

describe("updateCatalog", () => {
  it("a catalog owner changes name, state and visibility; the audit event holds before and after", async () => {
    const carlos = await ctxAs(database.db, SEED_IDS.users.carlos);
    const after = await updateCatalog({ ctx: carlos, input: { catalogId: C.agentPlatform, displayName: "Agent Platform (2)", state: "unpublished", isExternallyVisible: true } });
    expect(after).toMatchObject({ displayName: "Agent Platform (2)", state: "unpublished", isExternallyVisible: true });
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "catalog.update"), eq(auditEvents.targetId, C.agentPlatform)));
    expect(audit).toMatchObject({ outcome: "success", before: { displayName: "Agent Platform", state: "published", isExternallyVisible: false }, after: { displayName: "Agent Platform (2)" } });
  });

  it("an owner of another catalog is refused (403, audited) and nothing changes; empty or bad input is 400", async () => {
    const tomas = await ctxAs(database.db, SEED_IDS.users.tomas);
    await expect(updateCatalog({ ctx: tomas, input: { catalogId: C.agentPlatform, displayName: "Mine now" } })).rejects.toMatchObject({ code: "forbidden" });
    const [row] = await database.db.select().from(catalogs).where(eq(catalogs.id, C.agentPlatform));
    expect(row.displayName).not.toBe("Mine now");
    const refused = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "catalog.update"), eq(auditEvents.outcome, "failure"), eq(auditEvents.actorId, SEED_IDS.users.tomas)));
    expect(refused).toHaveLength(1);
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    await expect(updateCatalog({ ctx: ines, input: { catalogId: C.agentPlatform } })).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/Nothing to change/) });
    await expect(updateCatalog({ ctx: ines, input: { catalogId: C.agentPlatform, displayName: " " } })).rejects.toMatchObject({ code: "invalid", fieldErrors: { displayName: expect.any(Array) } });
    await expect(updateCatalog({ ctx: ines, input: { catalogId: C.agentPlatform, state: "archived" } })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("deleteCatalog", () => {
  it("refuses with 409 naming the packages while the catalog holds any", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    await expect(deleteCatalog({ ctx: ines, input: { catalogId: C.financeOperations } })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/still holds \d+ access package/) });
    expect(await database.db.select().from(catalogs).where(eq(catalogs.id, C.financeOperations))).toHaveLength(1);
  });

  it("deletes an empty catalog with an audit event; a second delete is 404; a catalog reader cannot delete", async () => {
    const ines = await ctxAs(database.db, SEED_IDS.users.ines);
    const made = await createCatalog({ ctx: ines, input: { displayName: "Scratch" } });
    const carlos = await ctxAs(database.db, SEED_IDS.users.carlos);
    await expect(deleteCatalog({ ctx: carlos, input: { catalogId: made.id } })).rejects.toMatchObject({ code: "forbidden" });
    await deleteCatalog({ ctx: ines, input: { catalogId: made.id } });
    expect(await database.db.select().from(catalogs).where(eq(catalogs.id, made.id))).toHaveLength(0);
    const [audit] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, "catalog.delete"), eq(auditEvents.targetId, made.id), eq(auditEvents.outcome, "success")));
    expect(audit.before).toMatchObject({ displayName: "Scratch" });
    await expect(deleteCatalog({ ctx: ines, input: { catalogId: made.id } })).rejects.toMatchObject({ code: "notFound" });
  });
});
