"""/ws/echo as Python's `websockets` library sees it. Run by
tests/websocket/clients.rs with CLOSECODES_WS set to ws://127.0.0.1:PORT/ws/echo."""

import asyncio
import os

import websockets
from websockets.exceptions import ConnectionClosed, InvalidStatus

URL = os.environ["CLOSECODES_WS"]
TIMEOUT = 10


async def closed(query, send=None):
    """Connects, optionally sends one message, and returns how it closed."""
    async with websockets.connect(URL + query, open_timeout=TIMEOUT) as ws:
        if send is not None:
            await ws.send(send)
        try:
            while True:
                await asyncio.wait_for(ws.recv(), TIMEOUT)
        except ConnectionClosed as closing:
            return closing


async def main():
    async with websockets.connect(URL, open_timeout=TIMEOUT) as ws:
        await ws.send("xin chào")
        assert await ws.recv() == "xin chào"
        await ws.send(b"\x00\x01\xff")
        assert await ws.recv() == b"\x00\x01\xff"

    for code in (*range(1000, 1004), *range(1007, 1015), 3000, 3003, 3008, 4000, 4004, 4999):
        closing = await closed(f"?close={code}&reason=r{code}")
        assert closing.rcvd.code == code, (code, closing)
        assert closing.rcvd.reason == f"r{code}", (code, closing)

    # A Close frame without a status code is reported as 1005 ...
    closing = await closed("?close=1005")
    assert closing.rcvd is not None and closing.rcvd.code == 1005, closing
    # ... and a connection dropped without a Close frame as 1006.
    closing = await closed("?close=1006")
    assert closing.rcvd is None, closing

    closing = await closed("", send=b"x" * (64 * 1024 + 1))
    assert closing.rcvd.code == 1009, closing

    for query in ("?close=1004", "?close=1015", "?close=70000", "?close=1000&after=70000"):
        try:
            async with websockets.connect(URL + query, open_timeout=TIMEOUT):
                raise AssertionError(f"{query} was accepted")
        except InvalidStatus as refused:
            assert refused.response.status_code == 400, (query, refused)

    print("python websockets client: ok")


asyncio.run(main())
