// Messages between the server and the embedded database's thread (lib/db/pglite-thread.ts).
import type { IsolationLevel } from "@prisma/driver-adapter-utils";

export type ThreadRequest = { id: number } & (
  | { op: "queryRaw" | "executeRaw"; query: unknown; tx?: number }
  | { op: "executeScript"; script: string }
  | { op: "begin"; isolationLevel?: IsolationLevel }
  | { op: "commit" | "rollback"; tx: number }
  | { op: "snapshot" }
  | { op: "close" }
);

export interface ThreadReply {
  id: number;
  ok: boolean;
  value?: unknown;
  /** `driver`: a DriverAdapterError's cause (Prisma maps it to P2002 and the rest). */
  error?: { driver?: unknown; message: string; name: string; stack?: string; code?: string };
}
