import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { getActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/auth/actor";
import { ASSIGNMENT_SORTS, assignmentFiltersFrom, listAssignments, type AssignmentSortId } from "@/lib/assignments/list-assignments";
import { csvRow } from "@/lib/export/csv";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 100;
const HEADER = ["Target", "Target type", "Access package", "Catalog", "Policy", "State", "Start (UTC)", "End (UTC)", "Pathway", "Assignment id", "Target id", "Request id"];

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}

/** The assignments list as CSV, with the page's filters and sort, streamed page by page. */
export async function GET(req: NextRequest) {
  const actor = await getActor();
  if (!actor) return plain(401, "Sign in to export assignments.");
  const ctx: Ctx = { db: await getDb(), actor };
  const params = req.nextUrl.searchParams;
  const filters = assignmentFiltersFrom(Object.fromEntries(params));
  const sortId = params.get("sort");
  const sort = sortId && (ASSIGNMENT_SORTS as readonly string[]).includes(sortId) ? { id: sortId as AssignmentSortId, desc: params.get("dir") === "desc" } : null;

  let page = 1;
  let current = await listAssignments(ctx, { ...filters, sort, page, pageSize: PAGE_SIZE });
  if (!current.allowed) return plain(403, "You need the Identity Governance Administrator role or a catalog role to export assignments.");

  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      try {
        const chunk = current.rows
          .map((r) =>
            csvRow([
              r.targetName,
              r.targetType,
              r.packageName,
              r.catalogName,
              r.policyName,
              r.state,
              r.startDateTime.toISOString(),
              r.endDateTime?.toISOString() ?? "",
              r.pathway ?? "",
              r.id,
              r.targetId,
              r.originRequestId ?? "",
            ]),
          )
          .join("");
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (current.rows.length < PAGE_SIZE || page * PAGE_SIZE >= current.total) {
          controller.close();
          return;
        }
        page += 1;
        current = await listAssignments(ctx, { ...filters, sort, page, pageSize: PAGE_SIZE });
      } catch (e) {
        console.error("Assignments export failed", e);
        controller.error(e);
      }
    },
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="assignments.csv"',
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
