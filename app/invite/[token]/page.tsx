import type { Metadata } from "next";
import Link from "@/components/ui/app-link";
import { AcceptInviteForm } from "@/components/accept-invite-form";
import { findInvite } from "@/lib/staff/service";
import { acceptInviteAction } from "./actions";

export const metadata: Metadata = { title: "Accept invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = token.length >= 20 ? await findInvite(token) : null;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h1 className="text-xl font-semibold">Welcome to Logdesk</h1>
        {invite ? (
          <>
            <p className="mt-1 mb-4 text-sm text-slate-600">Choose a password for {invite.email}.</p>
            <AcceptInviteForm token={token} email={invite.email} accept={acceptInviteAction} />
          </>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            This invitation link has expired or was already used. Ask an Admin for a new one, or <Link className="text-indigo-700 underline" href="/signin">sign in</Link>.
          </p>
        )}
      </div>
    </main>
  );
}
