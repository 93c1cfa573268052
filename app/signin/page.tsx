import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/sign-in-form";
import { currentUser } from "@/lib/auth/session";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const errorCode = typeof params.error === "string" ? params.error : undefined;
  if (!errorCode && (await currentUser())) redirect("/");
  const e = env();
  const message = errorCode ? signInErrorMessage(errorCode, e.OIDC_NAME) : undefined;
  const callbackUrl = typeof params.callbackUrl === "string" && params.callbackUrl.startsWith("/") ? params.callbackUrl : "/";
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-2xl font-semibold tracking-tight">Logdesk</h1>
        <p className="mt-1 text-center text-sm text-slate-600">Staff sign-in</p>
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm passwordSignIn={e.passwordSignIn} sso={e.oidcEnabled ? e.OIDC_NAME : null} initialError={message} callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
