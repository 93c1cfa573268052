import path from "node:path";
import { z } from "zod";
import type { BlobStoreConfig } from "@/lib/blobstore";
import { parseS3Url } from "@/lib/blobstore/s3-url";

/**
 * The one place that reads process.env (STYLE 9). Every variable is listed in
 * README.md under "Configuration".
 */
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), "DATABASE_URL must be a postgres:// or postgresql:// URL"),
  LOGDESK_DATA_DIR: z.string().default("./data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  NEXTAUTH_URL: z.string().url().optional(),
  NEXTAUTH_SECRET: z.string().min(16).optional(),
  /**
   * How many reverse proxies in front of Logdesk append to X-Forwarded-For. 0 (the default): the
   * client's address is the socket's, and the header is ignored (a client can write anything in it).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Company SSO"),
  PASSWORD_SIGN_IN: bool.optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Logdesk <logdesk@localhost>"),
  SIRT_TEAM_EMAIL: z.string().email().optional(),
  LOGDESK_WORKER: bool.default(true),
  /**
   * How long a worker's claim on a job lasts before another instance's worker may take it over (the
   * holder died); renewed every third of it while the job runs. Short only in tests.
   */
  JOB_LEASE_SECONDS: z.coerce.number().int("JOB_LEASE_SECONDS must be a whole number of seconds").min(2, "JOB_LEASE_SECONDS must be at least 2").max(3600, "JOB_LEASE_SECONDS must be at most 3600 (an hour)").default(300),
  /** Connections this instance keeps to PostgreSQL at most (DATABASE_URL): instances x this must stay under the server's max_connections. */
  DATABASE_POOL_SIZE: z.coerce.number().int("DATABASE_POOL_SIZE must be a whole number").min(1, "DATABASE_POOL_SIZE must be at least 1").max(200, "DATABASE_POOL_SIZE must be at most 200").default(10),
  DATABASE_PREPARED_STATEMENTS: bool.default(true),
  /**
   * Server processes on this machine, sharing its port (node:cluster; lib/server/processes.ts): on
   * PostgreSQL only, as several instances. Each keeps its own pool of DATABASE_POOL_SIZE.
   */
  LOGDESK_PROCESSES: z.coerce.number().int("LOGDESK_PROCESSES must be a whole number").min(1, "LOGDESK_PROCESSES must be at least 1").max(64, "LOGDESK_PROCESSES must be at most 64").default(1),
  /** Pages this process renders at once; more wait their turn (lib/http/page-limiter.ts). 0 turns the limit off. */
  PAGE_RENDER_CONCURRENCY: z.coerce.number().int("PAGE_RENDER_CONCURRENCY must be a whole number").min(0, "PAGE_RENDER_CONCURRENCY must be 0 (no limit) or more").max(1000, "PAGE_RENDER_CONCURRENCY must be at most 1000").default(8),
  LOGDESK_DEMO_DATA: bool.optional(),
  /** "off" leaves the demo history out: demo staff and accounts without example cases (the e2e servers). */
  LOGDESK_DEMO_HISTORY: z
    .enum(["on", "off", "1", "0", "true", "false", "yes", "no", ""], { message: 'LOGDESK_DEMO_HISTORY must be "on" or "off"' })
    .default("on")
    .transform((v) => !["off", "0", "false", "no"].includes(v)),
  /** Where artefact files live (content-addressed); default <data folder>/blobs. */
  BLOB_DIR: z.string().optional(),
  /** An S3-compatible bucket for the blobs instead of BLOB_DIR: s3://bucket or s3://bucket/prefix. */
  BLOB_STORE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || parseS3Url(v) !== null, "BLOB_STORE_URL must be s3://<bucket> or s3://<bucket>/<prefix> (a bucket name of 3-63 lowercase letters, digits, dots and hyphens), or unset to keep the files in BLOB_DIR"),
  /** The S3-compatible server (MinIO, Ceph, ...); unset: AWS S3 of S3_REGION. */
  S3_ENDPOINT: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), "S3_ENDPOINT must be an http:// or https:// URL (e.g. https://minio.example.com:9000)"),
  S3_REGION: z.string().trim().optional().transform((v) => v || undefined),
  S3_ACCESS_KEY_ID: z.string().trim().optional().transform((v) => v || undefined),
  S3_SECRET_ACCESS_KEY: z.string().trim().optional().transform((v) => v || undefined),
  S3_FORCE_PATH_STYLE: bool.optional(),
  /** Ed25519 private key (PKCS#8 PEM, or its base64) that signs release manifests; default: generated once in the data folder. */
  RELEASE_SIGNING_KEY: z.string().optional(),
  /** Ed25519 private key (PKCS#8 PEM, or its base64) that signs the activity log's checkpoints; default: generated once in the data folder. */
  AUDIT_CHECKPOINT_KEY: z.string().optional(),
  /** How often the background worker writes a signed checkpoint of the activity chain's head (only when it moved). */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().positive().max(7 * 24 * 60).default(60),
  ARTEFACT_MAX_UPLOAD_MB: z.coerce.number().positive().default(5 * 1024),
  ARTEFACT_MAX_DECOMPRESSED_MB: z.coerce.number().positive().default(5 * 1024),
  ARTEFACT_MAX_RATIO: z.coerce.number().positive().default(100),
  ARTEFACT_MAX_LINE_MB: z.coerce.number().positive().max(256).default(16),
  /** Comma-separated host suffixes that are the company's own systems, redacted as "system". */
  INTERNAL_HOST_SUFFIXES: z.string().default(".internal,.corp,.local"),
  /** Comma-separated host names of the product's own web and API front end (first default of Admin -> Settings). */
  PRODUCT_HOSTS: z.string().default(""),
  /** The bearer token /api/metrics asks for (at least 32 characters); unset, /api/metrics answers 404. */
  METRICS_TOKEN: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || v.length >= 32, "METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -hex 32`), or unset to turn /api/metrics off"),
  /** The folder of the pg_dump and pg_restore that `npm run backup` / `npm run restore` use on PostgreSQL (e.g. /usr/lib/postgresql/17/bin); default: the PATH's. */
  PG_BIN_DIR: z.string().trim().optional().transform((v) => v || undefined),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** The product's tracker (a GitLab-compatible issues API) that Audit Events gap issues are filed in; all three or none. */
  GAP_TRACKER_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), "GAP_TRACKER_URL must be an http:// or https:// URL (the tracker's address, e.g. https://gitlab.example.com)"),
  GAP_TRACKER_PROJECT: z.string().trim().optional().transform((v) => v || undefined),
  GAP_TRACKER_TOKEN: z.string().trim().optional().transform((v) => v || undefined),
}).superRefine((e, ctx) => {
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    ctx.addIssue({
      code: "custom",
      path: [e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"],
      message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither to use the AWS SDK's own settings (AWS_ACCESS_KEY_ID, AWS_PROFILE, an instance role)",
    });
  }
  if (!e.BLOB_STORE_URL) {
    const stray = (["S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_FORCE_PATH_STYLE"] as const).find((k) => e[k] !== undefined);
    if (stray) ctx.addIssue({ code: "custom", path: [stray], message: `${stray} is set but BLOB_STORE_URL is not: set BLOB_STORE_URL=s3://<bucket>/<prefix> to keep the files in object storage, or unset ${stray}` });
  }
  if (e.LOGDESK_PROCESSES > 1 && !e.DATABASE_URL) {
    ctx.addIssue({ code: "custom", path: ["LOGDESK_PROCESSES"], message: "LOGDESK_PROCESSES above 1 needs PostgreSQL (DATABASE_URL): the embedded database belongs to one process" });
  }
  const gap = { GAP_TRACKER_URL: e.GAP_TRACKER_URL, GAP_TRACKER_PROJECT: e.GAP_TRACKER_PROJECT, GAP_TRACKER_TOKEN: e.GAP_TRACKER_TOKEN };
  const missing = Object.entries(gap).filter(([, v]) => v === undefined).map(([k]) => k);
  if (missing.length > 0 && missing.length < 3) {
    ctx.addIssue({
      code: "custom",
      path: [missing[0]!],
      message: `The gap tracker needs GAP_TRACKER_URL, GAP_TRACKER_PROJECT and GAP_TRACKER_TOKEN together: set ${missing.join(" and ")} too, or unset all three to keep gaps for filing by hand.`,
    });
  }
});

