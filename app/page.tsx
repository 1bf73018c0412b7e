import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  redirect((await getActor()) ? "/access" : "/signin");
}
