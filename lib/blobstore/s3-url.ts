// BLOB_STORE_URL parsed without loading the AWS SDK (lib/env.ts reads it on every start).

/** "s3://bucket/some/prefix" as bucket and "some/prefix/"; null when it is not such a URL. */
export function parseS3Url(url: string): { bucket: string; prefix: string } | null {
  const m = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/(.*))?$/.exec(url.trim());
  if (!m) return null;
  const parts = (m[2] ?? "").split("/").filter(Boolean);
  if (parts.some((p) => p === "." || p === "..")) return null;
  return { bucket: m[1]!, prefix: parts.length ? `${parts.join("/")}/` : "" };
}
