// A real S3-compatible server for tests: s3rver (an npm devDependency) on 127.0.0.1, port 0, its
// files in a temporary folder; removed by stop(). See /work/shared/notes/s3-and-oidc-test-servers.md.
import { promises as fs } from "node:fs";
import type { Server } from "node:http";
import os from "node:os";
import path from "node:path";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import type { S3BlobStoreConfig } from "@/lib/blobstore";

export interface TestS3 {
  endpoint: string;
  port: number;
  /** A store configuration on this server (bucket "logdesk" unless given, which the server creates). */
  config(prefix?: string, bucket?: string): S3BlobStoreConfig;
  /** The environment variables that select it (BLOB_STORE_URL and the S3_* settings). */
  env(prefix?: string, bucket?: string): Record<string, string>;
  /** Every object key in the bucket, sorted. */
  keys(bucket?: string): Promise<string[]>;
  /** Stops answering at once (open connections cut), as a crashed or unplugged server; `keep` keeps its files for restart(). */
  stop(opts?: { keep?: boolean }): Promise<void>;
  /** After stop({ keep: true }): the same server again, same port and files. */
  restart(): Promise<void>;
}

export const TEST_S3_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

/**
 * s3rver keeps an object as a file under folders named after its key and, on DELETE, removes the
 * folders left empty; a PUT into the same folder at that moment opens its file in a folder just
 * removed and the whole server dies of an unhandled ENOENT (seen in CI: the crash test's temp
 * objects under tmp/). S3 has no folders, so this DELETE removes the object's files and leaves the
 * folders: nothing the portal sees changes (keys() lists files only).
 */
function keepFoldersOnDelete(server: unknown): void {
  const store = (server as { store: { getResourcePath(bucket: string, key: string, resource: string): string; deleteObject(bucket: string, key: string): Promise<void> } }).store;
  store.deleteObject = async (bucket, key) => {
    await Promise.all(
      ["object", "object.md5", "metadata.json"].map((resource) =>
        fs.unlink(store.getResourcePath(bucket, key, resource)).catch((err: NodeJS.ErrnoException) => {
          if (err.code !== "ENOENT") throw err;
        }),
      ),
    );
  };
}

export async function startS3(opts: { buckets?: string[] } = {}): Promise<TestS3> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "logdesk-s3rver-"));
  const buckets = opts.buckets ?? ["logdesk"];
  let server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: dir, configureBuckets: buckets.map((name) => ({ name })) });
  keepFoldersOnDelete(server);
  const address = (await server.run()) as { port: number };
  const endpoint = `http://127.0.0.1:${address.port}`;
  let stopped = false;
  const keysUnder = async (root: string): Promise<string[]> => {
    // s3rver keeps an object as <dir>/<bucket>/<key>._S3rver_object (and metadata beside it).
    const entries = await fs.readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries
      .filter((e) => e.isFile() && e.name.endsWith("._S3rver_object"))
      .map((e) => path.relative(root, path.join(e.parentPath, e.name)).replace(/\._S3rver_object$/, ""))
      .sort();
  };
  return {
    endpoint,
    port: address.port,
    config: (prefix = "", bucket = "logdesk") => ({ bucket, prefix: prefix ? `${prefix.replace(/\/+$/, "")}/` : "", endpoint, region: "us-east-1", credentials: TEST_S3_CREDENTIALS, forcePathStyle: true }),
    env: (prefix = "", bucket = "logdesk") => ({
      BLOB_STORE_URL: `s3://${bucket}${prefix ? `/${prefix}` : ""}`,
      S3_ENDPOINT: endpoint,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: TEST_S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: TEST_S3_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    }),
    keys: (bucket = "logdesk") => keysUnder(path.join(dir, bucket)),
    async stop(opts = {}) {
      if (!stopped) {
        stopped = true;
        const http = (server as { httpServer?: Server }).httpServer;
        http?.closeAllConnections();
        await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
      }
      if (!opts.keep) await fs.rm(dir, { recursive: true, force: true });
    },
    async restart() {
      server = new S3rver({ port: address.port, address: "127.0.0.1", silent: true, directory: dir });
      keepFoldersOnDelete(server);
      await server.run();
      stopped = false;
    },
  };
}
