import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { incompatibleAccessPackages, resourceRoles, resources } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { createAccessPackage } from "@/lib/packages/create-access-package";
import { createPolicy } from "@/lib/policies/create-policy";
import { removeAssignment } from "./remove-assignment";
import { reprocessAssignment, reprocessRequest } from "./reprocess";
import { effectiveGrants } from "./effective-grants";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("delivery re-checks and reprocess", () => {
  it("separation of duties is checked again at delivery; once resolved, the requestor reprocesses and it is delivered", async () => {
    const [ines, maya, priya] = await Promise.all([U.ines, U.maya, U.priya].map((id) => ctxAs(database.db, id)));
    const req = await submitRequest({ ctx: maya, input: { accessPackageId: SEED_IDS.packages.supportTicketTriage, targetId: A.triage, justification: "Queue" } });
    // While it waits, the agent gets a package that is incompatible with it.
    await database.db.insert(incompatibleAccessPackages).values({ accessPackageId: SEED_IDS.packages.supportTicketTriage, incompatibleAccessPackageId: SEED_IDS.packages.directoryRead8h });
    const other = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: SEED_IDS.packages.directoryRead8h, targetId: A.triage } });
    const failed = await decideApproval({ ctx: priya, input: { requestId: req.id, decision: "Approve" } });
    expect(failed.state).toBe("deliveryFailed");
    expect(failed.status).toMatch(/Separation of duties.*Directory Read \(8 hours\)/);
    await expect(reprocessRequest({ ctx: await ctxAs(database.db, U.leo), input: { id: req.id } })).rejects.toMatchObject({ code: "forbidden" });

    await removeAssignment({ ctx: ines, input: { assignmentId: other.assignmentId! } });
    const again = await reprocessRequest({ ctx: maya, input: { id: req.id } });
    expect(again.state).toBe("delivered");
    expect((await effectiveGrants(database.db, [A.triage], new Date())).map((g) => g.resourceName)).toContain("Support Tier 2");
    await expect(reprocessRequest({ ctx: maya, input: { id: req.id } })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a role the target cannot hold leaves the assignment partiallyDelivered, naming it; reprocess keeps it so and says which", async () => {
    const ines = await ctxAs(database.db, U.ines);
    const [appRole] = await database.db
      .select({ id: resourceRoles.id, name: resourceRoles.displayName })
      .from(resourceRoles)
      .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
      .where(and(eq(resources.catalogId, SEED_IDS.catalogs.agentPlatform), eq(resources.originSystem, "AadApplication")));
    const [group] = await database.db
      .select({ id: resourceRoles.id })
      .from(resourceRoles)
      .innerJoin(resources, eq(resources.id, resourceRoles.resourceId))
      .where(and(eq(resources.catalogId, SEED_IDS.catalogs.agentPlatform), eq(resources.originSystem, "AadGroup"), eq(resourceRoles.originId, "Member")));
    const pkg = await createAccessPackage({ ctx: ines, input: { catalogId: SEED_IDS.catalogs.agentPlatform, displayName: "Mixed", resourceRoleIds: [appRole.id, group.id] } });
    await createPolicy({ ctx: ines, input: { accessPackageId: pkg.id, displayName: "Direct", allowedTargetScope: "notSpecified" } });
    const req = await submitRequest({ ctx: ines, input: { requestType: "adminAdd", accessPackageId: pkg.id, targetId: A.releaseNotes } });
    expect(req.state).toBe("partiallyDelivered");
    const a = await reprocessAssignment({ ctx: ines, input: { id: req.assignmentId! } });
    expect(a.state).toBe("partiallyDelivered");
    expect(a.status).toContain(appRole.name);
    const r = await reprocessRequest({ ctx: ines, input: { id: req.id } });
    expect(r.state).toBe("partiallyDelivered");
  });
});
