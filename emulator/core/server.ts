/**
 * The emulator's HTTP server: plain-http endpoints on 127.0.0.1, one shared by every product plus one
 * per FC region (a region's FC endpoint, like <acct>.<region>.fc.aliyuncs.com). It reads the whole
 * body, classifies the request (RPC, FC or OSS), applies faults, authenticates and dispatches,
 * serializes errors in one place (errors.ts) and records every request in the log. A request whose
 * answer a fault loses is handled first, then its connection is reset or held open unanswered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { commonError, errorResponse, type WireResponse } from './errors';
import type { Exchange, RawRequest, Trace } from './exchange';
import { prepareRpc, isRpcRequest } from './dispatch-rpc';
import { prepareFc, isFcRequest } from './dispatch-fc';
import { prepareOss, type OssEntry } from './dispatch-oss';
import { readBody, send, splitUrl } from './http';
import type { LostAnswer } from './faults';
import { ApiError, type RestRoute, type RpcService } from './types';
import type { World } from './world';

export interface ServiceRegistry {
  rpcServices: readonly RpcService[];
  fcRoutes: readonly RestRoute[];
  handleOssRequest: OssEntry;
}

function classify(req: RawRequest, services: ServiceRegistry): Exchange {
  // Every request on a region's FC endpoint is an FC request (an unknown path gets FC's error, never OSS's).
  if (req.endpointRegion) return prepareFc(req, services.fcRoutes);
  if (isRpcRequest(req)) return prepareRpc(req, services.rpcServices);
  if (isFcRequest(req)) return prepareFc(req, services.fcRoutes);
  return prepareOss(req, services.handleOssRequest);
}

function errorFor(exchange: Exchange, err: ApiError): WireResponse {
  const product = exchange.product === 'unknown' ? undefined : exchange.product;
  return errorResponse(exchange.protocol, err, exchange.requestId, exchange.hostId, product);
}

/** What happened to one request: its answer (none when dropped before handling), and whether a fault loses it. */
interface Outcome {
  response?: WireResponse;
  lost?: LostAnswer;
}

async function run(exchange: Exchange, world: World, trace: Trace): Promise<WireResponse> {
  try {
    return await exchange.execute(world, trace);
  } catch (err) {
    if (err instanceof ApiError) return errorFor(exchange, err);
    // Not an ApiError: an emulator bug. Answer 500 (never a fake success) and show the stack.
    console.error(`emulator: ${exchange.product} ${exchange.action} failed unexpectedly:`, err);
    return errorFor(exchange, commonError('InternalError', exchange.protocol));
  }
}

/** Runs one classified request through the faults: failed before handling, handled, or handled and its answer lost. */
async function respond(exchange: Exchange, world: World, trace: Trace): Promise<Outcome> {
  if (exchange.routingError) return { response: errorFor(exchange, exchange.routingError) };
  const product = exchange.product === 'unknown' ? undefined : exchange.product;
  if (!product) return { response: await run(exchange, world, trace) };
  const fault = world.faults.decide(product, exchange.action, world.now());
  if (fault.latencyMs > 0) await world.faults.sleep(fault.latencyMs);
  if (fault.error === 'drop') return {};
  if (fault.error) return { response: errorFor(exchange, commonError(fault.error, exchange.protocol)) };
  return { response: await run(exchange, world, trace), lost: fault.loseAnswer };
}

function codeOf(response: WireResponse): string | undefined {
  if (response.status < 400) return undefined;
  const text = response.body.toString();
  const json = /"Code"\s*:\s*"([^"]*)"/.exec(text);
  if (json) return json[1];
  return /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
}

/** Responses a 'hang' fault holds unanswered, released on reset and close. */
class HeldAnswers {
  private readonly held = new Set<ServerResponse>();

  hold(res: ServerResponse): void {
    this.held.add(res);
    res.once('close', () => this.held.delete(res));
  }

  /** Destroys every held connection (the client then sees a reset, if it is still waiting). */
  release(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  world: World,
  services: ServiceRegistry,
  endpoint: { region?: string; held: HeldAnswers },
): Promise<void> {
  const time = world.now();
  const body = await readBody(req);
  const raw: RawRequest = { method: req.method ?? 'GET', ...splitUrl(req.url), headers: req.headers, body, endpointRegion: endpoint.region };
  const exchange = classify(raw, services);
  const trace: Trace = {};
  const { response, lost } = await respond(exchange, world, trace);
  world.requests.add({
    time,
    product: exchange.product,
    action: trace.action ?? exchange.action,
    write: trace.write ?? exchange.write,
    caller: trace.caller?.arn,
    accountId: trace.caller?.accountId,
    // Choice: a dropped connection is logged with status 0 and code 'drop'.
    status: response?.status ?? 0,
    code: response ? codeOf(response) : 'drop',
    requestId: exchange.requestId,
    ...(lost ? { lost } : {}),
  });
  if (!response || lost === 'reset') req.socket.destroy();
  else if (lost === 'hang') endpoint.held.hold(res);
  else send(res, response);
}

export interface RunningServer {
  port: number;
  /** The port of each FC region's endpoint. */
  fcPorts: Record<string, number>;
  /** Destroys the connections a 'hang' fault holds open. */
  releaseHeld(): void;
  close(): Promise<void>;
}

function listen(world: World, services: ServiceRegistry, port: number, held: HeldAnswers, region?: string): Promise<Server> {
  const server: Server = createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(req, res, world, services, { region, held }).catch((err: unknown) => {
      console.error('emulator: request handling failed:', err);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('emulator internal failure');
      } else {
        res.destroy();
      }
    });
  });
  // Choice: idle keep-alive connections stay open 65 s (Node's default is 5 s): a client reusing a pooled connection
  // after a pause (a busy machine) must not race the server closing it.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((done, fail) => {
    server.close((err) => (err ? fail(err) : done()));
    server.closeAllConnections();
  });
}

function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/**
 * Listens on 127.0.0.1:`port` (0 = a free port) for every product, and on one more port per FC region
 * in `fcRegions`: `port + 1 + i` when `port` is given, else free ports.
 */
export async function startServer(world: World, services: ServiceRegistry, port = 0, fcRegions: readonly string[] = []): Promise<RunningServer> {
  const servers: Server[] = [];
  const held = new HeldAnswers();
  try {
    servers.push(await listen(world, services, port, held));
    const fcPorts: Record<string, number> = {};
    for (const [index, region] of fcRegions.entries()) {
      const server = await listen(world, services, port === 0 ? 0 : port + 1 + index, held, region);
      servers.push(server);
      fcPorts[region] = portOf(server);
    }
    return {
      port: portOf(servers[0]),
      fcPorts,
      releaseHeld: () => held.release(),
      close: async () => {
        held.release();
        await Promise.all(servers.map(closeServer));
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    throw err;
  }
}
