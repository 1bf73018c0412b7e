export const dynamic = "force-dynamic";
export default async function Page() { if (Date.now() > 0) throw new Error("boom secret detail"); return null; }
