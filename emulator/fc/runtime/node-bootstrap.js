'use strict';
/*
 * FC emulator bootstrap for Node.js runtimes (plain JS: spawned as is, never compiled).
 * stdin: JSON {codeDir, pathMap, handler, event (base64), context}; fd 3: JSON result (+ maxRssKb); stdout: the function's log.
 */
const fs = require('fs');
const path = require('path');
const util = require('util');

const input = JSON.parse(fs.readFileSync(0, 'utf8'));
const requestId = input.context.requestId;

// Paths as FC shows them (the code at /code, the runtime under /var/fc/runtime/<runtime>): the emulator runs
// the extracted code where it lies, without root, and maps host paths to FC's in what the handler can see.
const CODE_DIR = path.resolve(input.codeDir);
const PATH_MAP = input.pathMap; // [[host path, FC path], ...], longest host path first
function fcPath(text) {
  let out = String(text);
  for (const [host, shown] of PATH_MAP) out = out.split(host).join(shown);
  return out;
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
process.cwd = () => '/code';

/*
 * Alibaba Cloud service hosts (*.aliyuncs.com: OSS public and -internal, RAM, STS, FC, ...) reach the emulator,
 * as they reach the services inside FC: a connection to such a host on port 80 goes to the emulator's shared
 * endpoint (which tells the products apart by Host and headers). HTTPS is not emulated: port 443 fails clearly.
 */
const net = require('net');
const CLOUD_HOST = /(^|\.)aliyuncs\.com\.?$/i;
const cloudPort = input.cloudPort;
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

let settled = false;

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

function finish(err, value) {
  if (settled) return;
  settled = true;
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
  fs.writeSync(3, JSON.stringify(result));
  process.exit(0);
}

process.on('uncaughtException', (err) => finish(err));
process.on('unhandledRejection', (reason) => finish(reason));

function loadHandler(handlerSpec) {
  const dot = handlerSpec.lastIndexOf('.');
  if (dot <= 0) throw new Error(`Invalid handler '${handlerSpec}': expected <file>.<export>`);
  const file = handlerSpec.slice(0, dot);
  const name = handlerSpec.slice(dot + 1);
  const mod = require(path.join(CODE_DIR, file));
  const fn = mod[name];
  if (typeof fn !== 'function') throw new Error(`Handler '${handlerSpec}' is missing on module '${file}'`);
  return fn;
}

const context = {
  requestId,
  credentials: input.context.credentials,
  function: input.context.function,
  service: input.context.service,
  region: input.context.region,
  accountId: input.context.accountId,
  logger,
};

try {
  const handler = loadHandler(input.handler);
  const event = Buffer.from(input.event, 'base64');
  const returned = handler(event, context, (err, value) => finish(err, value));
  if (returned && typeof returned.then === 'function') {
    returned.then((value) => finish(null, value), (err) => finish(err));
  } else if (handler.length < 3) {
    finish(null, returned);
  }
} catch (err) {
  finish(err);
}
