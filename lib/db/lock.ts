import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessRunning } from "@/lib/process";

/**
 * PGlite has no lock of its own and two processes on one folder damage it, so
 * the process that opens the folder holds `logdesk.lock` (created with O_EXCL,
 * holding its pid). A lock left by a process that no longer runs is taken over.
 */
export class DataDirLockedError extends Error {
  constructor(public readonly dir: string, public readonly pid: number) {
    super(
      `The data folder ${dir} is in use by another Logdesk process (pid ${pid}). ` +
        `Stop that process first, or set LOGDESK_DATA_DIR to another folder.`,
    );
    this.name = "DataDirLockedError";
  }
}


export interface DirLock {
  file: string;
  release(): void;
}

export function lockDataDir(dir: string): DirLock {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "logdesk.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n${os.hostname()}\n${new Date().toISOString()}\n`);
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(file, "utf8").split("\n")[0] === String(process.pid)) unlinkSync(file);
          } catch {
            /* already gone */
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let pid = NaN;
      try {
        pid = Number.parseInt(readFileSync(file, "utf8").split("\n")[0] ?? "", 10);
      } catch {
        continue; // removed meanwhile: try again
      }
      if (pid === process.pid || isProcessRunning(pid)) throw new DataDirLockedError(dir, pid);
      try {
        unlinkSync(file); // stale: its process is gone
      } catch {
        /* someone else took it over first; the next open decides */
      }
    }
  }
  throw new DataDirLockedError(dir, NaN);
}
