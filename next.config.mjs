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
  ],
};

export default nextConfig;
