'use strict';
/*
 * FC emulator bootstrap for Node.js runtimes (plain JS: spawned as is, never compiled). One process is one
 * function instance (instance.ts): it serves invocations one at a time, for as long as the emulator keeps it.
 * argv[2]: the nonce of the result mark. stdin: one JSON line per invocation {codeDir, pathMap, cloudPort,
 * handler, env, event (base64), context}; the setup fields are read from the first. stdout: the function's log,
 * then, per invocation, the mark, the base64 of the result JSON ({ok, body | errorMessage..., maxRssKb, fatal}) and "\n".
 */
const fs = require('fs');
const path = require('path');
const util = require('util');

const RESULT_MARK = `\u0000fc-emulator-result:${process.argv[2]}:`;
const lines = [];
let buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (text) => {
  buffered += text;
  let newline = buffered.indexOf('\n');
  while (newline >= 0) {
    lines.push(buffered.slice(0, newline));
    buffered = buffered.slice(newline + 1);
    newline = buffered.indexOf('\n');
  }
  serveNext();
});
// The emulator went away: so does the instance.
process.stdin.on('end', () => process.exit(0));

let setUp = false;
let current; // the invocation being served: {requestId, settled}

function serveNext() {
  if (current || lines.length === 0) return;
  const input = JSON.parse(lines.shift());
  if (!setUp) {
    setUp = true;
    setUpInstance(input);
  }
  invoke(input);
}

// Paths as FC shows them (the code at /code, the runtime under /var/fc/runtime/<runtime>): the emulator runs
// the extracted code where it lies, without root, and maps host paths to FC's in what the handler can see.
let CODE_DIR = '/code';
let PATH_MAP = []; // [[host path, FC path], ...], longest host path first
function fcPath(text) {
  let out = String(text);
  for (const [host, shown] of PATH_MAP) out = out.split(host).join(shown);
  return out;
}
function setUpInstance(input) {
  CODE_DIR = path.resolve(input.codeDir);
  PATH_MAP = input.pathMap;
  cloudPort = input.cloudPort;
  process.cwd = () => '/code';
}

Error.prepareStackTrace = (error, callSites) => {
  let head;
  try {
    head = Error.prototype.toString.call(error);
  } catch {
    head = 'Error';
  }
  return [fcPath(head), ...callSites.map((site) => `    at ${fcPath(site)}`)].join('\n');
};

/*
 * Alibaba Cloud service hosts (*.aliyuncs.com: OSS public and -internal, RAM, STS, FC, ...) reach the emulator,
 * as they reach the services inside FC: a connection to such a host on port 80 goes to the emulator's shared
 * endpoint (which tells the products apart by Host and headers). HTTPS is not emulated: port 443 fails clearly.
 */
const net = require('net');
const CLOUD_HOST = /(^|\.)aliyuncs\.com\.?$/i;
let cloudPort;
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : undefined;
  const host = options ? options.host : typeof args[1] === 'string' ? args[1] : undefined;
  const port = Number(options ? options.port : first);
  if (cloudPort && typeof host === 'string' && CLOUD_HOST.test(host)) {
    if (port !== 80) {
      const error = new Error(`connect ECONNREFUSED ${host}:${port}: the emulator serves Alibaba Cloud hosts over http (port 80) only; use an http:// endpoint`);
      error.code = 'ECONNREFUSED';
      process.nextTick(() => this.destroy(error));
      return this;
    }
    if (options) {
      options.host = '127.0.0.1';
      options.port = cloudPort;
    } else {
      args[0] = cloudPort;
      args[1] = '127.0.0.1';
    }
  }
  return originalConnect.apply(this, args);
};

function writeLog(level, args) {
  const requestId = current ? current.requestId : '';
  const line = `${new Date().toISOString()} ${requestId} [${level}] ${util.format(...args)}\n`;
  fs.writeSync(1, line);
}

