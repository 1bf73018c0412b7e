import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db";
import { accessPackages, assignmentPolicies, auditEvents, resourceRoles, resourceRoleScopes } from "@/db/schema";
import { SEED_IDS } from "@/db/seed";
import { DomainError } from "@/lib/errors";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { createPackageWithPolicy } from "./create-package-with-policy";

const U = SEED_IDS.users;
const C = SEED_IDS.catalogs;
let database: Database;
let memberRoleId: string;

const single = (userId: string) => ({ "@odata.type": "#microsoft.graph.singleUser", userId });

function twoStagePolicy(firstApprover: string) {
  return {
    displayName: "Agents, two stages",
    allowedTargetScope: "allDirectoryAgentIdentities",
    requestorSettings: { enableOnBehalfRequestorsToAddAccess: true, onBehalfRequestors: [{ "@odata.type": "#microsoft.graph.targetAgentIdentitySponsorsOrOwners" }] },
    requestApprovalSettings: {
      isApprovalRequiredForAdd: true,
      isRequestorJustificationRequired: true,
      stages: [
        { durationBeforeAutomaticDenial: "P7D", primaryApprovers: [single(firstApprover)] },
        { durationBeforeAutomaticDenial: "P3D", primaryApprovers: [single(U.priya)], fallbackPrimaryApprovers: [single(U.ines)] },
      ],
    },
    expiration: { type: "afterDuration", duration: "P30D" },
  };
}

async function packagesNamed(name: string) {
  return database.db.select().from(accessPackages).where(eq(accessPackages.displayName, name));
}

async function auditFor(action: string, outcome: "success" | "failure") {
  return database.db.select().from(auditEvents).where(and(eq(auditEvents.action, action), eq(auditEvents.outcome, outcome)));
}

async function failure(p: Promise<unknown>): Promise<DomainError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const [role] = await database.db.select().from(resourceRoles).where(and(eq(resourceRoles.resourceId, SEED_IDS.resources.supportTier2), eq(resourceRoles.originId, "Member")));
  memberRoleId = role.id;
});
afterAll(async () => {
  await database?.close();
});

describe("createPackageWithPolicy", () => {
  it("creates the package, its resource role scopes and a two-stage policy, each with its audit event", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const created = await createPackageWithPolicy({
      ctx,
      input: { package: { catalogId: C.agentPlatform, displayName: "Tier 2 two-stage", description: "d", isHidden: true, resourceRoleIds: [memberRoleId] }, policy: twoStagePolicy(U.tomas) },
    });
    const [pkg] = await packagesNamed("Tier 2 two-stage");
    expect(pkg).toMatchObject({ id: created.package.id, catalogId: C.agentPlatform, isHidden: true });
    const scopes = await database.db.select().from(resourceRoleScopes).where(eq(resourceRoleScopes.accessPackageId, pkg.id));
    expect(scopes.map((s) => s.resourceRoleId)).toEqual([memberRoleId]);
    const [policy] = await database.db.select().from(assignmentPolicies).where(eq(assignmentPolicies.accessPackageId, pkg.id));
    expect(policy.id).toBe(created.policy.id);
    expect(created.policy.requestApprovalSettings.stages.map((s) => s.primaryApprovers)).toEqual([[single(U.tomas)], [single(U.priya)]]);
    const events = await database.db.select().from(auditEvents).where(inArray(auditEvents.targetId, [pkg.id, policy.id]));
    expect(events.map((e) => [e.action, e.outcome, e.actorId]).sort()).toEqual([
      ["accessPackage.create", "success", U.ines],
      ["policy.create", "success", U.ines],
    ]);
  });

  it("leaves no package behind when the policy is refused inside the transaction (an approver not in the directory)", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const before = (await auditFor("accessPackage.create", "success")).length;
    const e = await failure(
      createPackageWithPolicy({
        ctx,
        input: { package: { catalogId: C.agentPlatform, displayName: "Doomed package", resourceRoleIds: [memberRoleId] }, policy: twoStagePolicy("00000000-0000-4000-8000-00000000dead") },
      }),
    );
    expect(e.code).toBe("invalid");
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(["policy.requestApprovalSettings.stages.0.primaryApprovers.0.userId"]);
    expect(await packagesNamed("Doomed package")).toEqual([]);
    // The package's audit event was rolled back with it.
    expect((await auditFor("accessPackage.create", "success")).length).toBe(before);
  });

  it("refuses invalid policy settings before writing anything, with field errors under policy.", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const policy = twoStagePolicy(U.tomas);
    policy.requestApprovalSettings.stages = [...policy.requestApprovalSettings.stages, ...policy.requestApprovalSettings.stages];
    const e = await failure(createPackageWithPolicy({ ctx, input: { package: { catalogId: C.agentPlatform, displayName: "Four stages" }, policy } }));
    expect(e.code).toBe("invalid");
    expect(e.fieldErrors).toMatchObject({ "policy.requestApprovalSettings.stages": ["at most 3 approval stages"] });
    expect(await packagesNamed("Four stages")).toEqual([]);
  });

  it("reports a package field error under package. (a resource role from another catalog) and writes nothing", async () => {
    const ctx = await ctxAs(database.db, U.ines);
    const [financeRole] = await database.db.select().from(resourceRoles).where(eq(resourceRoles.resourceId, SEED_IDS.resources.financeReaders));
    const e = await failure(createPackageWithPolicy({ ctx, input: { package: { catalogId: C.agentPlatform, displayName: "Wrong role", resourceRoleIds: [financeRole.id] }, policy: twoStagePolicy(U.tomas) } }));
    expect(e.fieldErrors).toMatchObject({ "package.resourceRoleIds": ["every role must belong to a resource in this catalog"] });
    expect(await packagesNamed("Wrong role")).toEqual([]);
  });

  it("refuses someone without a catalog role, audits the refusal and writes nothing", async () => {
    const ctx = await ctxAs(database.db, U.sam);
    const e = await failure(createPackageWithPolicy({ ctx, input: { package: { catalogId: C.agentPlatform, displayName: "Sam's package" }, policy: twoStagePolicy(U.tomas) } }));
    expect(e.code).toBe("forbidden");
    expect(await packagesNamed("Sam's package")).toEqual([]);
    const refused = (await auditFor("accessPackage.create", "failure")).filter((a) => a.actorId === U.sam);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ targetType: "catalog", targetId: C.agentPlatform });
  });

  it("lets a catalog owner create in their catalog but not in another", async () => {
    const carlos = await ctxAs(database.db, U.carlos);
    await createPackageWithPolicy({ ctx: carlos, input: { package: { catalogId: C.agentPlatform, displayName: "Carlos's package" }, policy: twoStagePolicy(U.tomas) } });
    expect(await packagesNamed("Carlos's package")).toHaveLength(1);
    const e = await failure(createPackageWithPolicy({ ctx: carlos, input: { package: { catalogId: C.financeOperations, displayName: "Not Carlos's" }, policy: twoStagePolicy(U.tomas) } }));
    expect(e.code).toBe("forbidden");
    expect(await packagesNamed("Not Carlos's")).toEqual([]);
  });
});
