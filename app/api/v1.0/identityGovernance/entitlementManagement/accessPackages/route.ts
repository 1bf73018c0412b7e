import { NextResponse } from "next/server";
import { graphRoute, readJson } from "@/lib/api/graph";
import { accessPackageSpec, createAccessPackageBody, listGraphAccessPackages, toGraphAccessPackage, withPlainExpand } from "@/lib/api/access-packages";
import { entityContext, odataCollection, parseODataQuery } from "@/lib/api/odata";
import { parseInput } from "@/lib/errors";
import { createAccessPackage } from "@/lib/packages/create-access-package";

export const dynamic = "force-dynamic";

export const GET = graphRoute(async ({ req, ctx }) => {
  const q = parseODataQuery(withPlainExpand(req.url), accessPackageSpec);
  const { page, items } = await listGraphAccessPackages(ctx, q);
  return NextResponse.json(odataCollection(req, accessPackageSpec, q, page, items));
});

export const POST = graphRoute(async ({ req, ctx }) => {
  const { catalog, ...body } = parseInput(createAccessPackageBody, await readJson(req));
  const created = await createAccessPackage({ ctx, input: { ...body, catalogId: catalog.id } });
  return NextResponse.json(
    { "@odata.context": entityContext(req, accessPackageSpec.entitySet), ...toGraphAccessPackage(created) },
    { status: 201, headers: { Location: `${new URL(req.url).pathname}/${created.id}` } },
  );
});
