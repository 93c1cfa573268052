/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Native, WebAssembly and Node-only packages stay outside the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@node-rs/argon2",
    "@prisma/adapter-pg",
    "pg",
    "nodemailer",
    // Metrics: one copy of prom-client, loaded by Node as server.ts loads it (lib/metrics/registry.ts).
    "prom-client",
    // The case report PDF (yoga-layout WebAssembly, fontkit): rendered in Node, not bundled.
    "@react-pdf/renderer",
    // The object store's client (lib/blobstore/s3.ts): large, Node-only.
    "@aws-sdk/client-s3",
    "@aws-sdk/lib-storage",
  ],
  // The icons are asked for by every page a browser opens; served with Next's max-age=0, each view
  // was one more request to the server (a revalidation). A day's cache: an upgrade's new icon shows
  // within a day.
  async headers() {
    return [{ source: "/favicon.:ext(ico|svg)", headers: [{ key: "Cache-Control", value: "public, max-age=86400" }] }];
  },
};

export default nextConfig;
