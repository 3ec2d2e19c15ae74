"""A headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
commands on fd 3, replies on fd 4, each a JSON text ended by a NUL byte), with the standard
library only. The HTML report's browser tests and ``bench/bench_html.py`` use it to open a
report, run script in the page, click, and read where things landed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class BrowserError(RuntimeError):
    pass


def _onto_3_and_4(commands: int, replies: int) -> None:
    """In the child before exec: the protocol's pipe ends onto descriptors 3 and 4 (through
    temporaries above 100, so that neither move clobbers the other)."""
    import fcntl

    a = fcntl.fcntl(commands, fcntl.F_DUPFD, 100)
    b = fcntl.fcntl(replies, fcntl.F_DUPFD, 100)
    os.dup2(a, 3)
    os.dup2(b, 4)
    os.close(a)
    os.close(b)


class Browser:
    """One headless Chromium with one page. Use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 900, timeout: float = 60.0) -> None:
        if CHROMIUM is None:
            raise BrowserError("chromium is not installed")
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="govaudit-chromium-")
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        args = [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
            "--disable-extensions",
            f"--window-size={width},{height}",
            f"--user-data-dir={self._profile.name}",
            "--remote-debugging-pipe",
            "about:blank",
        ]
        # the protocol wants exactly fds 3 (commands) and 4 (replies) in the child
        self._proc = subprocess.Popen(
            args,
            preexec_fn=lambda: _onto_3_and_4(to_child_r, from_child_w),
            pass_fds=(3, 4),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf = b""
        self._id = 0
        self.events: list[dict[str, Any]] = []
        self.session: str | None = None
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    # ------------------------------------------------------------------ protocol

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise BrowserError("no reply from chromium in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise BrowserError("chromium closed the pipe")
            self._buf += chunk
        raw, _, self._buf = self._buf.partition(b"\0")
        return json.loads(raw)

    def send(
        self, method: str, params: dict[str, Any] | None = None, *, browser: bool = False
    ) -> Any:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if self.session and not browser and not method.startswith("Target."):
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + self.timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._id:
                if "error" in reply:
                    raise BrowserError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, name: str, timeout: float | None = None) -> dict[str, Any]:
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    return self.events.pop(i)
            msg = self._read_message(deadline)
            if "method" in msg:
                self.events.append(msg)

    # ------------------------------------------------------------------ page

    def open(self, url: str | Path) -> float:
        """Navigate and wait for the load event; returns the wall seconds it took."""
        if isinstance(url, Path):
            url = url.resolve().as_uri()
        # a new address that differs from the page's only after "#" would not load anew
        self.events.clear()
        self.send("Page.navigate", {"url": "about:blank"})
        self.wait_event("Page.loadEventFired")
        self.events.clear()
        t = time.perf_counter()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")
        return time.perf_counter() - t

    def js(self, expression: str) -> Any:
        """Evaluate in the page (promises awaited) and return the value as JSON data."""
        r = self.send(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
        )
        if "exceptionDetails" in r:
            raise BrowserError(f"script error: {r['exceptionDetails']}")
        return r.get("result", {}).get("value")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first).

        A slow machine may still be scrolling or laying out when the position is read, so the
        click waits until the element's middle is steady and the element itself is what lies
        under that point. A link that wraps onto two lines is clicked in the middle of its
        first line (the middle of its box may fall between the lines)."""
        probe = (
            f"(function(){{var e=document.querySelector({json.dumps(selector)});"
            "if(!e)return null;var r=e.getBoundingClientRect();"
            "if(r.top<0||r.bottom>innerHeight)e.scrollIntoView({block:'center'});"
            "r=e.getClientRects()[0]||e.getBoundingClientRect();"
            "var x=r.left+r.width/2,y=r.top+r.height/2;"
            "var h=document.elementFromPoint(x,y);"
            "return [x,y,!!h&&(h===e||e.contains(h))];})()"
        )
        box = self.js(probe)
        if box is None:
            raise BrowserError(f"nothing matches {selector}")
        for _ in range(40):
            self.settle()
            again = self.js(probe)
            if again is None:
                raise BrowserError(f"nothing matches {selector}")
            if again[2] and again[:2] == box[:2]:
                break
            box = again
        x, y = box[0], box[1]
        for kind in ("mousePressed", "mouseReleased"):
            self.send(
                "Input.dispatchMouseEvent",
                {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1},
            )

    def key(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "text": key})

    def settle(self) -> None:
        """Let pending animation frames and timers run."""
        self.js("new Promise(function(r){requestAnimationFrame(function(){setTimeout(r,50);});})")

    def wait_for(self, expression: str, timeout: float = 15.0) -> object:
        """Poll a JavaScript expression until it is truthy (a loaded machine draws slowly);
        returns its last value."""
        import time

        end = time.monotonic() + timeout
        value = self.js(expression)
        while not value and time.monotonic() < end:
            self.settle()
            value = self.js(expression)
        return value

    def close(self) -> None:
        try:
            self.send("Browser.close", browser=True)
        except (BrowserError, OSError):
            pass
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for fd in (self._to_child, self._from_child):
            try:
                os.close(fd)
            except OSError:
                pass
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
