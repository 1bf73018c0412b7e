import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { auditEvents, catalogRoleAssignments } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { addCatalogRole, listCatalogRoles, removeCatalogRole } from "./catalog-roles";
import { removeResourceFromCatalog } from "./remove-resource";

const U = SEED_IDS.users;
const C = SEED_IDS.catalogs;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function auditOf(action: string) {
  return database.db.select().from(auditEvents).where(eq(auditEvents.action, action));
}
async function rolesOf(catalogId: string, principalId: string) {
  const rows = await database.db
    .select({ role: catalogRoleAssignments.role })
    .from(catalogRoleAssignments)
    .where(and(eq(catalogRoleAssignments.catalogId, catalogId), eq(catalogRoleAssignments.principalId, principalId)));
  return rows.map((r) => r.role).sort();
}

describe("catalog roles", () => {
  it("an owner adds a reader and removes it again; each change is audited with who and which role", async () => {
    const carlos = await ctxAs(database.db, U.carlos);
    const added = await addCatalogRole({ ctx: carlos, input: { catalogId: C.agentPlatform, principalId: U.sam, role: "reader" } });
    expect(added).toMatchObject({ principalId: U.sam, displayName: "Sam Taylor", role: "reader" });
    expect(await rolesOf(C.agentPlatform, U.sam)).toEqual(["reader"]);
    const list = await listCatalogRoles(carlos, { catalogId: C.agentPlatform });
    expect(list.map((r) => `${r.role}:${r.displayName}`)).toEqual(expect.arrayContaining(["owner:Carlos Mendes", "reader:Sam Taylor"]));
    const [addEvent] = await auditOf("catalog.role.add");
    expect(addEvent).toMatchObject({ actorId: U.carlos, targetId: C.agentPlatform, outcome: "success", after: { principalId: U.sam, role: "reader" } });

    await removeCatalogRole({ ctx: carlos, input: { catalogId: C.agentPlatform, principalId: U.sam, role: "reader" } });
    expect(await rolesOf(C.agentPlatform, U.sam)).toEqual([]);
    const [removeEvent] = await auditOf("catalog.role.remove");
    expect(removeEvent).toMatchObject({ actorId: U.carlos, outcome: "success", before: { principalId: U.sam, role: "reader" } });
  });

  it("someone who does not own the catalog is refused (403), the refusal is audited and nothing is written", async () => {
    const before = (await auditOf("catalog.role.add")).length;
    // Tomas owns the other catalog, not this one.
    const tomas = await ctxAs(database.db, U.tomas);
    await expect(addCatalogRole({ ctx: tomas, input: { catalogId: C.agentPlatform, principalId: U.tomas, role: "owner" } })).rejects.toMatchObject({ code: "forbidden", status: 403 });
    expect(await rolesOf(C.agentPlatform, U.tomas)).toEqual([]);
    const events = await auditOf("catalog.role.add");
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({ actorId: U.tomas, outcome: "failure", targetId: C.agentPlatform });
  });

  it("bad input is a 400 naming the field, and writes nothing", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const before = (await database.db.select().from(auditEvents)).length;
    await expect(addCatalogRole({ ctx: ines, input: { catalogId: C.agentPlatform, principalId: "nope", role: "reader" } })).rejects.toMatchObject({
      code: "invalid",
      status: 400,
      fieldErrors: { principalId: ["choose a person or service principal"] },
    });
    await expect(addCatalogRole({ ctx: ines, input: { catalogId: C.agentPlatform, principalId: U.sam, role: "superuser" } })).rejects.toMatchObject({ status: 400 });
    // Agents cannot hold catalog roles.
    await expect(addCatalogRole({ ctx: ines, input: { catalogId: C.agentPlatform, principalId: SEED_IDS.agents.triage, role: "reader" } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/an agent; catalog roles are for people and service principals/),
    });
    expect((await database.db.select().from(auditEvents)).length).toBe(before);
    expect(await rolesOf(C.agentPlatform, SEED_IDS.agents.triage)).toEqual([]);
  });

  it("giving a role twice is a conflict, and removing a role nobody holds is not found", async () => {
    const ines = await ctxAs(database.db, U.ines);
    await addCatalogRole({ ctx: ines, input: { catalogId: C.financeOperations, principalId: U.aisha, role: "accessPackageAssignmentManager" } });
    await expect(addCatalogRole({ ctx: ines, input: { catalogId: C.financeOperations, principalId: U.aisha, role: "accessPackageAssignmentManager" } })).rejects.toMatchObject({ status: 409 });
    await expect(removeCatalogRole({ ctx: ines, input: { catalogId: C.financeOperations, principalId: U.sam, role: "owner" } })).rejects.toMatchObject({ status: 404 });
    expect(await rolesOf(C.financeOperations, U.aisha)).toEqual(["accessPackageAssignmentManager"]);
  });
});

describe("removeResourceFromCatalog", () => {
  it("refuses while an access package uses the resource's roles, naming the package, and keeps it", async () => {
    const ines = await ctxAs(database.db, U.ines);
    await expect(removeResourceFromCatalog({ ctx: ines, input: { catalogId: C.agentPlatform, resourceId: SEED_IDS.resources.supportTier2 } })).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('"Support Ticket Triage"'),
    });
    const [refusal] = (await auditOf("resource.remove")).filter((e) => e.outcome === "failure");
    expect(refusal).toMatchObject({ actorId: U.ines, targetId: C.agentPlatform });
  });

  it("removes an unused resource with its roles and audits it; a reader may not", async () => {
    const ines = await ctxAs(database.db, U.ines);
    // userAdministrator is in Finance & Operations and no package uses it.
    const sam = await ctxAs(database.db, U.sam);
    await addCatalogRole({ ctx: ines, input: { catalogId: C.financeOperations, principalId: U.sam, role: "reader" } });
    await expect(removeResourceFromCatalog({ ctx: sam, input: { catalogId: C.financeOperations, resourceId: SEED_IDS.resources.userAdministrator } })).rejects.toMatchObject({ status: 403 });
    const removed = await removeResourceFromCatalog({ ctx: ines, input: { catalogId: C.financeOperations, resourceId: SEED_IDS.resources.userAdministrator } });
    expect(removed.displayName).toBe("User Administrator");
    const success = (await auditOf("resource.remove")).filter((e) => e.outcome === "success");
    expect(success).toHaveLength(1);
    expect(success[0]).toMatchObject({ actorId: U.ines, before: { resourceId: SEED_IDS.resources.userAdministrator } });
    await expect(removeResourceFromCatalog({ ctx: ines, input: { catalogId: C.financeOperations, resourceId: SEED_IDS.resources.userAdministrator } })).rejects.toMatchObject({ status: 404 });
  });
});
