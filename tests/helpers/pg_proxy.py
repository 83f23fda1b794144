"""A TCP relay between a desk and the throw-away server that can lose a reply: the
connection is cut after the server has received (and answered) a request that contains
a given text, so the server commits what the desk never hears about, as when a network
drops between the two at the worst moment. Threads, one per direction; no sleeps."""

from __future__ import annotations

import socket
import threading
from contextlib import suppress


class LossyRelay:
    """127.0.0.1:`port` relays to 127.0.0.1:`upstream`. `lose_reply_to(text)`: the next
    request carrying `text` reaches the server, and its reply is dropped with the
    connection (both sides closed)."""

    def __init__(self, upstream: int) -> None:
        self.upstream = upstream
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._lose: bytes | None = None
        self.cut = threading.Event()  # set once a reply was dropped
        self._pairs: list[tuple[socket.socket, socket.socket]] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def lose_reply_to(self, text: str) -> None:
        self.cut.clear()
        self._lose = text.encode()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.upstream))
            self._pairs.append((client, server))
            state = {"armed": False}
            threading.Thread(target=self._pump, args=(client, server, state, True),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, state, False),
                             daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket, state: dict,
              upward: bool) -> None:
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            if upward and self._lose is not None and self._lose in data:
                self._lose, state["armed"] = None, True  # this request's reply is lost
            elif not upward and state["armed"]:
                break  # the server answered (it committed): the desk never hears it
            try:
                dst.sendall(data)
            except OSError:
                break
        if state["armed"]:
            # Before the sockets close: the desk's error follows their closing at once, and
            # a test reading `cut` after it must find it set.
            self.cut.set()
        for sock in (src, dst):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def url(self, user: str, password: str, dbname: str) -> str:
        from urllib.parse import quote

        return (f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}"
                f"@127.0.0.1:{self.port}/{dbname}")

    def close(self) -> None:
        self._listener.close()
        for pair in self._pairs:
            for sock in pair:
                with suppress(OSError):
                    sock.close()
