// npm run verify-manifest -- <manifest.json> --key <public-key.pem|https://host/api/release-key> [file ...]
// Checks a release manifest's Ed25519 signature against the portal's public key, then each
// artefact's file (named on the command line, else next to the manifest): SHA-256 and size.
// Exit 0 when everything passes, 1 on any failure, 2 on bad usage.
import { promises as fs } from "node:fs";
import path from "node:path";
import { publicKeyFromText, verifyRelease } from "@/lib/release/verify";

const USAGE =
  "usage: npm run verify-manifest -- <manifest.json> --key <public-key.pem|http(s)://host/api/release-key> [file ...]";

class UsageError extends Error {}

function parseArgs(argv: string[]): { manifest: string; key: string; files: string[] } | "help" {
  let key: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") return "help";
    if (a === "--key") {
      key = argv[++i];
      if (!key) throw new UsageError("--key needs a value");
    } else if (a.startsWith("--key=")) {
      key = a.slice("--key=".length);
    } else if (a === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith("-") && a !== "-") {
      throw new UsageError(`unknown option ${a}`);
    } else {
      positional.push(a);
    }
  }
  const [manifest, ...files] = positional;
  if (!manifest) throw new UsageError("no manifest given");
  if (!key) throw new UsageError("no --key given");
  return { manifest, key, files };
}

async function loadKey(spec: string, resolve: (p: string) => string): Promise<string> {
  if (/^https?:\/\//i.test(spec)) {
    const res = await fetch(spec, { signal: AbortSignal.timeout(15_000), headers: { accept: "application/x-pem-file, application/json, text/plain" } });
    if (!res.ok) throw new Error(`fetching ${spec} answered ${res.status} ${res.statusText}`);
    return publicKeyFromText(await res.text());
  }
  const file = resolve(spec);
  return publicKeyFromText(await fs.readFile(file, "utf8"));
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`verify-manifest: ${e.message}`);
      console.error(USAGE);
      return 2;
    }
    throw e;
  }
  if (args === "help") {
    console.log(USAGE);
    return 0;
  }
  // `npm run` starts scripts in the package root; relative paths mean where the user typed them.
  const base = process.env.npm_lifecycle_event === "verify-manifest" && process.env.INIT_CWD ? process.env.INIT_CWD : process.cwd();
  const resolve = (p: string) => path.resolve(base, p);

  let publicKeyPem: string;
  try {
    publicKeyPem = await loadKey(args.key, resolve);
  } catch (e) {
    console.error(`key: cannot load ${args.key}: ${(e as Error).message}`);
    return 1;
  }
  const result = await verifyRelease({
    manifestPath: resolve(args.manifest),
    publicKeyPem,
    files: args.files.map(resolve),
  });
  for (const line of result.lines) {
    if (line.ok) console.log(line.text);
    else console.error(line.text);
  }
  if (result.ok) console.log("release verified");
  else console.error("release NOT verified");
  return result.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    console.error(`verify-manifest: ${(e as Error).stack ?? e}`);
    process.exitCode = 1;
  },
);
