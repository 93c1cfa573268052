// BLOB_STORE_URL and the S3_* variables (issue 15): validated at start, each refusal naming the variable.
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";
import { parseS3Url } from "@/lib/blobstore";

const NAMES = ["BLOB_STORE_URL", "S3_ENDPOINT", "S3_REGION", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY", "S3_FORCE_PATH_STYLE", "BLOB_DIR"] as const;
const saved = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
afterEach(() => {
  for (const n of NAMES) {
    if (saved[n] === undefined) delete process.env[n];
    else process.env[n] = saved[n];
  }
  resetEnvCache();
});

function read(vars: Partial<Record<(typeof NAMES)[number], string>>) {
  for (const n of NAMES) delete process.env[n];
  Object.assign(process.env, vars);
  resetEnvCache();
  return env();
}

describe("parseS3Url", () => {
  it.each([
    ["s3://logdesk", { bucket: "logdesk", prefix: "" }],
    ["s3://logdesk/", { bucket: "logdesk", prefix: "" }],
    ["s3://logdesk/prod", { bucket: "logdesk", prefix: "prod/" }],
    ["s3://my.bucket-1/a/b/", { bucket: "my.bucket-1", prefix: "a/b/" }],
    ["s3://logdesk//a//b", { bucket: "logdesk", prefix: "a/b/" }],
    ["https://logdesk/a", null],
    ["s3://Upper/a", null],
    ["s3://ab", null],
    ["s3://logdesk/../other", null],
    ["s3:///prefix", null],
  ])("%s", (url, expected) => {
    expect(parseS3Url(url)).toEqual(expected);
  });
});

describe("BLOB_STORE_URL and S3_*", () => {
  it("unset: the folder BLOB_DIR, as before", () => {
    expect(read({ BLOB_DIR: "/srv/blobs" }).blobStore).toEqual({ kind: "local", dir: path.resolve("/srv/blobs") });
  });

  it("set: the bucket with every setting", () => {
    const e = read({ BLOB_STORE_URL: "s3://logdesk/prod", S3_ENDPOINT: "http://127.0.0.1:9000", S3_REGION: "eu-west-1", S3_ACCESS_KEY_ID: "AK", S3_SECRET_ACCESS_KEY: "SK", S3_FORCE_PATH_STYLE: "1" });
    expect(e.blobStore).toEqual({ kind: "s3", bucket: "logdesk", prefix: "prod/", endpoint: "http://127.0.0.1:9000", region: "eu-west-1", credentials: { accessKeyId: "AK", secretAccessKey: "SK" }, forcePathStyle: true });
  });

  it("no credentials: left to the AWS SDK's own chain", () => {
    expect(read({ BLOB_STORE_URL: "s3://logdesk" }).blobStore).toMatchObject({ kind: "s3", credentials: undefined, endpoint: undefined, region: undefined });
  });

  it.each([
    ["a URL that is not s3://", { BLOB_STORE_URL: "https://bucket.example.com/x" }, /BLOB_STORE_URL: BLOB_STORE_URL must be s3:\/\/<bucket>/],
    ["an endpoint that is not http(s)", { BLOB_STORE_URL: "s3://logdesk", S3_ENDPOINT: "minio:9000" }, /S3_ENDPOINT: S3_ENDPOINT must be an http/],
    ["a key id without its secret", { BLOB_STORE_URL: "s3://logdesk", S3_ACCESS_KEY_ID: "AK" }, /S3_SECRET_ACCESS_KEY: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    ["a secret without its key id", { BLOB_STORE_URL: "s3://logdesk", S3_SECRET_ACCESS_KEY: "SK" }, /S3_ACCESS_KEY_ID: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/],
    ["S3 settings without BLOB_STORE_URL", { S3_ENDPOINT: "http://127.0.0.1:9000" }, /S3_ENDPOINT: S3_ENDPOINT is set but BLOB_STORE_URL is not/],
    ["a path-style flag that is not a boolean", { BLOB_STORE_URL: "s3://logdesk", S3_FORCE_PATH_STYLE: "maybe" }, /S3_FORCE_PATH_STYLE/],
  ])("refuses %s, naming the variable", (_name, vars, message) => {
    expect(() => read(vars)).toThrow(message);
  });
});
