"""S6's Python anchor: an OpenAI-compatible gateway written the way `g4f api` works.

FastAPI and uvicorn, the request body validated by a pydantic model, a new aiohttp ClientSession
per request (as gpt4free's providers open one per call), each upstream chunk decoded and sent as one
`chat.completion.chunk` event built from a pydantic model, then `[DONE]`. One process, one worker.

usage: python3 g4f_style_gateway.py <emulator URL> <scenario header>
Prints `{"url": ..., "pid": ...}` on its first line of stdout once it listens.
"""

import codecs
import hashlib
import json
import socket
import sys
import time

import aiohttp
import uvicorn
from fastapi import FastAPI
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

EMULATOR_URL, SCENARIO_HEADER_VALUE = sys.argv[1], sys.argv[2]
UPSTREAM = f"{EMULATOR_URL}/free2gpt/api/generate"


class Message(BaseModel):
    role: str
    content: str


class ChatCompletionsRequest(BaseModel):
    model: str
    messages: list[Message]
    stream: bool = False


class Delta(BaseModel):
    content: str


class Choice(BaseModel):
    index: int
    delta: Delta
    finish_reason: str | None = None


class ChatCompletionChunk(BaseModel):
    id: str
    object: str
    created: int
    model: str
    choices: list[Choice]


def sign(moment: int, text: str, secret: str = "") -> str:
    return hashlib.sha256(f"{moment}:{text}:{secret}".encode()).hexdigest()


app = FastAPI()


@app.post("/v1/chat/completions")
async def chat_completions(body: ChatCompletionsRequest):
    async def events():
        moment = int(time.time() * 1000)
        payload = {
            "messages": [message.dict() for message in body.messages],
            "time": moment,
            "pass": None,
            "sign": sign(moment, body.messages[-1].content),
        }
        headers = {"content-type": "text/plain;charset=UTF-8", "x-emulator-scenario": SCENARIO_HEADER_VALUE}
        decoder = codecs.getincrementaldecoder("utf-8")()
        async with aiohttp.ClientSession(headers=headers) as session:
            async with session.post(UPSTREAM, data=json.dumps(payload)) as response:
                response.raise_for_status()
                async for piece in response.content.iter_any():
                    text = decoder.decode(piece)
                    if text:
                        chunk = ChatCompletionChunk(
                            id="chatcmpl-python",
                            object="chat.completion.chunk",
                            created=moment // 1000,
                            model=body.model,
                            choices=[Choice(index=0, delta=Delta(content=text))],
                        )
                        yield f"data: {chunk.json()}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(events(), media_type="text/event-stream")


def main() -> None:
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(1024)
    port = listener.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    print(json.dumps({"url": f"http://127.0.0.1:{port}"}), flush=True)
    server.run(sockets=[listener])


if __name__ == "__main__":
    main()
