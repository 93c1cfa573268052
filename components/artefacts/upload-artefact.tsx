"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { formatSize, ProgressBar } from "./progress-bar";

type Upload =
  | { state: "idle" }
  | { state: "sending"; loaded: number; total: number }
  | { state: "checking"; total: number }
  | { state: "done"; message: string }
  | { state: "failed"; message: string };

/**
 * Step 8: the routed team uploads a log extract (NDJSON or text, optionally gzip). The browser
 * streams the file itself as the request body (XMLHttpRequest, for its upload progress); the
 * server hashes, scope-checks and stores it as it arrives, then queues the redaction.
 */
export function UploadArtefact({ caseId, personalData, maxBytes }: { caseId: string; personalData: boolean; maxBytes: number }) {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [dropWindow, setDropWindow] = useState(true);
  const [dropScope, setDropScope] = useState(true);
  const [disclose, setDisclose] = useState(false);
  const [upload, setUpload] = useState<Upload>({ state: "idle" });
  const xhr = useRef<XMLHttpRequest | null>(null);
  const busy = upload.state === "sending" || upload.state === "checking";
  const fileInput = useRef<HTMLInputElement>(null);
  // A refused upload puts focus back on the file, whose description now carries the reason.
  useEffect(() => {
    if (upload.state === "failed") fileInput.current?.focus();
  }, [upload]);

  function send() {
    if (!file) {
      setUpload({ state: "failed", message: "Choose a file to upload." });
      return;
    }
    if (file.size === 0) {
      setUpload({ state: "failed", message: "The file is empty." });
      return;
    }
    if (file.size > maxBytes) {
      setUpload({ state: "failed", message: `The file is ${formatSize(file.size)}; the upload limit is ${formatSize(maxBytes)}.` });
      return;
    }
    const params = new URLSearchParams({
      filename: file.name,
      dropOutsideWindow: dropWindow ? "1" : "0",
      dropOutsideScope: dropScope ? "1" : "0",
      disclosePersonalData: disclose ? "1" : "0",
    });
    const req = new XMLHttpRequest();
    xhr.current = req;
    req.open("POST", `/api/cases/${caseId}/artefacts?${params}`);
    req.setRequestHeader("x-logdesk-upload", "1");
    req.setRequestHeader("content-type", "application/octet-stream");
    req.upload.onprogress = (e) => {
      const total = e.lengthComputable ? e.total : file.size;
      setUpload(e.loaded >= total ? { state: "checking", total } : { state: "sending", loaded: e.loaded, total });
    };
    req.onload = () => {
      xhr.current = null;
      let body: { restored?: boolean; error?: { message?: string; fields?: Record<string, string[]> } } = {};
      try {
        body = JSON.parse(req.responseText);
      } catch {
        /* not JSON: a proxy's error page */
      }
      if (req.status === 201) {
        setUpload({
          state: "done",
          message: body.restored
            ? `Uploaded ${file.name} (${formatSize(file.size)}): it is the raw file retention deleted from an artefact of this case, and it is back on that artefact. Redact it again from there if you need a new redacted file.`
            : `Uploaded ${file.name} (${formatSize(file.size)}). Its redaction is running.`,
        });
        setFile(null);
        router.refresh();
      } else {
        const fields = body.error?.fields ?? {};
        const message = fields.file?.[0] ?? fields.filename?.[0] ?? fields.disclosePersonalData?.[0] ?? body.error?.message ?? `The upload failed (HTTP ${req.status}).`;
        setUpload({ state: "failed", message });
      }
    };
    req.onerror = () => {
      xhr.current = null;
      setUpload({ state: "failed", message: "The connection was lost during the upload; nothing was stored. Try again." });
    };
    req.onabort = () => {
      xhr.current = null;
      setUpload({ state: "failed", message: "Upload cancelled; nothing was stored." });
    };
    setUpload({ state: "sending", loaded: 0, total: file.size });
    req.send(file);
  }

  return (
    <form
      data-testid="upload-artefact"
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <div>
        <label htmlFor="artefact-file" className="block text-sm font-medium text-slate-800">Log extract</label>
        <input
          id="artefact-file"
          ref={fileInput}
          type="file"
          accept=".ndjson,.jsonl,.json,.csv,.tsv,.log,.txt,.gz,application/gzip,application/x-ndjson,application/json,text/csv,text/plain"
          disabled={busy}
          aria-invalid={upload.state === "failed"}
          aria-describedby="artefact-file-hint upload-message"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setUpload({ state: "idle" });
          }}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        />
        <p id="artefact-file-hint" className="mt-1 text-xs text-slate-500">NDJSON, JSON lines, CSV or a text log, optionally gzip-compressed; the download keeps its type. Hashed (SHA-256) and checked against the case window and resources as it arrives.</p>
      </div>
      <fieldset className="space-y-1 text-sm">
        <legend className="text-sm font-medium text-slate-800">Scope and redaction</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={dropWindow} disabled={busy} onChange={(e) => setDropWindow(e.target.checked)} /> Drop lines outside the case window
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={dropScope} disabled={busy} onChange={(e) => setDropScope(e.target.checked)} /> Drop lines naming resources outside the case scope
        </label>
        <label className={`flex items-center gap-2 ${personalData ? "" : "text-slate-400"}`}>
          <input type="checkbox" checked={disclose} disabled={busy || !personalData} onChange={(e) => setDisclose(e.target.checked)} /> Keep the customer&apos;s own users&apos; IPs and emails
          {!personalData && <span className="text-xs">(the request did not ask for personal data)</span>}
        </label>
      </fieldset>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={busy || !file} className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white disabled:opacity-50">
          Upload
        </button>
        {upload.state === "sending" && (
          <button type="button" onClick={() => xhr.current?.abort()} className="rounded-md border border-slate-300 px-3 py-2 text-sm">
            Cancel upload
          </button>
        )}
      </div>
      {upload.state === "sending" && (
        <ProgressBar testId="upload-progress" label="Uploading" value={upload.total ? upload.loaded / upload.total : 0} detail={`${formatSize(upload.loaded)} of ${formatSize(upload.total)}`} />
      )}
      {upload.state === "checking" && <ProgressBar testId="upload-progress" label="Uploaded; storing and checking the last lines…" value={1} detail={formatSize(upload.total)} />}
      <p id="upload-message" aria-live="polite" role={upload.state === "failed" ? "alert" : undefined} className={`text-sm ${upload.state === "failed" ? "text-red-700" : "text-green-700"}`} data-testid="upload-message">
        {upload.state === "failed" || upload.state === "done" ? upload.message : ""}
      </p>
    </form>
  );
}
