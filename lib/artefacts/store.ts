import "server-only";
import { openBlobStore, type BlobStore } from "@/lib/blobstore";
import { env } from "@/lib/env";
import { loadOrCreateSigningKey, signingKeyFromPem, type SigningKey } from "@/lib/release/keys";
import type { LineLimits } from "./lines";

const g = globalThis as unknown as { logdeskBlobStore?: { config: string; store: BlobStore }; logdeskSigningKey?: Promise<SigningKey> };

/** The configured blob store: BLOB_STORE_URL's bucket, or the folder BLOB_DIR (default <data folder>/blobs). One per configuration (one S3 client, its connections kept alive). */
export function blobStore(): BlobStore {
  const config = env().blobStore;
  const id = JSON.stringify(config);
  if (g.logdeskBlobStore?.config !== id) g.logdeskBlobStore = { config: id, store: openBlobStore(config) };
  return g.logdeskBlobStore.store;
}

/** The limits every upload and redaction applies (ARTEFACT_MAX_*). */
export function lineLimits(): LineLimits {
  const e = env();
  const MB = 1024 * 1024;
  return { maxDecompressedBytes: e.ARTEFACT_MAX_DECOMPRESSED_MB * MB, maxRatio: e.ARTEFACT_MAX_RATIO, maxLineBytes: e.ARTEFACT_MAX_LINE_MB * MB };
}

export function maxUploadBytes(): number {
  return env().ARTEFACT_MAX_UPLOAD_MB * 1024 * 1024;
}

/**
 * The key that signs release manifests: RELEASE_SIGNING_KEY when set, otherwise the one generated
 * once in the data folder (the embedded default). Read once per process.
 */
export function releaseSigningKey(): Promise<SigningKey> {
  if (!g.logdeskSigningKey) {
    const configured = env().RELEASE_SIGNING_KEY;
    g.logdeskSigningKey = configured ? Promise.resolve(signingKeyFromPem(configured)) : loadOrCreateSigningKey(env().dataDir);
    g.logdeskSigningKey.catch(() => (g.logdeskSigningKey = undefined));
  }
  return g.logdeskSigningKey;
}

/** For tests that change the environment. */
export function resetArtefactStores() {
  g.logdeskBlobStore = undefined;
  g.logdeskSigningKey = undefined;
}
