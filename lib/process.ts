/**
 * Whether a process with this pid runs on this machine (signal 0: nothing is sent). EPERM means it
 * runs as another user. Used to tell a crashed holder (of the data folder's lock, a job, a temp
 * upload) from a live one. No `server-only`: scripts use it too.
 */
export function isProcessRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
