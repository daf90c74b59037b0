/**
 * The kill sweep's tools: a counting HTTP proxy in front of the emulator that SIGKILLs the component's
 * process right after a chosen API call was answered by the emulator (before the process sees the
 * answer) and forwards nothing after it, and the child process itself. Not a test file itself.
 */
import { spawn, type ChildProcess } from 'child_process';
import { createServer, request, type IncomingMessage, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';

/** The API action of a request as the component sends it: RPC `x-acs-action`, FC from method and path. */
export function actionOf(req: IncomingMessage): string {
  const rpc = req.headers['x-acs-action'];
  if (typeof rpc === 'string') return rpc;
  const path = (req.url ?? '').split('?')[0];
  if (/^\/2023-03-30\/functions\/[^/]+$/.test(path)) return req.method === 'PUT' ? 'UpdateFunction' : 'GetFunction';
  if (path === '/2023-03-30/functions') return 'ListFunctions';
  return `${req.method} ${path}`;
}

/** Kill after the answer to the `occurrence`-th call of `action` (1-based), or to the `position`-th call overall. */
export type KillPoint = { action: string; occurrence: number } | { position: number };

export function describeKillPoint(p: KillPoint): string {
  return 'position' in p ? `call #${p.position}` : `${p.action} #${p.occurrence}`;
}

export interface KillProxy {
  /** In front of the emulator's shared endpoint (RAM, STS, Resource Manager). */
  endpoint: string;
  /** In front of the emulator's FC endpoint of each region: env FC3_ROLE_FC_ENDPOINTS. */
  fcEndpoints: string;
  /** Every call answered by the emulator, in order of the answers (a sweep's reference run). */
  readonly answered: string[];
  /** Arms the next run: kill `child()` after `point`; undefined = never kill. */
  arm(point: KillPoint | undefined, child: () => ChildProcess | undefined): void;
  /** True once the armed point was reached. */
  readonly fired: boolean;
  /** Resolves when no forwarded call is still in flight at the emulator. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/** One listener per upstream (the shared endpoint, each FC region's), all counting and killing together. */
export async function startKillProxy(emu: { port: number; fcEndpoints: Record<string, string> }): Promise<KillProxy> {
  let point: KillPoint | undefined;
  let child: () => ChildProcess | undefined = () => undefined;
  let fired = false;
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const answered: string[] = [];
  const counts = new Map<string, number>();
  const done = (): void => {
    inFlight--;
    if (inFlight === 0) for (const w of waiters.splice(0)) w();
  };
  const serve = (upstreamPort: number): Server => createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (fired) {
        req.socket.destroy();
        return;
      }
      inFlight++;
      const action = actionOf(req);
      const upstream = request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          answered.push(action);
          const n = (counts.get(action) ?? 0) + 1;
          counts.set(action, n);
          const hit = point !== undefined && ('position' in point ? answered.length === point.position : point.action === action && point.occurrence === n);
          if (hit && !fired) {
            fired = true;
            child()?.kill('SIGKILL');
          }
          if (fired) req.socket.destroy();
          else {
            res.writeHead(answer.statusCode ?? 500, answer.headers);
            res.end(Buffer.concat(body));
          }
          done();
        });
      });
      upstream.on('error', () => {
        req.socket.destroy();
        done();
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  const listen = async (upstreamPort: number): Promise<{ server: Server; url: string }> => {
    const server = serve(upstreamPort);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
  };
  const shared = await listen(emu.port);
  const fc = await Promise.all(Object.entries(emu.fcEndpoints).map(async ([region, url]) => ({ region, ...(await listen(Number(new URL(url).port))) })));
  const servers = [shared.server, ...fc.map((f) => f.server)];
  return {
    endpoint: shared.url,
    fcEndpoints: fc.map((f) => `${f.region}=${f.url}`).join(','),
    answered,
    get fired() {
      return fired;
    },
    arm(p, c) {
      point = p;
      child = c;
      fired = false;
      answered.length = 0;
      counts.clear();
    },
    settled: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: async () => {
      waiters = [];
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}

export interface ChildRun {
  process: ChildProcess;
  /** Resolves with the exit code (null when killed) and what it wrote on stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts the built component (test/reliability/run-component.js) for one command, through the proxy. */
export function startComponent(command: 'deploy' | 'remove', props: unknown, credential: Record<string, string>, proxy: Pick<KillProxy, 'endpoint' | 'fcEndpoints'>): ChildRun {
  const env: NodeJS.ProcessEnv = { ...process.env, FC3_ROLE_RUN: JSON.stringify({ command, props, credential }) };
  for (const key of Object.keys(env)) if (key.startsWith('ALIBABA_CLOUD_') || key.startsWith('FC3_ROLE_')) delete env[key];
  Object.assign(env, { FC3_ROLE_RUN: JSON.stringify({ command, props, credential }), FC3_ROLE_ENDPOINT: proxy.endpoint, FC3_ROLE_FC_ENDPOINTS: proxy.fcEndpoints });
  const child = spawn(process.execPath, [join(__dirname, 'run-component.js')], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { process: child, exited };
}
