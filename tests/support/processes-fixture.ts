// The supervisor of LOGDESK_PROCESSES (lib/server/processes.ts) around a small HTTP server that
// answers with its process id, for tests/integration/processes.test.ts:
//   node --import tsx tests/support/processes-fixture.ts <port> <count> [serve|fail-at-start]
import cluster from "node:cluster";
import { createServer } from "node:http";
import { superviseProcesses } from "../../lib/server/processes";

const [port, count, mode = "serve"] = process.argv.slice(2);
if (cluster.isPrimary) superviseProcesses(Number(count), { onFirstListening: () => process.stderr.write("first listening\n") });
else if (mode === "fail-at-start") process.exit(3);
else {
  const server = createServer((_req, res) => res.end(String(process.pid)));
  server.listen(Number(port), "127.0.0.1");
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
