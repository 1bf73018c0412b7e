import { and, eq, inArray, or } from "drizzle-orm";
import { z } from "zod";
import { accessPackages, groups, incompatibleAccessPackages, incompatibleGroups, type AccessPackage, type Group } from "@/db/schema";
import { conflict, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { can, requirePermission } from "@/lib/auth/permissions";
import type { Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { isUuid, loadPackage } from "./load";

const packageId = z.uuid("accessPackageId must be the id of an access package");
export const incompatiblePackageInput = z
  .object({ accessPackageId: packageId, incompatibleAccessPackageId: z.uuid("incompatibleAccessPackageId must be the id of an access package") })
  .refine((v) => v.accessPackageId !== v.incompatibleAccessPackageId, { path: ["incompatibleAccessPackageId"], message: "an access package cannot be incompatible with itself" });
export const incompatibleGroupInput = z.object({ accessPackageId: packageId, groupId: z.uuid("groupId must be the id of a group") });

export type IncompatiblePackage = Pick<AccessPackage, "id" | "displayName" | "description" | "isHidden" | "catalogId" | "createdAt" | "modifiedAt">;
export type IncompatibleGroup = Pick<Group, "id" | "displayName" | "description">;
export type Incompatibles = { accessPackages: IncompatiblePackage[]; groups: IncompatibleGroup[] };

const packageColumns = {
  id: accessPackages.id,
  displayName: accessPackages.displayName,
  description: accessPackages.description,
  isHidden: accessPackages.isHidden,
  catalogId: accessPackages.catalogId,
  createdAt: accessPackages.createdAt,
  modifiedAt: accessPackages.modifiedAt,
};

/** A link between two packages, stored once but read in both directions (lib/requests/separation-of-duties.ts). */
const linkBetween = (a: string, b: string) =>
  or(
    and(eq(incompatibleAccessPackages.accessPackageId, a), eq(incompatibleAccessPackages.incompatibleAccessPackageId, b)),
    and(eq(incompatibleAccessPackages.accessPackageId, b), eq(incompatibleAccessPackages.incompatibleAccessPackageId, a)),
  );

async function loadOther(ctx: Ctx, id: string): Promise<AccessPackage> {
  const other = await loadPackage(ctx.db, id);
  // Naming a package of a catalog one cannot read must not reveal it.
  if (!(await can(ctx, "catalogs.read", { catalogId: other.catalogId }))) throw notFound(`No access package with id ${id}.`);
  return other;
}

/** The packages (either direction of the link) and groups that may not be held together with this package. */
export async function listIncompatibles(ctx: Ctx, params: { accessPackageId: string }): Promise<Incompatibles> {
  const pkg = await loadPackage(ctx.db, params.accessPackageId);
  await requirePermission(ctx, "catalogs.read", { catalogId: pkg.catalogId });
  const links = await ctx.db
    .select({ a: incompatibleAccessPackages.accessPackageId, b: incompatibleAccessPackages.incompatibleAccessPackageId })
    .from(incompatibleAccessPackages)
    .where(or(eq(incompatibleAccessPackages.accessPackageId, pkg.id), eq(incompatibleAccessPackages.incompatibleAccessPackageId, pkg.id)));
  const otherIds = [...new Set(links.map((l) => (l.a === pkg.id ? l.b : l.a)))];
  const packages = otherIds.length ? await ctx.db.select(packageColumns).from(accessPackages).where(inArray(accessPackages.id, otherIds)).orderBy(accessPackages.displayName, accessPackages.id) : [];
  const groupRows = await ctx.db
    .select({ id: groups.id, displayName: groups.displayName, description: groups.description })
    .from(incompatibleGroups)
    .innerJoin(groups, eq(groups.id, incompatibleGroups.groupId))
    .where(eq(incompatibleGroups.accessPackageId, pkg.id))
    .orderBy(groups.displayName, groups.id);
  return { accessPackages: packages, groups: groupRows };
}

/**
 * Marks two packages incompatible (separation of duties): a principal holding one may not get the other,
 * checked at request time and at delivery. Existing assignments are not touched (as in Entra; Graph's
 * additionalAccess lists who already holds both).
 */
export async function addIncompatibleAccessPackage({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<IncompatiblePackage> {
  const data = parseInput(incompatiblePackageInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.addIncompatibleAccessPackage", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      const other = await loadOther(ctx, data.incompatibleAccessPackageId);
      try {
        return await ctx.db.transaction(async (tx) => {
          const [existing] = await tx.select({ a: incompatibleAccessPackages.accessPackageId }).from(incompatibleAccessPackages).where(linkBetween(pkg.id, other.id));
          if (existing) throw conflict(`"${pkg.displayName}" and "${other.displayName}" are already incompatible.`);
          await tx.insert(incompatibleAccessPackages).values({ accessPackageId: pkg.id, incompatibleAccessPackageId: other.id });
          await recordAudit(tx, ctx, { action: "accessPackage.addIncompatibleAccessPackage", targetType: "accessPackage", targetId: pkg.id, after: { incompatibleAccessPackageId: other.id, displayName: other.displayName } });
          return { id: other.id, displayName: other.displayName, description: other.description, isHidden: other.isHidden, catalogId: other.catalogId, createdAt: other.createdAt, modifiedAt: other.modifiedAt };
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`"${pkg.displayName}" and "${other.displayName}" are already incompatible.`);
        throw e;
      }
    },
  );
}

/** Removes the incompatibility between two packages, whichever of them it was recorded on. */
export async function removeIncompatibleAccessPackage({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(incompatiblePackageInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.removeIncompatibleAccessPackage", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      await ctx.db.transaction(async (tx) => {
        const deleted = await tx.delete(incompatibleAccessPackages).where(linkBetween(pkg.id, data.incompatibleAccessPackageId)).returning();
        if (deleted.length === 0) throw notFound(`"${pkg.displayName}" is not incompatible with the access package ${data.incompatibleAccessPackageId}.`);
        await recordAudit(tx, ctx, { action: "accessPackage.removeIncompatibleAccessPackage", targetType: "accessPackage", targetId: pkg.id, before: { incompatibleAccessPackageId: data.incompatibleAccessPackageId } });
      });
    },
  );
}

/** Members of the group (directly, or through a grant of its membership) may not get this package. */
export async function addIncompatibleGroup({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<IncompatibleGroup> {
  const data = parseInput(incompatibleGroupInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.addIncompatibleGroup", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      const [group] = isUuid(data.groupId) ? await ctx.db.select({ id: groups.id, displayName: groups.displayName, description: groups.description }).from(groups).where(eq(groups.id, data.groupId)) : [];
      if (!group) throw notFound(`No group with id ${data.groupId} in the directory.`);
      try {
        return await ctx.db.transaction(async (tx) => {
          await tx.insert(incompatibleGroups).values({ accessPackageId: pkg.id, groupId: group.id });
          await recordAudit(tx, ctx, { action: "accessPackage.addIncompatibleGroup", targetType: "accessPackage", targetId: pkg.id, after: { groupId: group.id, displayName: group.displayName } });
          return group;
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict(`Members of "${group.displayName}" are already kept from "${pkg.displayName}".`);
        throw e;
      }
    },
  );
}

export async function removeIncompatibleGroup({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<void> {
  const data = parseInput(incompatibleGroupInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "accessPackage.removeIncompatibleGroup", targetType: "accessPackage", targetId: data.accessPackageId }),
    async () => {
      const pkg = await loadPackage(ctx.db, data.accessPackageId);
      await requirePermission(ctx, "packages.write", { catalogId: pkg.catalogId });
      await ctx.db.transaction(async (tx) => {
        const deleted = await tx
          .delete(incompatibleGroups)
          .where(and(eq(incompatibleGroups.accessPackageId, pkg.id), eq(incompatibleGroups.groupId, data.groupId)))
          .returning();
        if (deleted.length === 0) throw notFound(`The group ${data.groupId} is not incompatible with "${pkg.displayName}".`);
        await recordAudit(tx, ctx, { action: "accessPackage.removeIncompatibleGroup", targetType: "accessPackage", targetId: pkg.id, before: { groupId: data.groupId } });
      });
    },
  );
}

