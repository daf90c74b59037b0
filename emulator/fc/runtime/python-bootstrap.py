"""FC emulator bootstrap for Python 3 runtimes.

stdin: JSON {codeDir, pathMap, handler, event (base64), context}; fd 3: JSON result (+ maxRssKb); stdout: the function's log.
"""
import base64
import importlib
import json
import logging
import os
import socket
import sys
import traceback

payload = json.loads(sys.stdin.buffer.read().decode("utf-8"))
ctx = payload["context"]
request_id = ctx["requestId"]

# Paths as FC shows them (the code at /code): the emulator runs the extracted code where it lies, without
# root, and maps host paths to FC's in what the handler can see.
PATH_MAP = payload["pathMap"]


def fc_path(text):
    for host, shown in PATH_MAP:
        text = text.replace(host, shown)
    return text


os.getcwd = lambda: "/code"

# Alibaba Cloud service hosts (*.aliyuncs.com: OSS public and -internal, RAM, STS, FC, ...) reach the emulator, as
# they reach the services inside FC: port 80 goes to the emulator's shared endpoint. HTTPS is not emulated.
CLOUD_PORT = payload.get("cloudPort")
_getaddrinfo = socket.getaddrinfo


def _is_cloud_host(host):
    name = host.decode("ascii", "replace") if isinstance(host, bytes) else str(host or "")
    name = name.rstrip(".").lower()
    return name == "aliyuncs.com" or name.endswith(".aliyuncs.com")


def _cloud_getaddrinfo(host, port, *args, **kwargs):
    if CLOUD_PORT and _is_cloud_host(host):
        if str(port) not in ("80", "http"):
            raise ConnectionRefusedError(
                "connect to %s:%s refused: the emulator serves Alibaba Cloud hosts over http (port 80) only" % (host, port))
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", ("127.0.0.1", CLOUD_PORT))]
    return _getaddrinfo(host, port, *args, **kwargs)


socket.getaddrinfo = _cloud_getaddrinfo


def max_rss_kb():
    try:
        import resource
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:
        return 0


class Credentials:
    def __init__(self, raw):
        self.access_key_id = raw.get("accessKeyId", "")
        self.access_key_secret = raw.get("accessKeySecret", "")
        self.security_token = raw.get("securityToken", "")


class FunctionMeta:
    def __init__(self, raw):
        self.name = raw["name"]
        self.handler = raw["handler"]
        self.memory = raw["memory"]
        self.timeout = raw["timeout"]


class ServiceMeta:
    def __init__(self, raw):
        self.name = raw.get("name", "")
        self.log_project = raw.get("logProject", "")
        self.log_store = raw.get("logStore", "")
        self.qualifier = raw.get("qualifier", "LATEST")
        self.version_id = raw.get("versionId", "")


class Context:
    def __init__(self, raw):
        self.request_id = raw["requestId"]
        self.credentials = Credentials(raw.get("credentials") or {})
        self.function = FunctionMeta(raw["function"])
        self.service = ServiceMeta(raw.get("service") or {})
        self.region = raw["region"]
        self.account_id = raw["accountId"]


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id
        return True


def setup_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(request_id)s [%(levelname)s] %(message)s"))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.INFO)


def encode(value):
    if value is None:
        return b""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        return value.encode("utf-8")
    return json.dumps(value).encode("utf-8")


def write_result(result):
    result["maxRssKb"] = max_rss_kb()
    data = json.dumps(result).encode("utf-8")
    while data:
        written = os.write(3, data)
        data = data[written:]


def main():
    setup_logging()
    try:
        sys.path.insert(0, payload["codeDir"])
        module_name, _, function_name = payload["handler"].rpartition(".")
        if not module_name:
            raise ValueError("Invalid handler '%s': expected <module>.<function>" % payload["handler"])
        handler = getattr(importlib.import_module(module_name), function_name)
        value = handler(base64.b64decode(payload["event"]), Context(ctx))
        result = {"ok": True, "body": base64.b64encode(encode(value)).decode("ascii")}
    except Exception as err:  # the function's own failure, reported like FC does
        stack = [fc_path(line.rstrip("\n")) for line in traceback.format_tb(err.__traceback__)]
        result = {"ok": False, "errorMessage": fc_path(str(err)), "errorType": type(err).__name__, "stackTrace": stack}
        logging.getLogger().error("%s: %s", type(err).__name__, fc_path(str(err)))
    sys.stdout.flush()
    write_result(result)


main()
