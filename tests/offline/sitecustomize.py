"""Loaded by the offline test's build (PYTHONPATH): any connection beyond this machine is refused."""

import socket

_LOCAL = ("127.", "::1", "localhost")
_connect = socket.socket.connect


def _refuse_remote(self: socket.socket, address: object) -> None:
    host = address[0] if isinstance(address, tuple) else str(address)
    if self.family == socket.AF_UNIX or str(host).startswith(_LOCAL):
        return _connect(self, address)
    raise OSError(f"network access refused by the offline test: {address!r}")


def _no_lookup(host: object, *args: object, **kwargs: object) -> list:
    if str(host).startswith(_LOCAL):
        return _getaddrinfo(host, *args, **kwargs)
    raise OSError(f"network access refused by the offline test: lookup of {host!r}")


_getaddrinfo = socket.getaddrinfo
socket.socket.connect = _refuse_remote
socket.getaddrinfo = _no_lookup
