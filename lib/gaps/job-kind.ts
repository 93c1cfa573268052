/** The job that files one case's gap issue in the tracker, and its one dedupe key per case. */
export const GAP_FILE_JOB = "gap.file";
export const gapFileJobKey = (caseId: string) => `gap-file:${caseId}`;
