import { eq } from "drizzle-orm";
import { z } from "zod";
import { assignmentRequests, assignments, principals, type Assignment, type AssignmentRequest } from "@/db/schema";
import { conflict, forbidden, isUniqueViolation, notFound, parseInput } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { nowOf, type Ctx } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { withRefusalAudit } from "@/lib/audit/with-refusal-audit";
import { isUuid, loadPackage } from "@/lib/packages/load";
import { transitionAssignment, transitionRequest } from "@/lib/requests/state-machine";
import { deliverRequest, deliverRoles } from "./deliver";
import { separationOfDutiesConflict } from "@/lib/requests/separation-of-duties";

export const reprocessInput = z.object({ id: z.uuid("id must be the id of an assignment or request") });

async function mayReprocess(ctx: Ctx, accessPackageId: string, involved: (string | null)[]): Promise<void> {
  if (ctx.actor.id && involved.includes(ctx.actor.id)) return;
  const pkg = await loadPackage(ctx.db, accessPackageId);
  if (!(await can(ctx, "assignments.manage", { catalogId: pkg.catalogId }))) throw forbidden("Only the target, the requestor or an assignment manager may reprocess this.");
}

/** Tries again to deliver an assignment left partiallyDelivered or deliveryFailed (Graph: assignments/{id}/reprocess). */
export async function reprocessAssignment({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<Assignment> {
  const { id } = parseInput(reprocessInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "assignment.reprocess", targetType: "assignment", targetId: id }),
    async () => {
      const [a] = isUuid(id) ? await ctx.db.select().from(assignments).where(eq(assignments.id, id)) : [];
      if (!a) throw notFound(`No assignment with id ${id}.`);
      await mayReprocess(ctx, a.accessPackageId, [a.targetId]);
      if (a.state !== "partiallyDelivered" && a.state !== "deliveryFailed") throw conflict(`The assignment is ${a.state}; only partiallyDelivered or deliveryFailed assignments can be reprocessed.`);
      return ctx.db.transaction(async (tx) => {
        const now = nowOf(ctx);
        const [target] = await tx.select().from(principals).where(eq(principals.id, a.targetId));
        const sod = await separationOfDutiesConflict(tx, a.targetId, a.accessPackageId, now);
        const outcome = sod ? { state: "deliveryFailed" as const, status: sod } : await deliverRoles(tx, a.id, a.accessPackageId, a.targetId, target.type, now);
        await transitionAssignment(tx, a.id, a.state, "delivering", { modifiedAt: now });
        const updated = await transitionAssignment(tx, a.id, "delivering", outcome.state, { status: outcome.status, modifiedAt: now });
        await recordAudit(tx, ctx, { action: "assignment.reprocess", targetType: "assignment", targetId: a.id, onBehalfOfId: a.targetId, before: { state: a.state }, after: { state: outcome.state, status: outcome.status } });
        return updated;
      });
    },
  );
}

/** Tries again to deliver a request that ended deliveryFailed or partiallyDelivered (Graph: assignmentRequests/{id}/reprocess). */
export async function reprocessRequest({ ctx, input }: { ctx: Ctx; input: unknown }): Promise<AssignmentRequest> {
  const { id } = parseInput(reprocessInput, input);
  return withRefusalAudit(
    ctx,
    () => ({ action: "request.reprocess", targetType: "assignmentRequest", targetId: id, requestId: isUuid(id) ? id : null }),
    async () => {
      const [r] = isUuid(id) ? await ctx.db.select().from(assignmentRequests).where(eq(assignmentRequests.id, id)) : [];
      if (!r) throw notFound(`No request with id ${id}.`);
      await mayReprocess(ctx, r.accessPackageId, [r.targetId, r.requestorId]);
      if (r.state !== "deliveryFailed" && r.state !== "partiallyDelivered") throw conflict(`The request is ${r.state}; only deliveryFailed or partiallyDelivered requests can be reprocessed.`);
      const [held] = r.assignmentId ? await ctx.db.select({ state: assignments.state }).from(assignments).where(eq(assignments.id, r.assignmentId)) : [];
      if (r.assignmentId && held?.state === "delivered") {
        // The assignment was completed meanwhile (e.g. its package stopped handing out a role the target cannot hold):
        // the request is done; delivering it again would try to create a second live assignment.
        return ctx.db.transaction(async (tx) => {
          await transitionRequest(tx, r.id, r.state, "delivering");
          const done = await transitionRequest(tx, r.id, "delivering", "delivered", { status: "The assignment is delivered." });
          await recordAudit(tx, ctx, { action: "request.reprocess", targetType: "assignmentRequest", targetId: r.id, requestId: r.id, before: { state: r.state }, after: { state: "delivered" } });
          return done;
        });
      }
      if (r.assignmentId && held && (held.state === "partiallyDelivered" || held.state === "deliveryFailed")) {
        const a = await reprocessAssignment({ ctx, input: { id: r.assignmentId } });
        return ctx.db.transaction(async (tx) => {
          const updated = await transitionRequest(tx, r.id, r.state, "delivering");
          const final = a.state === "delivered" ? "delivered" : a.state === "partiallyDelivered" ? "partiallyDelivered" : "deliveryFailed";
          const done = await transitionRequest(tx, updated.id, "delivering", final, { status: a.status });
          await recordAudit(tx, ctx, { action: "request.reprocess", targetType: "assignmentRequest", targetId: r.id, requestId: r.id, after: { state: final } });
          return done;
        });
      }
      try {
        return await ctx.db.transaction(async (tx) => {
          const delivering = await transitionRequest(tx, r.id, r.state, "delivering", { status: "Reprocessing." });
          await recordAudit(tx, ctx, { action: "request.reprocess", targetType: "assignmentRequest", targetId: r.id, requestId: r.id, before: { state: r.state } });
          return deliverRequest(tx, ctx, delivering);
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw conflict("The target already holds this access package through another assignment; there is nothing to reprocess.");
        throw e;
      }
    },
  );
}
