import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { SEED_IDS } from "@/db/seed";
import { createTestDatabase } from "@/lib/testing/test-db";
import { ctxAs } from "@/lib/testing/actors";
import { DomainError } from "@/lib/errors";
import { submitRequest } from "@/lib/requests/submit-request";
import { decideApproval } from "@/lib/approvals/decide-approval";
import { listRequestOptions } from "@/lib/requests/list-request-options";
import { listHeldAssignments } from "./list-held-assignments";

const U = SEED_IDS.users;
const A = SEED_IDS.agents;
const P = SEED_IDS.packages;
const now = new Date("2026-12-10T09:00:00Z");
const clock = () => now;

let database: Database;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("listHeldAssignments: what may be extended or removed, and why not", () => {
  it("offers extend and remove where the policy allows it, and says why not where it does not", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    const priya = await ctxAs(db(), U.priya, clock);
    await submitRequest({ ctx: maya, input: { accessPackageId: P.directoryRead8h, targetId: A.kbCurator } });
    const stt = await submitRequest({ ctx: maya, input: { accessPackageId: P.supportTicketTriage, targetId: A.kbCurator, justification: "Reads tickets" } });
    await decideApproval({ ctx: priya, input: { requestId: stt.id, decision: "Approve" } });

    const held = await listHeldAssignments(maya, { targetId: A.kbCurator });
    expect(held.total).toBe(2);
    const dir = held.rows.find((r) => r.accessPackageId === P.directoryRead8h)!;
    const triage = held.rows.find((r) => r.accessPackageId === P.supportTicketTriage)!;
    // Directory Read lets on-behalf requestors remove it but not extend it.
    expect(dir.extend).toMatchObject({ allowed: false, reason: { code: "onBehalfNotAllowed" } });
    expect(dir.remove).toEqual({ allowed: true });
    // Support Ticket Triage: extension needs approval again and a justification; removal on behalf is not allowed.
    expect(triage.extend).toMatchObject({ allowed: true, needsApproval: true, justificationRequired: true, customSchedule: false, maxDuration: "90 days" });
    expect(triage.remove).toMatchObject({ allowed: false, reason: { code: "onBehalfNotAllowed" } });

    // Once an extension is open, another is refused, and the row says which request is open.
    const ext = await submitRequest({ ctx: maya, input: { requestType: "userUpdate", accessPackageId: P.supportTicketTriage, targetId: A.kbCurator, justification: "Q1" } });
    const again = await listHeldAssignments(maya, { targetId: A.kbCurator });
    const open = again.rows.find((r) => r.accessPackageId === P.supportTicketTriage)!;
    expect(open.openRequest).toMatchObject({ id: ext.id, requestType: "userUpdate", state: "pendingApproval" });
    expect(open.extend).toMatchObject({ allowed: false, reason: { code: "openRequestExists" } });
  });

  it("is refused for an agent the caller neither sponsors nor owns", async () => {
    const sam = await ctxAs(db(), U.sam, clock);
    const e = await listHeldAssignments(sam, { targetId: A.kbCurator }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("forbidden");
  });
});

describe("listRequestOptions: the request form's eligibility", () => {
  it("gives the applicable policies per package, or the reasons why not", async () => {
    const maya = await ctxAs(db(), U.maya, clock);
    const forMe = await listRequestOptions(maya, { accessPackageIds: [P.supportTicketTriage, P.helpdeskOperator] });
    expect(forMe.find((o) => o.accessPackageId === P.supportTicketTriage)).toMatchObject({ applicablePolicyIds: [], whyNot: [{ code: "outsideScope" }] });
    expect(forMe.find((o) => o.accessPackageId === P.helpdeskOperator)).toMatchObject({ applicablePolicyIds: [SEED_IDS.policies.helpdeskOperator], whyNot: [] });

    const forAgent = await listRequestOptions(maya, { targetId: A.escalationSummarizer, accessPackageIds: [P.supportTicketTriage, P.productionBreakGlass] });
    expect(forAgent.every((o) => o.applicablePolicyIds.length === 1)).toBe(true);
    const disabled = await listRequestOptions(await ctxAs(db(), U.leo, clock), { targetId: A.forecastModeler, accessPackageIds: [P.supportTicketTriage] });
    expect(disabled[0].whyNot.map((w) => w.code)).toContain("targetDisabled");
    const notMine = await listRequestOptions(maya, { targetId: A.expenseAuditor, accessPackageIds: [P.supportTicketTriage] });
    expect(notMine[0]).toMatchObject({ applicablePolicyIds: [], whyNot: [{ code: "notSponsorOrOwner" }] });
  });
});
