/** How a helpdesk calls POST /api/v1/evaluate with a token: shown on the tokens page. */
export function ApiUsage({ baseUrl, from, to }: { baseUrl: string; from: Date; to: Date }) {
  const iso = (d: Date) => d.toISOString().replace(".000Z", "Z");
  const example = `curl -X POST ${baseUrl}/api/v1/evaluate \\
  -H "Authorization: Bearer ldk_…" \\
  -H "Content-Type: application/json" \\
  -d '{
    "account": "acme",
    "resources": [
      { "kind": "project", "path": "acme/infra/api" }
    ],
    "eventTypes": ["user_login"],
    "logSources": ["application"],
    "window": {
      "from": "${iso(from)}",
      "to": "${iso(to)}"
    },
    "personalData": false
  }'`;
  return (
    <div className="text-left">
      <p className="text-sm text-slate-600">
        The answer is <code className="rounded bg-slate-100 px-1">{"{ decision, facts }"}</code>: the outcome (eligible, rescope or ineligible), the team it would go to, and
        all seven checks with their reasons, evaluated at the server&apos;s current time. Nothing is stored but an activity-log entry. Every field, answer and
        error is described in OpenAPI 3.1 at{" "}
        <a href={`${baseUrl}/api/v1/openapi.json`} className="text-indigo-700 underline hover:text-indigo-900">
          {baseUrl}/api/v1/openapi.json
        </a>
        .
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100" aria-label="Example request">
        <code>{example}</code>
      </pre>
    </div>
  );
}
