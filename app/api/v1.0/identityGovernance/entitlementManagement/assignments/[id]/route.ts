import { NextResponse } from "next/server";
import { graphRoute } from "@/lib/api/graph";
import { assignmentSpec, getGraphAssignment, listGraphAssignments } from "@/lib/api/assignments";
import { applySelect, entityContext, odataCollection, parseEntityOptions, parseFunctionSegment } from "@/lib/api/odata";
import { invalid } from "@/lib/errors";

export const dynamic = "force-dynamic";

/**
 * `…/assignments/{id}`, and Graph's functions `…/assignments/filterByCurrentUser(on='target')` and
 * `…/assignments/additionalAccess(accessPackageId='…',incompatibleAccessPackageId='…')`.
 */
// Read only; the plain filterByCurrentUser query confirms the caller with its own row (see graphRoute).
export const GET = graphRoute<{ id: string }>(
  async ({ req, ctx, params }) => {
    const fn = parseFunctionSegment(params.id);
    if (fn) {
      let mode;
      if (fn.name === "filterByCurrentUser") {
        if (fn.args.on !== "target" || Object.keys(fn.args).length !== 1) throw invalid(`assignments/filterByCurrentUser takes on='target' only.`);
        mode = { kind: "mine" } as const;
      } else if (fn.name === "additionalAccess") {
        const { accessPackageId, incompatibleAccessPackageId } = fn.args;
        if (!accessPackageId || !incompatibleAccessPackageId || Object.keys(fn.args).length !== 2) {
          throw invalid("additionalAccess takes accessPackageId='…' and incompatibleAccessPackageId='…'.");
        }
        mode = { kind: "additionalAccess", accessPackageId, incompatibleAccessPackageId } as const;
      } else {
        throw invalid(`The function ${fn.name} is not supported on assignments; supported: filterByCurrentUser(on='target'), additionalAccess(accessPackageId='…',incompatibleAccessPackageId='…').`);
      }
      const { spec, q, page, items } = await listGraphAssignments(ctx, req.url, mode);
      return NextResponse.json(odataCollection(req, spec, q, page, items, "Collection(accessPackageAssignment)"));
    }
    const spec = assignmentSpec(new Date());
    const { select, expand } = parseEntityOptions(req.url, spec);
    const item = await getGraphAssignment(ctx, params.id, expand);
    return NextResponse.json({ "@odata.context": entityContext(req, spec.entitySet), ...applySelect(item, select, expand) });
  },
  { callerConfirmedByVerb: true },
);
