# The lab's Python example, run by tests/lab/clients.rs: echoes every message
# of every single-connection case with the websockets library.
import asyncio, json, sys, urllib.request
import websockets
BASE, RUN = sys.argv[1], sys.argv[2]
async def main():
    cases = json.load(urllib.request.urlopen(f"{BASE}/api/v1/lab/cases"))["cases"]
    for case in cases:
        if not case["single_connection"]:
            continue
        url = BASE.replace("http", "ws", 1) + f"/ws/lab/{case['id']}?run={RUN}"
        try:
            async with websockets.connect(url) as ws:
                async for message in ws:
                    await ws.send(message)
        except websockets.WebSocketException:
            pass
    print(f"{BASE}/lab/runs/{RUN}")
asyncio.run(main())