export type Env = z.infer<typeof ZEnv> & {
  dataDir: string;
  blobDir: string;
  /** The blob store: BLOB_DIR's folder, or BLOB_STORE_URL's bucket with the S3_* settings. */
  blobStore: BlobStoreConfig;
  internalHosts: string[];
  productHosts: string[];
  embedded: boolean;
  oidcEnabled: boolean;
  passwordSignIn: boolean;
  /** The gap tracker, when all three GAP_TRACKER_* variables are set. */
  gapTracker: { url: string; project: string; token: string } | null;
};

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = ZEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const oidcEnabled = Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
  const blobDir = path.resolve(e.BLOB_DIR || path.join(e.LOGDESK_DATA_DIR, "blobs"));
  const s3 = e.BLOB_STORE_URL ? parseS3Url(e.BLOB_STORE_URL)! : null;
  cached = {
    ...e,
    dataDir: path.resolve(e.LOGDESK_DATA_DIR),
    blobDir,
    blobStore: s3
      ? {
          kind: "s3",
          ...s3,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : { kind: "local", dir: blobDir },
    internalHosts: e.INTERNAL_HOST_SUFFIXES.split(",").map((h) => h.trim()).filter(Boolean),
    productHosts: e.PRODUCT_HOSTS.split(",").map((h) => h.trim()).filter(Boolean),
    embedded: !e.DATABASE_URL,
    oidcEnabled,
    // Passwords are the embedded default's sign-in; with SSO configured they are off unless asked for.
    passwordSignIn: e.PASSWORD_SIGN_IN ?? !oidcEnabled,
    gapTracker:
      e.GAP_TRACKER_URL && e.GAP_TRACKER_PROJECT && e.GAP_TRACKER_TOKEN
        ? { url: e.GAP_TRACKER_URL, project: e.GAP_TRACKER_PROJECT, token: e.GAP_TRACKER_TOKEN }
        : null,
  };
  return cached;
}

/** For tests that change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}

/** The environment a child process (pg_dump, pg_restore) inherits, with `extra` on top: passed on whole, not read. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...extra };
}
