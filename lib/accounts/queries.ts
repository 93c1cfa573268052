import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/lib/db";

/**
 * The namespaces Logdesk knows: the root segment (lower case) of every group and project path in
 * the account registry, every customer's. The scope check counts a prose namespace path only
 * under one of them (lib/artefacts/scope-check.ts). One query, distinct roots only: loaded once
 * per upload and per redaction job, never per line.
 */
export async function loadKnownRoots(prisma: PrismaClient | Tx): Promise<ReadonlySet<string>> {
  const rows = await prisma.$queryRaw<{ root: string }[]>`
    SELECT DISTINCT split_part(ltrim("pathLower", '/'), '/', 1) AS root
    FROM "OwnedResource"
    WHERE "kind" IN ('group', 'project')`;
  const roots = new Set<string>();
  for (const r of rows) if (r.root) roots.add(r.root);
  return roots;
}
