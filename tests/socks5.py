"""A minimal SOCKS5 server on loopback for tests: CONNECT only, no auth or (when given a user
name and password) user/password auth per RFC 1929.

Whatever the client asks to reach, the relay connects to one fixed loopback port (the
sandbox), and it records the address the client asked for, so a test can check that a
socks5h client sent the host name (remote DNS) rather than resolving it.
"""

from __future__ import annotations

import socket
import socketserver
import struct
import threading


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        sock = self.request
        n = sock.recv(2)[1]
        offered = sock.recv(n)
        login: tuple[str, str] | None = self.server.login  # type: ignore[attr-defined]
        if login is None:
            sock.sendall(b"\x05\x00")
        elif 2 not in offered:
            sock.sendall(b"\x05\xff")
            return
        else:
            sock.sendall(b"\x05\x02")
            _ver, ulen = sock.recv(2)
            user = sock.recv(ulen).decode()
            plen = sock.recv(1)[0]
            word = sock.recv(plen).decode() if plen else ""
            self.server.logins.append((user, word))  # type: ignore[attr-defined]
            if (user, word) != login:
                sock.sendall(b"\x01\x01")
                return
            sock.sendall(b"\x01\x00")
        _ver, _cmd, _, atyp = sock.recv(4)
        if atyp == 3:
            length = sock.recv(1)[0]
            host = sock.recv(length).decode()
        elif atyp == 1:
            host = socket.inet_ntoa(sock.recv(4))
        else:
            host = socket.inet_ntop(socket.AF_INET6, sock.recv(16))
        port = struct.unpack("!H", sock.recv(2))[0]
        self.server.asked.append((atyp, host, port))  # type: ignore[attr-defined]
        upstream = socket.create_connection(("127.0.0.1", self.server.target_port))  # type: ignore[attr-defined]
        sock.sendall(b"\x05\x00\x00\x01" + socket.inet_aton("127.0.0.1") + struct.pack("!H", 0))
        threading.Thread(target=_pipe, args=(upstream, sock), daemon=True).start()
        _pipe(sock, upstream)


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while data := src.recv(65536):
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class Socks5Relay(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, target_port: int, login: tuple[str, str] | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.target_port = target_port
        self.login = login
        self.logins: list[tuple[str, str]] = []
        self.asked: list[tuple[int, str, int]] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"socks5h://127.0.0.1:{self.server_address[1]}"

    def close(self) -> None:
        self.shutdown()
        self.server_close()
