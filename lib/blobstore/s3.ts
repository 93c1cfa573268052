// The S3-compatible blob store (BLOB_STORE_URL=s3://bucket/prefix): `<prefix>sha256/<2 hex>/<hex>`
// for blobs and `<prefix>tmp/<random>~<pid>~<host>.part` for uploads in progress.
//
// The content address is only known once the last byte is hashed, so a writer streams (a
// multipart upload, lib-storage's Upload, a few parts in memory at a time) to its temporary key
// while hashing, and commit copies the finished temp object to its content address (CopyObject;
// a multipart UploadPartCopy above 5 GiB), unless that address already holds the same bytes, then
// deletes the temp. A copy is atomic on the server: the address holds the whole object or nothing,
// so the portal never believes in a half-written blob. A writer that dies leaves at most an
// incomplete multipart upload or a temp object under tmp/, which sweepTemp removes by age (and, for
// this host's dead processes, at start-up).
// No `server-only` and no process.env: scripts use this too; lib/env.ts parses the configuration.
import { randomBytes } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3Client,
  UploadPartCopyCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { contentWriter } from "./content-writer";
import type { BlobStore, BlobWriter } from "./index";
import { BlobNotFound, BlobStoreUnavailable, blobKeyHex, isBlobStoreUnavailable, DEFAULT_TEMP_MAX_AGE_MS, isOrphanTempFile, tempHostTag } from "./local";

export interface S3BlobStoreConfig {
  bucket: string;
  /** "" or a prefix ending in "/" (e.g. "logdesk/"). */
  prefix: string;
  /** An S3-compatible server's address (MinIO, Ceph, s3rver); unset: AWS's own for the region. */
  endpoint?: string;
  /** Unset: the SDK's chain (AWS_REGION, ~/.aws/config), else us-east-1. */
  region?: string;
  /** Unset: the SDK's chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Bucket in the path (http://host/bucket/key) rather than the host name: most self-hosted servers need it. */
  forcePathStyle?: boolean;
  /** Multipart part size (bytes, at least 5 MiB): with `queueSize` parts in flight, the memory one upload holds. */
  partSize?: number;
  queueSize?: number;
  /** Above this size commit copies in parts (UploadPartCopy); CopyObject's limit is 5 GiB. Tests lower it. */
  copyPartThreshold?: number;
  /** The parts of such a copy (default 1 GiB; at least 5 MiB, at most 10,000 parts). Tests lower it. */
  copyPartSize?: number;
  /** How long an abort waits for the server to drop what was sent (then the sweep does); default 10 s. */
  cleanupTimeoutMs?: number;
  /** A client to use instead of one made from the above (tests). */
  client?: S3Client;
}

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
export const S3_DEFAULT_PART_SIZE = 8 * MiB;
const COPY_PART_SIZE = 1 * GiB;

export function s3ClientFor(c: S3BlobStoreConfig): S3Client {
  return new S3Client({
    endpoint: c.endpoint,
    region: c.region ?? process.env.AWS_REGION ?? "us-east-1",
    credentials: c.credentials,
    forcePathStyle: c.forcePathStyle,
    // A store that does not answer fails a request in seconds, not minutes (the SDK retries twice more).
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 120_000 },
    maxAttempts: 3,
  });
}

type SdkError = Error & { $metadata?: { httpStatusCode?: number }; code?: string; Code?: string };

function statusOf(err: unknown): number | undefined {
  return (err as SdkError)?.$metadata?.httpStatusCode;
}

function nameOf(err: unknown): string {
  const e = err as SdkError;
  return e?.Code ?? e?.name ?? "";
}

const isNotFound = (err: unknown) => statusOf(err) === 404 || ["NotFound", "NoSuchKey"].includes(nameOf(err));

/** The error a person (or an operator) can act on, for a failed request to the store. */
export function describeS3Failure(err: unknown, where: string): string {
  const name = nameOf(err);
  const code = (err as SdkError)?.code;
  if (name === "NoSuchBucket") return `the bucket of ${where} does not exist (create it, or correct BLOB_STORE_URL)`;
  if (["InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId", "CredentialsProviderError"].includes(name)) {
    return `${where} refused the credentials (${name}): check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY (or the AWS_* settings)`;
  }
  if (name === "AccessDenied" || statusOf(err) === 403) return `${where} denied access (${name || 403}): the credentials need read, write, list and delete on the bucket and prefix`;
  if (code && /^E[A-Z]+$/.test(code)) return `${where} cannot be reached (${code})`;
  if (name === "TimeoutError" || name === "RequestTimeout") return `${where} did not answer in time`;
  const status = statusOf(err);
  return `${where} failed${status ? ` (HTTP ${status}${name ? ` ${name}` : ""})` : ""}: ${(err as Error)?.message ?? String(err)}`;
}

