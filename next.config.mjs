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
};

export default nextConfig;
