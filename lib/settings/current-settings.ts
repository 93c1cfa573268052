import "server-only";
import type { PrismaClient } from "@/generated/prisma/client";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { ensureSettings, writeFirstVersion, type FirstDefaults } from "./ensure-settings";
import { findCurrentSettings, type CurrentSettings } from "./queries";

/** Version 1's host lists: INTERNAL_HOST_SUFFIXES and PRODUCT_HOSTS (lib/env.ts). */
export function environmentDefaults(): FirstDefaults {
  const e = env();
  return { internalHosts: e.internalHosts, productHosts: e.productHosts };
}

const isClient = (c: Tx | PrismaClient): c is PrismaClient => typeof (c as PrismaClient).$transaction === "function";

/**
 * The settings in force (the highest version): what redaction and evaluation use. The start and
 * the seed write version 1; should a database have none yet, it is written here from the
 * environment (inside the caller's transaction when given one).
 */
export async function getCurrentSettings(client: Tx | PrismaClient = db()): Promise<CurrentSettings> {
  const found = await findCurrentSettings(client);
  if (found) return found;
  if (isClient(client)) return ensureSettings(client, environmentDefaults());
  await writeFirstVersion(client, environmentDefaults());
  return (await findCurrentSettings(client))!;
}
