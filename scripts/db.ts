// npm run db -- <command>: the database's maintenance commands.
//   migrate:create <name>  write the next migration from a change to prisma/schema.prisma
//   migrate:apply          apply pending migrations
//   migrate:check          exit 1 when the schema and the migrations disagree
//   seed [--demo]          reference data; with --demo also demo staff and accounts, and the demo
//                          history (example cases over the last 90 days) unless LOGDESK_DEMO_HISTORY=off
// Works on the embedded database (LOGDESK_DATA_DIR, refused while the server
// runs) or on PostgreSQL when DATABASE_URL is set.
import { sealLegacyEntries } from "@/lib/audit/verify";
import { applyMigrations, createMigration, pendingSchemaSql } from "@/lib/db/migrations";
import { openConfigured, type Database } from "@/lib/db/open";
import { isEmptyDatabase, seedDemoData, seedReferenceData } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { seedHistory } from "@/lib/server/boot";

async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const e = env();
  const d = await openConfigured(e);
  try {
    return await fn(d);
  } finally {
    await d.close();
  }
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  switch (cmd) {
    case "migrate:create": {
      const name = args.find((a) => !a.startsWith("-"));
      if (!name) throw new Error("usage: npm run db -- migrate:create <name>");
      const folder = await createMigration(name);
      console.log(folder ? `created ${folder}` : "no changes: the migrations already match prisma/schema.prisma");
      return;
    }
    case "migrate:check": {
      const sql = await pendingSchemaSql();
      if (sql) {
        console.error("prisma/schema.prisma has changes without a migration. Run: npm run db -- migrate:create <name>\n\n" + sql);
        process.exit(1);
      }
      console.log("migrations match the schema");
      return;
    }
    case "migrate:apply":
      await withDatabase(async (d) => {
        const applied = await applyMigrations(d.factory);
        console.log(applied.length ? `applied: ${applied.join(", ")}` : "no pending migrations");
        const sealed = await sealLegacyEntries(d.prisma);
        if (sealed) console.log(`chained ${sealed} activity-log entries written before the chain existed`);
      });
      return;
    case "seed":
      await withDatabase(async (d) => {
        await applyMigrations(d.factory);
        await sealLegacyEntries(d.prisma);
        await seedReferenceData(d.prisma);
        if (args.includes("--demo")) {
          if (!(await isEmptyDatabase(d.prisma)) && !args.includes("--force")) {
            console.log("demo data not loaded: the database already has staff users (add --force to add the demo ones anyway)");
            return;
          }
          await seedDemoData(d.prisma);
          console.log("demo staff and accounts loaded");
          // Only on a database without cases (the history makes its own): see lib/demo/history.ts.
          if (env().LOGDESK_DEMO_HISTORY) await seedHistory(d, env());
        } else {
          console.log("reference data loaded (add --demo for demo staff and accounts)");
        }
      });
      return;
    default:
      console.error("usage: npm run db -- migrate:create <name> | migrate:apply | migrate:check | seed [--demo]");
      process.exit(2);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
