"""FC emulator bootstrap for Python 3 runtimes. One process is one function instance (instance.ts): it serves
invocations one at a time, for as long as the emulator keeps it.

argv[1]: the nonce of the result mark. stdin: one JSON line per invocation {codeDir, pathMap, cloudPort, handler, env,
event (base64), context}; the setup fields are read from the first. stdout: the function's log, then, per invocation,
the mark, the base64 of the result JSON ({ok, body | errorMessage..., maxRssKb, fatal}) and a newline.
"""
import base64
import importlib
import json
import logging
import os
import socket
import sys
import traceback

RESULT_MARK = "\u0000fc-emulator-result:%s:" % sys.argv[1]
request_id = ""

# Paths as FC shows them (the code at /code): the emulator runs the extracted code where it lies, without
# root, and maps host paths to FC's in what the handler can see.
PATH_MAP = []


def fc_path(text):
    for host, shown in PATH_MAP:
        text = text.replace(host, shown)
    return text


os.getcwd = lambda: "/code"

# Alibaba Cloud service hosts (*.aliyuncs.com: OSS public and -internal, RAM, STS, FC, ...) reach the emulator, as
# they reach the services inside FC: port 80 goes to the emulator's shared endpoint. HTTPS is not emulated.
CLOUD_PORT = None
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


def write_result(result, fatal):
    result["maxRssKb"] = max_rss_kb()
    result["fatal"] = fatal
    sys.stderr.flush()
    sys.stdout.flush()
    line = RESULT_MARK + base64.b64encode(json.dumps(result).encode("utf-8")).decode("ascii") + "\n"
    data = line.encode("utf-8")
    while data:
        written = os.write(1, data)
        data = data[written:]


def set_up(payload):
    global PATH_MAP, CLOUD_PORT
    PATH_MAP = payload["pathMap"]
    CLOUD_PORT = payload.get("cloudPort")
    sys.path.insert(0, payload["codeDir"])
    setup_logging()


handlers = {}


def load_handler(spec):
    if spec not in handlers:
        module_name, _, function_name = spec.rpartition(".")
        if not module_name:
            raise ValueError("Invalid handler '%s': expected <module>.<function>" % spec)
        handlers[spec] = getattr(importlib.import_module(module_name), function_name)
    return handlers[spec]


def failure(err):
    stack = [fc_path(line.rstrip("\n")) for line in traceback.format_tb(err.__traceback__)]
    logging.getLogger().error("%s: %s", type(err).__name__, fc_path(str(err)))
    return {"ok": False, "errorMessage": fc_path(str(err)), "errorType": type(err).__name__, "stackTrace": stack}


def invoke(payload):
    global request_id
    request_id = payload["context"]["requestId"]
    # The role's temporary credentials of this invocation (FC_* and the function's variables are the instance's).
    os.environ.update(payload.get("env") or {})
    try:
        handler = load_handler(payload["handler"])
    except Exception as err:  # a handler that cannot load: this instance cannot serve
        write_result(failure(err), True)
        return
    try:
        value = handler(base64.b64decode(payload["event"]), Context(payload["context"]))
        result = {"ok": True, "body": base64.b64encode(encode(value)).decode("ascii")}
    except Exception as err:  # the function's own failure, reported like FC does
        result = failure(err)
    write_result(result, False)


def main():
    ready = False
    for raw in sys.stdin.buffer:
        payload = json.loads(raw.decode("utf-8"))
        if not ready:
            set_up(payload)
            ready = True
        invoke(payload)


main()
