-- wrk script: an MCP tools/call over Streamable HTTP (stateless, so no
-- initialize first), the tool and its arguments from BENCH_MCP_CALL
-- (a JSON object {"name": ..., "arguments": ...}).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"
wrk.headers["MCP-Protocol-Version"] = "2025-11-25"
wrk.body = '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":' .. os.getenv("BENCH_MCP_CALL") .. '}'
