"""Keeps LocalStack on the loopback interface: no DNS query, no connection, no listening socket
beyond 127.0.0.1 / ::1. Applied before LocalStack builds its runtime (hook on_runtime_create).

Why in-process as well as from outside: LocalStack resolves `s3.<LOCALSTACK_HOST>` once through the
system resolver (a query that leaves the machine), and its default server listens on every interface.
The guard turns any such attempt into an error that names the host, instead of a packet.
"""

import ipaddress
import logging
import os
import socket

LOG = logging.getLogger("firebreak.containment")

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}


def _is_loopback_ip(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%")[0])
        return True
    except ValueError:
        return False


def _host_of(address) -> str | None:
    if isinstance(address, tuple) and address and isinstance(address[0], (str, bytes)):
        host = address[0]
        return host.decode() if isinstance(host, bytes) else host
    return None


class OffMachineRefused(PermissionError):
    pass


def install(allow_any_bind: bool = False) -> None:
    if getattr(socket, "_firebreak_contained", False):
        return
    real_getaddrinfo = socket.getaddrinfo
    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex
    real_bind = socket.socket.bind
    real_sendto = socket.socket.sendto

    def getaddrinfo(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else host
        if name is None or name == "" or name.lower() in LOOPBACK_NAMES or _is_ip(name):
            return real_getaddrinfo(host, *args, **kwargs)
        LOG.warning("Firebreak sandbox: refused to resolve %s (no DNS query leaves the machine)", name)
        raise socket.gaierror(socket.EAI_NONAME, f"Firebreak sandbox: name resolution of {name} refused (loopback only)")

    def refuse_unless_loopback(sock, address, what):
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return
        host = _host_of(address)
        if host is None or host.lower() in LOOPBACK_NAMES or _is_loopback_ip(host):
            return
        LOG.warning("Firebreak sandbox: refused to %s %s (loopback only)", what, address)
        raise OffMachineRefused(f"Firebreak sandbox: {what} {address!r} refused (loopback only)")

    def connect(self, address):
        refuse_unless_loopback(self, address, "connect to")
        return real_connect(self, address)

    def connect_ex(self, address):
        refuse_unless_loopback(self, address, "connect to")
        return real_connect_ex(self, address)

    def bind(self, address):
        if not allow_any_bind and self.family in (socket.AF_INET, socket.AF_INET6):
            host = _host_of(address)
            # port-0 client binds to "" happen in some libraries; anything else must be loopback
            if host is not None and not (host.lower() in LOOPBACK_NAMES or _is_loopback_ip(host)):
                if not (host == "" and address[1] == 0):
                    LOG.warning("Firebreak sandbox: refused to listen on %s (loopback only)", address)
                    raise OffMachineRefused(f"Firebreak sandbox: bind {address!r} refused (loopback only)")
        return real_bind(self, address)

    def sendto(self, data, *args):
        address = args[-1] if args else None
        refuse_unless_loopback(self, address, "send to")
        return real_sendto(self, data, *args)

    socket.getaddrinfo = getaddrinfo
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.socket.bind = bind
    socket.socket.sendto = sendto
    socket._firebreak_contained = True


def preset_s3_hostname_check() -> None:
    """LocalStack resolves `s3.<LOCALSTACK_HOST>` once to decide how its internal S3 clients address
    buckets; with the answer pre-set to "does not resolve" it uses localhost and asks no resolver."""
    from localstack.utils.aws import aws_stack

    aws_stack.CACHE_S3_HOSTNAME_DNS_STATUS = False


def apply() -> None:
    preset_s3_hostname_check()
    if os.environ.get("FIREBREAK_CONTAIN", "1") != "0":
        install(allow_any_bind=os.environ.get("FIREBREAK_ALLOW_ANY_BIND") == "1")
