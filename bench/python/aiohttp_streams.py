"""S5's Python anchor: many concurrent slow streams through one pooled aiohttp ClientSession.

usage: python3 aiohttp_streams.py <generate URL> <scenario header> <streams> <starts per second>
       <reply size> <sha256>
Streams are started in batches every 10 ms at the given rate, as the Node clients do.
Prints one JSON line: peakRssMB (the higher of getrusage's high-water mark and 10 ms sampling of
/proc/self/statm), startRssMB, wrongAnswers (replies whose UTF-8 is not `reply size` bytes
with the given SHA-256: the emulator's reply).
"""

import asyncio
import codecs
import hashlib
import json
import os
import resource
import sys
import time

URL, SCENARIO_HEADER_VALUE = sys.argv[1], sys.argv[2]
STREAMS, STARTS_PER_SECOND, REPLY_SIZE = int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
EXPECTED_SHA256 = sys.argv[6]
RAMP_TICK_SECONDS = 0.01
PAGE = os.sysconf("SC_PAGE_SIZE")

import aiohttp  # noqa: E402  (after the argument check, so a usage error needs no packages)


def rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE


def signed_body() -> str:
    moment = int(time.time() * 1000)
    question = "Benchmark me."
    sign = hashlib.sha256(f"{moment}:{question}:".encode()).hexdigest()
    return json.dumps({"messages": [{"role": "user", "content": question}], "time": moment, "pass": None, "sign": sign})


async def main() -> None:
    start = rss()
    peak = start

    async def sample() -> None:
        nonlocal peak
        while True:
            peak = max(peak, rss())
            await asyncio.sleep(0.01)

    sampler = asyncio.create_task(sample())
    headers = {"content-type": "text/plain;charset=UTF-8", "x-emulator-scenario": SCENARIO_HEADER_VALUE}
    connector = aiohttp.TCPConnector(limit=0)
    wrong = 0
    async with aiohttp.ClientSession(connector=connector, headers=headers) as session:

        async def one() -> str:
            async with session.post(URL, data=signed_body()) as response:
                decoder = codecs.getincrementaldecoder("utf-8")()
                text = ""
                async for piece in response.content.iter_any():
                    text += decoder.decode(piece)
                return text + decoder.decode(b"", final=True)

        batch = max(1, round(STARTS_PER_SECOND * RAMP_TICK_SECONDS))
        calls = []
        while len(calls) < STREAMS:
            calls.extend(asyncio.ensure_future(one()) for _ in range(min(batch, STREAMS - len(calls))))
            if len(calls) < STREAMS:
                await asyncio.sleep(RAMP_TICK_SECONDS)
        for text in await asyncio.gather(*calls):
            encoded = text.encode("utf-8")
            if len(encoded) != REPLY_SIZE or hashlib.sha256(encoded).hexdigest() != EXPECTED_SHA256:
                wrong += 1
    sampler.cancel()
    kernel_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"peakRssMB": max(peak, kernel_peak) / 1e6, "startRssMB": start / 1e6, "wrongAnswers": wrong}))


asyncio.run(main())
