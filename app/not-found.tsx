import Link from "@/components/ui/app-link";

export default function NotFound() {
  return (
    <main className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 max-w-md text-sm text-slate-600">
        This page does not exist, or it is not one you have access to. Cases are shown only to the teams working on them.
      </p>
      <Link href="/" className="mt-6 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
        Back to Logdesk
      </Link>
    </main>
  );
}
