"""Drives closecodes' MCP server with the official Python SDK (PyPI `mcp`).

Usage: driver.py MODE (stdio COMMAND... | http URL) < steps.json > results.json

MODE is `legacy` (the initialize handshake) or `auto` (the SDK's default:
server/discover, falling back to initialize). Each step is one of
  {"op": "list_tools"} {"op": "list_resources"} {"op": "list_templates"}
  {"op": "call", "name": ..., "arguments": {...}} {"op": "read", "uri": ...}
and its result is the SDK's answer as JSON, or {"error": {"code", "message"}}
for a protocol error. The first result describes the connection.
"""

import asyncio
import json
import sys

from mcp import Client, StdioServerParameters
from mcp.shared.exceptions import MCPError


async def run(mode, target, steps):
    results = []
    async with Client(target, mode=mode, cache=None) as client:
        info = client.server_info
        results.append(
            {
                "protocol_version": client.protocol_version,
                "server_name": info.name if info else None,
                "instructions": client.instructions,
            }
        )
        for step in steps:
            op = step["op"]
            try:
                if op == "list_tools":
                    answer = await client.list_tools()
                elif op == "list_resources":
                    answer = await client.list_resources()
                elif op == "list_templates":
                    answer = await client.list_resource_templates()
                elif op == "call":
                    answer = await client.call_tool(step["name"], step.get("arguments", {}))
                elif op == "read":
                    answer = await client.read_resource(step["uri"])
                else:
                    raise ValueError(f"unknown step {op}")
                results.append(answer.model_dump(mode="json", by_alias=True, exclude_none=True))
            except MCPError as error:
                results.append({"error": {"code": error.error.code, "message": error.error.message}})
    return results


def main():
    mode, transport, *rest = sys.argv[1:]
    if transport == "stdio":
        target = StdioServerParameters(command=rest[0], args=rest[1:])
    else:
        target = rest[0]
    steps = json.load(sys.stdin)
    json.dump(asyncio.run(run(mode, target, steps)), sys.stdout)


if __name__ == "__main__":
    main()
