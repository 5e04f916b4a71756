-- wrk script: POSTs the JSON-RPC request in BENCH_MCP_BODY (bench/mcp.sh
-- builds it and passes the headers with -H).
wrk.method = "POST"
wrk.body = os.getenv("BENCH_MCP_BODY")
