// The official MCP TypeScript SDK (tests/peers) as a client of the controller's /mcp endpoint.
// Usage: node mcp_sdk_client.mjs <url> <bearer token>
// Connects, lists the tools, calls gpuReport and listNodes, and prints one JSON line:
// {"protocolVersion", "serverName", "tools": [...], "gpuReport": <structuredContent>, "listNodes": <structuredContent>,
//  "gpuReportText": <content[0].text>}. Any failure prints {"error": "..."} and exits 1.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const peers = join(dirname(fileURLToPath(import.meta.url)), "..", "peers", "package.json");
const require = createRequire(peers);
const { Client } = require("@modelcontextprotocol/sdk/client/index.js");
const { StreamableHTTPClientTransport } = require("@modelcontextprotocol/sdk/client/streamableHttp.js");

const [url, token] = process.argv.slice(2);

async function main() {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
  });
  const client = new Client({ name: "aiops-sdk-test", version: "1.0.0" });
  await client.connect(transport);
  const listed = await client.listTools();
  // The SDK validates structuredContent against each tool's outputSchema from tools/list.
  const gpuReport = await client.callTool({ name: "gpuReport", arguments: { top: 3 } });
  const listNodes = await client.callTool({ name: "listNodes", arguments: {} });
  const out = {
    protocolVersion: transport.protocolVersion ?? null,
    sessionId: transport.sessionId ?? null,
    serverName: client.getServerVersion()?.name ?? null,
    tools: listed.tools.map((t) => ({
      name: t.name,
      hasInputSchema: t.inputSchema?.type === "object",
      hasOutputSchema: t.outputSchema?.type === "object",
    })),
    gpuReport: gpuReport.structuredContent ?? null,
    gpuReportIsError: gpuReport.isError ?? false,
    gpuReportText: gpuReport.content?.[0]?.text ?? null,
    listNodes: listNodes.structuredContent ?? null,
  };
  await transport.terminateSession();
  await client.close();
  process.stdout.write(JSON.stringify(out) + "\n");
}

main().catch((error) => {
  process.stdout.write(JSON.stringify({ error: String(error?.stack ?? error) }) + "\n");
  process.exit(1);
});
