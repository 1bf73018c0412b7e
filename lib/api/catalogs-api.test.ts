import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Client } from "@microsoft/microsoft-graph-client";
import type { Database } from "@/db";
import { auditEvents, catalogs, resources } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { signAccessToken } from "@/lib/auth/tokens";
import { createTestDatabase } from "@/lib/testing/test-db";
import { EM, graphFailure, startGraphHarness, type GraphCollection, type GraphHarness } from "./graph-testkit";

let database: Database;
let h: GraphHarness;
let admin: Client;
beforeAll(async () => {
  database = await createTestDatabase();
  h = await startGraphHarness(database);
  admin = await h.clientFor(SEED_IDS.servicePrincipals.stewardAutomation);
});
afterAll(async () => {
  await h?.close();
  await database?.close();
});

const C = SEED_IDS.catalogs;

describe("catalogs through the Graph SDK (EntitlementManagement.ReadWrite.All)", () => {
  let catalogId: string;

  it("creates, reads, updates and deletes a catalog in Graph's accessPackageCatalog shape", async () => {
    const created = await admin.api(`${EM}/catalogs`).post({ displayName: "Partner integrations", description: "APIs for partners", isExternallyVisible: true });
    expect(created).toMatchObject({
      id: expect.any(String),
      displayName: "Partner integrations",
      description: "APIs for partners",
      catalogType: "userManaged",
      state: "published",
      isExternallyVisible: true,
      createdDateTime: expect.stringMatching(/Z$/),
      modifiedDateTime: expect.any(String),
    });
    catalogId = created.id;
    expect(await admin.api(`${EM}/catalogs/${catalogId}`).get()).toMatchObject({ id: catalogId, displayName: "Partner integrations" });
    const updated = await admin.api(`${EM}/catalogs/${catalogId}`).patch({ displayName: "Partner APIs", state: "unpublished" });
    expect(updated).toMatchObject({ id: catalogId, displayName: "Partner APIs", state: "unpublished", isExternallyVisible: true });
    const selected = await admin.api(`${EM}/catalogs/${catalogId}`).select("displayName").get();
    expect(Object.keys(selected).sort()).toEqual(["@odata.context", "displayName", "id"]);
    const scratch = await admin.api(`${EM}/catalogs`).post({ displayName: "Scratch" });
    await admin.api(`${EM}/catalogs/${scratch.id}`).delete();
    const gone = await graphFailure(admin.api(`${EM}/catalogs/${scratch.id}`).get());
    expect(gone.statusCode).toBe(404);
    const audited = await database.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, scratch.id), eq(auditEvents.action, "catalog.delete")));
    expect(audited).toHaveLength(1);
  });

  it("refuses bad bodies with 400 saying what to fix, and deleting a catalog with packages with 409", async () => {
    for (const body of [{}, { displayName: "" }, { displayName: "x", state: "archived" }, { displayName: "x", catalogType: "serviceManaged" }]) {
      const e = await graphFailure(admin.api(`${EM}/catalogs`).post(body));
      expect(e.statusCode).toBe(400);
      expect(e.code).toBe("BadRequest");
    }
    const nothing = await graphFailure(admin.api(`${EM}/catalogs/${C.agentPlatform}`).patch({}));
    expect(nothing.error.message).toMatch(/Nothing to change/);
    const busy = await graphFailure(admin.api(`${EM}/catalogs/${C.agentPlatform}`).delete());
    expect(busy.statusCode).toBe(409);
    expect(busy.error.message).toMatch(/still holds \d+ access packages?/);
    expect(await database.db.select().from(catalogs).where(eq(catalogs.id, C.agentPlatform))).toHaveLength(1);
  });

  it("adds a group through resourceRequests (adminAdd), lists it with its roles, and lists the request", async () => {
    const req = await admin.api(`${EM}/resourceRequests`).post({
      requestType: "adminAdd",
      resource: { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" },
      catalog: { id: catalogId },
    });
    expect(req).toMatchObject({ id: expect.any(String), requestType: "adminAdd", state: "delivered", catalog: { id: catalogId }, resource: { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" } });
    const listed: GraphCollection = await admin.api(`${EM}/catalogs/${catalogId}/resources`).expand("roles").get();
    expect(listed.value).toHaveLength(1);
    expect(listed.value[0]).toMatchObject({ originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup", attributes: [], roles: [expect.objectContaining({ displayName: "Member" }), expect.objectContaining({ displayName: "Owner" })] });
    const resourceId = listed.value[0].id as string;
    const roles: GraphCollection = await admin
      .api(`${EM}/catalogs/${catalogId}/resourceRoles`)
      .filter(`(originSystem eq 'AadGroup' and resource/id eq '${resourceId}')`)
      .expand("resource")
      .get();
    expect(roles.value.map((r) => r.displayName).sort()).toEqual(["Member", "Owner"]);
    expect(roles.value[0]).toMatchObject({ originSystem: "AadGroup", originId: expect.any(String), resource: { id: resourceId, displayName: expect.any(String) } });
    const requests: GraphCollection = await admin.api(`${EM}/resourceRequests`).filter(`catalog/id eq '${catalogId}'`).expand("resource").get();
    expect(requests.value).toEqual([expect.objectContaining({ id: req.id, requestType: "adminAdd", state: "delivered", resource: expect.objectContaining({ id: resourceId }) })]);
    const dup = await graphFailure(admin.api(`${EM}/resourceRequests`).post({ requestType: "adminAdd", resource: { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" }, catalog: { id: catalogId } }));
    expect(dup.statusCode).toBe(409);
  });

  it("adminRemove takes an unused resource out; a resource whose roles a package uses is refused with 409", async () => {
    const removed = await admin.api(`${EM}/resourceRequests`).post({ requestType: "adminRemove", resource: { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" }, catalog: { id: catalogId } });
    expect(removed).toMatchObject({ requestType: "adminRemove", state: "delivered" });
    expect(await database.db.select().from(resources).where(eq(resources.catalogId, catalogId))).toHaveLength(0);
    const used = await graphFailure(admin.api(`${EM}/resourceRequests`).post({ requestType: "adminRemove", resource: { originId: SEED_IDS.groups.supportTier2, originSystem: "AadGroup" }, catalog: { id: C.agentPlatform } }));
    expect(used.statusCode).toBe(409);
    expect(used.error.message).toMatch(/still used by/);
    expect(await database.db.select().from(resources).where(eq(resources.id, SEED_IDS.resources.supportTier2))).toHaveLength(1);
  });

  it("lists catalogs with $filter, $select, $orderby, $count, $top and follows @odata.nextLink", async () => {
    for (const n of [1, 2, 3]) await admin.api(`${EM}/catalogs`).post({ displayName: `Paged ${n}`, state: n === 2 ? "unpublished" : "published" });
    const first: GraphCollection = await admin.api(`${EM}/catalogs`).filter("startswith(displayName,'Paged')").orderby("displayName desc").select("displayName,state").top(2).count(true).get();
    expect(first["@odata.count"]).toBe(3);
    expect(first["@odata.context"]).toMatch(/\/api\/v1\.0\/\$metadata#identityGovernance\/entitlementManagement\/catalogs$/);
    expect(first.value).toEqual([{ id: expect.any(String), displayName: "Paged 3", state: "published" }, { id: expect.any(String), displayName: "Paged 2", state: "unpublished" }]);
    expect(first["@odata.nextLink"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1\.0\/identityGovernance\/entitlementManagement\/catalogs\?.*\$skiptoken=/);
    const second = await h.next(admin, first["@odata.nextLink"]!);
    expect(second.value).toEqual([{ id: expect.any(String), displayName: "Paged 1", state: "published" }]);
    expect(second).not.toHaveProperty("@odata.nextLink");
    const filtered: GraphCollection = await admin.api(`${EM}/catalogs`).filter("state eq 'unpublished' and catalogType eq 'userManaged' and isExternallyVisible eq false").get();
    expect(filtered.value.map((c) => c.displayName)).toEqual(["Paged 2"]);
    const expanded: GraphCollection = await admin.api(`${EM}/catalogs`).filter(`id eq '${C.financeOperations}'`).expand("accessPackages").get();
    expect((expanded.value[0].accessPackages as unknown[]).length).toBeGreaterThan(0);
  });

  it("answers 400 naming what is unsupported for $search, $skip, unknown properties and functions, and a tampered $skiptoken", async () => {
    const cases: [string, RegExp][] = [
      [`${EM}/catalogs?$search=finance`, /'\$search' is not supported.*Supported: \$filter/],
      [`${EM}/catalogs?$skip=1`, /'\$skip' is not supported/],
      [`${EM}/catalogs?$filter=owner eq 'x'`, /'owner' is not supported here. Supported properties: id, displayName/],
      [`${EM}/catalogs?$filter=substringof('a',displayName)`, /function 'substringof' is not supported/],
      [`${EM}/catalogs?$orderby=description`, /\$orderby: 'description' is not supported/],
      [`${EM}/catalogs?$top=5&$skiptoken=eyJvIjo1fQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, /\$skiptoken is not valid/],
    ];
    for (const [path, message] of cases) {
      const e = await graphFailure(admin.api(path).get());
      expect(e.statusCode, path).toBe(400);
      expect(e.error.message, path).toMatch(message);
    }
  });
});

describe("authorization on the catalog endpoints", () => {
  it("a service principal without EntitlementManagement permissions gets 403 on list, create and resourceRequests, and nothing is created", async () => {
    const payroll = await h.clientFor(SEED_IDS.servicePrincipals.payrollSync);
    const before = await database.db.select().from(catalogs);
    for (const call of [
      () => payroll.api(`${EM}/catalogs`).get(),
      () => payroll.api(`${EM}/catalogs`).post({ displayName: "Shadow catalog" }),
      () => payroll.api(`${EM}/catalogs/${C.agentPlatform}`).get(),
      () => payroll.api(`${EM}/catalogs/${C.agentPlatform}/resources`).get(),
      () => payroll.api(`${EM}/resourceRequests`).get(),
      () => payroll.api(`${EM}/resourceRequests`).post({ requestType: "adminAdd", resource: { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" }, catalog: { id: C.agentPlatform } }),
    ]) {
      const e = await graphFailure(call);
      expect(e.statusCode).toBe(403);
      expect(e.code).toBe("Forbidden");
    }
    expect(await database.db.select().from(catalogs)).toHaveLength(before.length);
  });

  it("an agent with no grant cannot list or create catalogs (403)", async () => {
    const agent = await h.clientFor(SEED_IDS.agents.triage);
    expect((await graphFailure(agent.api(`${EM}/catalogs`).get())).statusCode).toBe(403);
    expect((await graphFailure(agent.api(`${EM}/catalogs`).post({ displayName: "Agent catalog" }))).statusCode).toBe(403);
  });

  it("EntitlementManagement.Read.All reads catalogs, resources and roles but cannot create, change or delete (403)", async () => {
    await h.grant(SEED_IDS.servicePrincipals.payrollSync, "EntitlementManagement.Read.All");
    const reader = await h.clientFor(SEED_IDS.servicePrincipals.payrollSync);
    const list: GraphCollection = await reader.api(`${EM}/catalogs`).get();
    expect(list.value.map((c) => c.id)).toEqual(expect.arrayContaining([C.agentPlatform, C.financeOperations]));
    expect((await reader.api(`${EM}/catalogs/${C.agentPlatform}/resourceRoles`).get()).value.length).toBeGreaterThan(0);
    expect((await reader.api(`${EM}/catalogs/${C.agentPlatform}/accessPackages`).get()).value.length).toBeGreaterThan(0);
    for (const call of [
      () => reader.api(`${EM}/catalogs`).post({ displayName: "Nope" }),
      () => reader.api(`${EM}/catalogs/${C.agentPlatform}`).patch({ displayName: "Nope" }),
      () => reader.api(`${EM}/catalogs/${C.agentPlatform}`).delete(),
      () => reader.api(`${EM}/resourceRequests`).post({ requestType: "adminAdd", resource: { originId: SEED_IDS.groups.engineeringAll, originSystem: "AadGroup" }, catalog: { id: C.agentPlatform } }),
    ]) {
      expect((await graphFailure(call)).statusCode).toBe(403);
    }
    const [row] = await database.db.select().from(catalogs).where(eq(catalogs.id, C.agentPlatform));
    expect(row.displayName).toBe("Agent Platform");
  });

  it("an expired or tampered token gets 401 in Graph's error shape", async () => {
    const good = await h.tokenFor(SEED_IDS.servicePrincipals.stewardAutomation);
    const tampered = good.slice(0, -4) + (good.endsWith("AAAA") ? "BBBB" : "AAAA");
    const expired = await signAccessToken({ sub: SEED_IDS.servicePrincipals.stewardAutomation, appid: "x", idtyp: "app", ptype: "servicePrincipal", roles: [] }, new Date(Date.now() - 2 * 3600_000));
    for (const token of [tampered, expired]) {
      const e = await graphFailure(h.client(token).api(`${EM}/catalogs`).get());
      expect(e.statusCode).toBe(401);
      expect(e.code).toBe("InvalidAuthenticationToken");
    }
  });
});
