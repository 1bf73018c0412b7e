import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "./db/schema";
import { preparing } from "./db/index";
import { submitRequest } from "./lib/requests/submit-request";
import { loadPackageForRequest, loadPrincipal } from "./lib/packages/load";
import { packageRefusals, policyRefusal } from "./lib/policies/eligibility";
import { BENCH_PACKAGE_ID } from "./db/seed-scale";
import { sql } from "drizzle-orm";
const client = postgres("postgres://postgres@127.0.0.1:5432/steward_bench", { max: 10, onnotice: () => {} });
const db = drizzle({ client: preparing(client), schema }) as any;
const { expireAssignments } = await import("./lib/lifecycle/expire-assignments");
const { systemCtx } = await import("./lib/auth/actor");
for (let i = 0; i < 100; i++) { const r = await expireAssignments({ ctx: systemCtx(db) }); if (!r.expired) break; }
const free: any[] = await client`select p.id, p.display_name from principals p where p.id::text like '00000000-0000-4000-9a00-%' and p.type='agentIdentity' and p.account_enabled and not exists (select 1 from assignments x where x.target_id=p.id and x.access_package_id=${BENCH_PACKAGE_ID} and x.state in ('delivering','delivered','partiallyDelivered','deliveryFailed')) order by p.id desc limit 1200`;
console.log("free", free.length);
async function measure(name: string, n: number, f: (i: number) => Promise<unknown>, warm = 100) {
  for (let i = 0; i < warm; i++) await f(i);
  const c0 = process.cpuUsage(); const t0 = performance.now();
  const conc = 20; let next = warm;
  await Promise.all(Array.from({ length: conc }, async () => { while (next < n + warm) { const i = next++; await f(i); } }));
  const c = process.cpuUsage(c0); const t = performance.now() - t0;
  console.log(`${name.padEnd(28)} cpu ${((c.user + c.system) / 1000 / n).toFixed(3)} ms/op   wall ${(t / n).toFixed(3)} ms/op`);
}
const ctx = (i: number) => ({ db, actor: { type: "agentIdentity", id: free[i].id, displayName: free[i].display_name } });
await measure("loadPackageForRequest", 1000, () => loadPackageForRequest(db, BENCH_PACKAGE_ID));
await measure("loadPrincipal", 1000, (i) => loadPrincipal(db, free[i % free.length].id));
const { pkg, policies } = await loadPackageForRequest(db, BENCH_PACKAGE_ID);
const t = await loadPrincipal(db, free[0].id);
await measure("packageRefusals", 1000, (i) => packageRefusals(db, pkg, { ...t, id: free[i % free.length].id }, "add", new Date(), free[i % free.length].id));
await measure("policyRefusal", 1000, (i) => policyRefusal(db, policies[0], "add", false, free[i % free.length].id, t));
await measure("submitRequest", 300, (i) => submitRequest({ ctx: ctx(i) as any, input: { requestType: "userAdd", accessPackageId: BENCH_PACKAGE_ID } }));
const { policyFromRow } = await import("./lib/policies/settings");
const [prow] = await db.select().from(schema.assignmentPolicies).where(sql`access_package_id = ${BENCH_PACKAGE_ID}`);
await measure("policyFromRow", 3000, async () => policyFromRow(prow));
await client.end();
