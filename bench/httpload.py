"""A small bounded asyncio HTTP/1.1 client for the load and chaos benches: keep-alive, 127.0.0.1 only.

Every loop here is bounded by a count or a deadline, and ``Client`` refuses any
host but 127.0.0.1, so a bench can never send traffic elsewhere.
"""
import asyncio
import json
import time
from dataclasses import dataclass, field

HOST = "127.0.0.1"
READ_TIMEOUT_S = 30


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)


class Client:
    """One keep-alive connection to 127.0.0.1:port; reconnects once if the server closed it."""

    def __init__(self, port: int, headers: dict[str, str] | None = None):
        self.port = port
        self.headers = headers or {}
        self.reader = self.writer = None

    async def request(self, method: str, path: str, body=None, headers=None) -> Response:
        for attempt in (1, 2):
            try:
                if self.writer is None:
                    self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
                return await asyncio.wait_for(self._exchange(method, path, body, headers or {}), READ_TIMEOUT_S)
            except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError):
                await self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method, path, body, headers) -> Response:
        payload = b"" if body is None else json.dumps(body).encode()
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{self.port}", f"Content-Length: {len(payload)}"]
        if body is not None:
            lines.append("Content-Type: application/json")
        lines += [f"{name}: {value}" for name, value in (self.headers | headers).items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        await self.writer.drain()
        status_line = await self.reader.readuntil(b"\r\n")
        received = {}
        while (line := await self.reader.readuntil(b"\r\n")) != b"\r\n":
            name, _, value = line.decode("latin-1").partition(":")
            received[name.strip().lower()] = value.strip()
        content = await self.reader.readexactly(int(received.get("content-length", "0")))
        if received.get("connection", "").lower() == "close":
            await self.close()
        return Response(int(status_line.split()[1]), received, content)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            try:
                await self.writer.wait_closed()
            except ConnectionError:
                pass
        self.reader = self.writer = None


@dataclass
class Timings:
    """Latencies in milliseconds and the window they were measured in."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    server_cpu_s: float | None = None  # CPU the server's processes spent in the window, where measured

    @property
    def cpu_ms_per_request(self) -> float:
        """Server CPU per answered request: unlike throughput, hardly moved by other work on the machine."""
        if self.server_cpu_s is None or not self.latencies:
            return float("nan")
        return self.server_cpu_s * 1000 / len(self.latencies)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> str:
        cpu = f", {self.cpu_ms_per_request:.2f} ms server CPU each" if self.server_cpu_s is not None else ""
        return (f"{self.per_second:7.1f}/s  p50 {self.percentile(0.5):6.1f} ms  p95 {self.percentile(0.95):6.1f} ms"
                f"  ({len(self.latencies)} ok, {self.errors} errors{cpu})")


async def hammer(port: int, path: str, *, clients: int, seconds: float, headers=None, max_requests=100_000) -> Timings:
    """``clients`` connections GETting ``path`` for ``seconds`` (and at most ``max_requests`` in all)."""
    timings, deadline = Timings(), time.monotonic() + seconds
    budget = [max_requests]

    async def one_client():
        client = Client(port, headers)
        try:
            while time.monotonic() < deadline and budget[0] > 0:
                budget[0] -= 1
                started = time.perf_counter()
                try:
                    response = await client.request("GET", path)
                except (ConnectionError, asyncio.IncompleteReadError, asyncio.TimeoutError):
                    timings.errors += 1
                    continue
                if response.status == 200:
                    timings.latencies.append((time.perf_counter() - started) * 1000)
                else:
                    timings.errors += 1
        finally:
            await client.close()

    started = time.monotonic()
    await asyncio.gather(*(one_client() for _ in range(clients)))
    timings.seconds = time.monotonic() - started
    return timings
