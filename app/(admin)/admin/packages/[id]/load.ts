import { getAccessPackage, type AccessPackageDetail } from "@/lib/packages/get-access-package";
import { isDomainError } from "@/lib/errors";
import type { Ctx } from "@/lib/auth/actor";

/** The package for a page, or why not: "notFound" and "forbidden" become the page's own states. */
export async function loadPackageForPage(ctx: Ctx, id: string): Promise<AccessPackageDetail | "notFound" | "forbidden"> {
  try {
    return await getAccessPackage(ctx, { accessPackageId: id });
  } catch (e) {
    if (isDomainError(e) && (e.code === "notFound" || e.code === "forbidden")) return e.code;
    throw e;
  }
}
