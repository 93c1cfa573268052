import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Logdesk", template: "%s · Logdesk" },
  description: "Customer incident log requests: intake, routing, updates, redacted artefacts.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
