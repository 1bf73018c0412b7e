import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authConfig } from "@/auth.config";

/*
 * Only a convenience redirect for anonymous visitors of portal pages. It is never the
 * authorization: every page, action and route handler checks the actor itself.
 * Built from the database-free config so the proxy never opens the database.
 */
const { auth } = NextAuth(authConfig);

export default auth((req) => {
  if (req.auth?.user?.id) return NextResponse.next();
  const signIn = new URL("/signin", req.nextUrl.origin);
  signIn.searchParams.set("callbackUrl", `${req.nextUrl.pathname}${req.nextUrl.search}`);
  return NextResponse.redirect(signIn);
});

export const config = {
  // Everything except the API (bearer tokens, answers 401 itself), /.well-known/ metadata, the sign-in page, Next's assets,
  // the docs and any file with an extension (favicon.ico, robots.txt, images).
  matcher: ["/((?!api(?:/|$)|\\.well-known/|signin(?:/|$)|_next/|docs(?:/|$)|favicon\\.ico$|.*\\.[A-Za-z0-9]+$).*)"],
};
