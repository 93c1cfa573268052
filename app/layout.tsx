import type { Metadata } from "next";
import "./globals.css";

// Every page renders per request: Next puts the request's CSP nonce on its scripts (server.ts),
// which a page prerendered at build time could not carry.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Logdesk", template: "%s · Logdesk" },
  description: "Customer incident log requests: intake, routing, updates, redacted artefacts.",
  // public/: the SVG for browsers that take one, the ICO for the rest (and for /favicon.ico itself).
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }, { url: "/favicon.ico", sizes: "16x16 32x32 48x48" }] },
  // An internal portal: robots.txt disallows everything, and each page says so too.
  robots: { index: false, follow: false },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
