"""A minimal MCP server over stdio for the tests (standard library only).

It speaks the Model Context Protocol's stdio transport: one JSON-RPC 2.0 message per line on stdin and stdout
(https://modelcontextprotocol.io/specification/2025-06-18/basic/transports#stdio). It answers initialize, tools/list
and tools/call for one tool, `word_count`, and ignores notifications. When MCP_TEST_ENV_FILE is set, it first writes
its whole environment there as JSON (so a test can see what the client passed on).
"""

import json
import os
import sys

if os.environ.get("MCP_TEST_ENV_FILE"):
    with open(os.environ["MCP_TEST_ENV_FILE"], "w", encoding="utf-8") as env_file:
        json.dump(dict(os.environ), env_file)

TOOL = {
    "name": "word_count",
    "description": "Counts the words of a text.",
    "inputSchema": {
        "type": "object",
        "properties": {"text": {"type": "string", "description": "The text"}},
        "required": ["text"],
    },
}


def answer(request):
    method = request.get("method")
    if method == "initialize":
        version = request.get("params", {}).get("protocolVersion", "2025-06-18")
        return {"protocolVersion": version, "capabilities": {"tools": {}}, "serverInfo": {"name": "stdio-test", "version": "1.0.0"}}
    if method == "tools/list":
        return {"tools": [TOOL]}
    if method == "tools/call":
        text = request["params"]["arguments"]["text"]
        return {"content": [{"type": "text", "text": f"{len(text.split())} words"}], "isError": False}
    if method == "ping":
        return {}
    raise KeyError(method)


for line in sys.stdin:
    if not line.strip():
        continue
    message = json.loads(line)
    if "id" not in message:
        continue
    try:
        reply = {"jsonrpc": "2.0", "id": message["id"], "result": answer(message)}
    except KeyError as missing:
        reply = {"jsonrpc": "2.0", "id": message["id"], "error": {"code": -32601, "message": f"method not found: {missing}"}}
    sys.stdout.write(json.dumps(reply) + "\n")
    sys.stdout.flush()