/** True for errors that are the configuration's fault (refuse to start), not an outage (report on health, retry). */
export function isS3ConfigurationError(err: unknown): boolean {
  const cause = isBlobStoreUnavailable(err) ? err.cause : err;
  const name = nameOf(cause);
  return ["NoSuchBucket", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidClientTokenId", "AccessDenied", "CredentialsProviderError"].includes(name) || [403, 404].includes(statusOf(cause) ?? 0);
}

export function s3BlobStore(config: S3BlobStoreConfig): BlobStore {
  const { bucket, prefix } = config;
  const client = config.client ?? s3ClientFor(config);
  const where = `the file store s3://${bucket}/${prefix}`;
  const tmpPrefix = `${prefix}tmp/`;
  const partSize = Math.max(5 * MiB, config.partSize ?? S3_DEFAULT_PART_SIZE);
  const queueSize = Math.max(1, config.queueSize ?? 2);
  const copyPartThreshold = config.copyPartThreshold ?? 5 * GiB;
  const cleanupTimeoutMs = config.cleanupTimeoutMs ?? 10_000;
  const copyPartSize = Math.max(5 * MiB, config.copyPartSize ?? COPY_PART_SIZE);

  const blobKey = (key: string) => {
    const hex = blobKeyHex(key);
    return `${prefix}sha256/${hex.slice(0, 2)}/${hex}`;
  };
  const unavailable = (err: unknown, what: string) => (isBlobStoreUnavailable(err) ? err : new BlobStoreUnavailable(`${what}: ${describeS3Failure(err, where)}`, { cause: err, action: what }));

  async function head(objectKey: string): Promise<{ size: number } | null> {
    try {
      const r = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: objectKey }));
      return { size: Number(r.ContentLength ?? 0) };
    } catch (err) {
      if (isNotFound(err) && nameOf(err) !== "NoSuchBucket") return null;
      throw err;
    }
  }

  async function deleteObject(objectKey: string): Promise<void> {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: objectKey }));
  }

  async function copyInto(from: string, to: string, size: number): Promise<void> {
    const source = `${bucket}/${from.split("/").map(encodeURIComponent).join("/")}`;
    if (size <= copyPartThreshold) {
      await client.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source }));
      return;
    }
    // Above CopyObject's 5 GiB: a multipart copy; the object appears only at Complete (atomic too).
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: to }));
    try {
      const parts: { ETag: string; PartNumber: number }[] = [];
      const step = Math.max(copyPartSize, Math.ceil(size / 10_000));
      for (let start = 0, n = 1; start < size; start += step, n++) {
        const end = Math.min(size, start + step) - 1;
        const r = await client.send(new UploadPartCopyCommand({ Bucket: bucket, Key: to, UploadId, PartNumber: n, CopySource: source, CopySourceRange: `bytes=${start}-${end}` }));
        parts.push({ ETag: r.CopyPartResult!.ETag!, PartNumber: n });
      }
      await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (err) {
      await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: to, UploadId })).catch(() => {});
      throw err;
    }
  }

  async function begin(): Promise<BlobWriter> {
    const tmpKey = `${tmpPrefix}${randomBytes(16).toString("hex")}~${process.pid}~${tempHostTag()}.part`;
    // The upload pulls from this stream part by part; write() waits while it is full (backpressure).
    const body = new PassThrough({ highWaterMark: 1 * MiB });
    const upload = new Upload({ client, params: { Bucket: bucket, Key: tmpKey, Body: body }, partSize, queueSize, leavePartsOnError: false });
    let uploadFailed: unknown;
    const uploaded = upload.done().then(
      () => undefined,
      (err: unknown) => {
        uploadFailed ??= err;
        throw err;
      },
    );
    uploaded.catch(() => {});
    const failedNow = new Promise<never>((_, reject) => void uploaded.catch(reject));
    failedNow.catch(() => {});

    // Best effort and bounded: a server that hangs must not hold the caller (the sweep removes what is left).
    const cleanUp = async () => {
      body.destroy();
      const done = (async () => {
        await upload.abort().catch(() => {});
        await uploaded.catch(() => {});
        // A single-part upload may have completed as a whole object: removed too.
        await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: tmpKey }), { abortSignal: AbortSignal.timeout(cleanupTimeoutMs) }).catch(() => {});
      })();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([done, new Promise<void>((resolve) => (timer = setTimeout(resolve, cleanupTimeoutMs)))]);
      clearTimeout(timer);
    };

    return contentWriter({
      async append(chunk) {
        if (uploadFailed) throw unavailable(uploadFailed, "The file could not be stored");
        // The stream keeps its own reference; a caller reusing its buffer must not change what is sent.
        if (!body.write(Buffer.from(chunk))) {
          await Promise.race([new Promise<void>((resolve) => body.once("drain", resolve)), failedNow]).catch((err: unknown) => {
            throw unavailable(err, "The file could not be stored");
          });
        }
      },
      async place(key, size) {
        body.end();
        await uploaded.catch((err: unknown) => {
          throw unavailable(err, "The file could not be stored");
        });
        const target = blobKey(key);
        try {
          if (!(await head(target))) await copyInto(tmpKey, target, size);
        } catch (err) {
          throw unavailable(err, "The file could not be stored");
        }
        // The blob is in place; a temp left by a failed delete is swept by age.
        await deleteObject(tmpKey).catch(() => {});
      },
      discard: cleanUp,
      // A write waiting on a server that hangs is released by the upload's abort.
      discardReleasesWrites: true,
    });
  }

  async function read(key: string, opts: { start?: number; end?: number } = {}) {
    const objectKey = blobKey(key);
    for (const [name, v] of [["start", opts.start], ["end", opts.end]] as const) {
      if (v !== undefined && !(Number.isSafeInteger(v) && v >= 0)) throw new RangeError(`blob read: ${name} must be a non-negative integer`);
    }
    if (opts.start !== undefined && opts.end !== undefined && opts.end < opts.start) throw new RangeError("blob read: end must not be before start");
    const range = opts.start !== undefined || opts.end !== undefined ? `bytes=${opts.start ?? 0}-${opts.end ?? ""}` : undefined;
    try {
      const r = await client.send(new GetObjectCommand({ Bucket: bucket, Key: objectKey, Range: range }));
      return r.Body as unknown as Readable & AsyncIterable<Buffer>;
    } catch (err) {
      if (isNotFound(err) && nameOf(err) !== "NoSuchBucket") throw new BlobNotFound(key);
      // A range that starts at (or past) the end: nothing, as a local file read gives.
      if (statusOf(err) === 416 || nameOf(err) === "InvalidRange") {
        if (await head(objectKey).catch(() => null)) return Readable.from([]) as Readable & AsyncIterable<Buffer>;
        throw new BlobNotFound(key);
      }
      throw unavailable(err, "The file could not be read");
    }
  }

  async function stat(key: string): Promise<{ size: number } | null> {
    const objectKey = blobKey(key);
    try {
      return await head(objectKey);
    } catch (err) {
      throw unavailable(err, "The file could not be looked up");
    }
  }

  /**
   * Several instances (on several hosts) may share the bucket, so a writer's liveness cannot be
   * asked of the store: temp objects and incomplete multipart uploads go by age (maxAgeMs, default
   * a day), and `orphans` (either value) removes, whatever their age, only those whose name says
   * this host and a process no longer running (or this very process, before it began any upload).
   */
  async function sweepTemp(maxAgeMs: number = DEFAULT_TEMP_MAX_AGE_MS, opts: { orphans?: "all" | "dead-writers" } = {}): Promise<number> {
    const cutoff = Date.now() - maxAgeMs;
    const due = (objectKey: string, at: Date | undefined) => {
      const name = objectKey.slice(tmpPrefix.length);
      if (!name.endsWith(".part") || name.includes("/")) return false;
      if (opts.orphans && isOrphanTempFile(name)) return true;
      return (at?.getTime() ?? 0) <= cutoff;
    };
    let removed = 0;
    try {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: tmpPrefix, ContinuationToken: token }));
        for (const o of page.Contents ?? []) {
          if (!o.Key || !due(o.Key, o.LastModified)) continue;
          await deleteObject(o.Key);
          removed++;
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw unavailable(err, "The temporary uploads could not be swept");
    }
    // Uploads cut off mid-way hold parts, not objects. Not every S3-compatible server lists them
    // (s3rver does not): then a bucket lifecycle rule (AbortIncompleteMultipartUpload) is the net.
    try {
      let keyMarker: string | undefined;
      let idMarker: string | undefined;
      do {
        const page = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: tmpPrefix, KeyMarker: keyMarker, UploadIdMarker: idMarker }));
        for (const u of page.Uploads ?? []) {
          if (!u.Key || !u.UploadId || !due(u.Key, u.Initiated)) continue;
          await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId }));
          removed++;
        }
        keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
        idMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (err) {
      if (nameOf(err) !== "NotImplemented" && statusOf(err) !== 501) throw unavailable(err, "The cut-off uploads could not be swept");
    }
    return removed;
  }

  async function remove(key: string): Promise<boolean> {
    const objectKey = blobKey(key);
    try {
      if (!(await head(objectKey))) return false;
      await deleteObject(objectKey);
      return true;
    } catch (err) {
      throw unavailable(err, "The file could not be removed");
    }
  }

  async function check(): Promise<void> {
    try {
      await client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch (err) {
      // HeadBucket answers a bare 404 for a missing bucket.
      if (statusOf(err) === 404) throw new BlobStoreUnavailable(`the bucket of ${where} does not exist (create it, or correct BLOB_STORE_URL)`, { cause: Object.assign(err as object, { Code: "NoSuchBucket" }) });
      throw unavailable(err, "The file store check failed");
    }
  }

  return { begin, read, stat, sweepTemp, remove, check, describe: () => `s3://${bucket}/${prefix}` };
}
