// Job leases and run times are `timestamp` columns holding UTC compared with now() in SQL
// (lib/jobs): the portal's sessions run in UTC even on a server whose default time zone is not.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPostgres } from "@/lib/db/open";
import { testPostgresUrl, withDatabaseName } from "../support/template";

const url = testPostgresUrl();

describe.skipIf(!url)("PostgreSQL sessions' time zone", () => {
  it("is UTC on a database whose default is Europe/Berlin, so a lease written as UTC is compared as UTC", async () => {
    const name = `tz_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: withDatabaseName(url!, "postgres") });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.query(`ALTER DATABASE ${name} SET TimeZone = 'Europe/Berlin'`);
    try {
      const plain = new pg.Client({ connectionString: withDatabaseName(url!, name) });
      await plain.connect();
      expect((await plain.query("SHOW TimeZone")).rows[0].TimeZone).toBe("Europe/Berlin"); // the trap
      await plain.end();
      const d = openPostgres(withDatabaseName(url!, name), 1);
      const [row] = await d.prisma.$queryRawUnsafe<{ tz: string; drift: number }[]>(
        `SELECT current_setting('TimeZone') AS tz, abs(extract(epoch FROM (now()::timestamp - $1::timestamp)))::float AS drift`,
        new Date(),
      );
      expect(row!.tz).toBe("UTC");
      expect(row!.drift).toBeLessThan(60); // a UTC wall time written now reads as now
      await d.close();
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