const logger = {
  log: (...args) => writeLog('INFO', args),
  info: (...args) => writeLog('INFO', args),
  warn: (...args) => writeLog('WARN', args),
  error: (...args) => writeLog('ERROR', args),
  debug: (...args) => writeLog('DEBUG', args),
};
console.log = logger.log;
console.info = logger.info;
console.warn = logger.warn;
console.error = logger.error;
console.debug = logger.debug;

function encodeResult(value) {
  if (value === undefined || value === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** As FC reports it: https://www.alibabacloud.com/help/en/functioncompute/user-guide/error-handling-nodejs ("stackTrace": ["Error: oops", "    at handler (file:///code/index.mjs:2:9)", ...]). */
function describeError(err) {
  const error = err instanceof Error ? err : new Error(String(err));
  const stack = typeof error.stack === 'string' ? fcPath(error.stack).split('\n') : [];
  return { errorMessage: fcPath(error.message), errorType: error.name || 'Error', stackTrace: stack.filter((line) => line.trim() !== '') };
}

/**
 * Ends `invocation` once (a second callback, or a promise settling after the callback, is ignored).
 * `fatal`: the instance cannot serve again (an uncaught exception, or a handler that cannot be loaded).
 */
function finish(invocation, err, value, fatal = false) {
  if (!invocation || invocation.settled) return;
  invocation.settled = true;
  let result;
  if (err !== null && err !== undefined) {
    result = { ok: false, ...describeError(err) };
    writeLog('ERROR', [`${result.errorType}: ${result.errorMessage}`]);
  } else {
    try {
      result = { ok: true, body: encodeResult(value).toString('base64') };
    } catch (encodeErr) {
      result = { ok: false, ...describeError(encodeErr) };
    }
  }
  result.maxRssKb = process.resourceUsage().maxRSS;
  result.fatal = fatal;
  fs.writeSync(1, `${RESULT_MARK}${Buffer.from(JSON.stringify(result)).toString('base64')}\n`);
  if (current === invocation) current = undefined;
  setImmediate(serveNext);
}

// An error nothing caught fails the invocation being served and ends the instance; between invocations it ends the instance.
function crash(err) {
  if (current) finish(current, err, undefined, true);
  else process.exit(1);
}
process.on('uncaughtException', (err) => crash(err));
process.on('unhandledRejection', (reason) => crash(reason));

const handlers = new Map();
function loadHandler(handlerSpec) {
  const known = handlers.get(handlerSpec);
  if (known) return known;
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Invalid handler '${handlerSpec}': expected <file>.<export>`);
  const file = handlerSpec.slice(0, dot);
  const name = handlerSpec.slice(dot + 1);
  const mod = require(path.join(CODE_DIR, file));
  const fn = mod[name];
  if (typeof fn !== 'function') throw new Error(`Handler '${handlerSpec}' is missing on module '${file}'`);
  handlers.set(handlerSpec, fn);
  return fn;
}

function invoke(input) {
  const invocation = { requestId: input.context.requestId, settled: false };
  current = invocation;
  // The role's temporary credentials of this invocation (FC_* and the function's variables are the instance's).
  Object.assign(process.env, input.env);
  const context = {
    requestId: invocation.requestId,
    credentials: input.context.credentials,
    function: input.context.function,
    service: input.context.service,
    region: input.context.region,
    accountId: input.context.accountId,
    logger,
  };
  let handler;
  try {
    handler = loadHandler(input.handler);
  } catch (err) {
    finish(invocation, err, undefined, true);
    return;
  }
  try {
    const event = Buffer.from(input.event, 'base64');
    const returned = handler(event, context, (err, value) => finish(invocation, err, value));
    if (returned && typeof returned.then === 'function') {
      returned.then((value) => finish(invocation, null, value), (err) => finish(invocation, err));
    } else if (handler.length < 3) {
      finish(invocation, null, returned);
    }
  } catch (err) {
    finish(invocation, err);
  }
}
