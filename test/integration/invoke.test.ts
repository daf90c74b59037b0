/**
 * runInvoke against the emulator with the real FC client: event sources, sync/async, qualifier,
 * timeouts, Node.js and Python handlers, function errors and platform refusals.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { runInvoke, type InvokeInputs } from '../../src/invoke';
import { isFc3RoleError } from '../../src/errors';
import { LOGS_BEGIN, LOGS_END } from '../../src/invoke/report';
import { useEmulator } from '../helpers/emulator';
import { cloudContext, configWith, createFunction, invokeFlags, recordingLogger } from '../fixtures/invoke/functions';

const emulator = useEmulator();
const cwd = mkdtempSync(join(tmpdir(), 'fc3-role-invoke-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

function inputs(overrides: Partial<InvokeInputs> = {}): InvokeInputs {
  return {
    config: configWith([{ name: 'echo' }]),
    flags: invokeFlags(),
    cloud: cloudContext(emulator.current),
    stdin: Readable.from([]),
    cwd,
    ...overrides,
  };
}

async function failure(p: Promise<unknown>): Promise<Error & { code?: string }> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof Error)) throw new Error('expected a failure');
  return e;
}

describe('runInvoke: event sources', () => {
  beforeEach(async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
  });

  it('sends the props inline event and reports body, logs and request id', async () => {
    const logger = recordingLogger();
    const out = await runInvoke(inputs({ config: configWith([{ name: 'echo' }], { event: { source: 'inline', text: '{"k":"v"}' } }) }), logger);
    expect(out).toMatchObject({ functionName: 'echo', region: 'cn-hangzhou', qualifier: 'LATEST', statusCode: 200, body: '{"k":"v"}' });
    expect(out.requestId).not.toBe('');
    expect(out.errorType).toBeUndefined();
    const text = logger.text();
    // The log tail is printed once: in the report, not again in the output.
    expect(text).toContain('echo: 9 bytes');
    expect(text.split('echo: 9 bytes')).toHaveLength(2);
    expect(out.logs).toBeUndefined();
    expect(text).toContain(LOGS_BEGIN);
    expect(text).toContain(LOGS_END);
    expect(text).toContain('"k": "v"');
    expect(text).toContain(`RequestId: ${out.requestId}`);
  });

  it('returns the log tail in the output with -o or --silent (where the report is not read)', async () => {
    for (const flag of [['-o', 'json'], ['--silent']]) {
      const out = await runInvoke(inputs({ flags: invokeFlags('-e', 'abc', ...flag) }), recordingLogger());
      expect(out.logs).toContain('echo: 3 bytes');
    }
  });

  it('sends the event read from the props event file', async () => {
    const config = configWith([{ name: 'echo' }], { event: { source: 'file', text: 'from-file', path: join(cwd, 'e.json') } });
    expect((await runInvoke(inputs({ config }), recordingLogger())).body).toBe('from-file');
  });

  it('-e wins over the props event, and is sent as-is even when not JSON', async () => {
    const config = configWith([{ name: 'echo' }], { event: { source: 'inline', text: 'props' } });
    expect((await runInvoke(inputs({ config, flags: invokeFlags('-e', '{not json') }), recordingLogger())).body).toBe('{not json');
  });

  it('-f reads a file relative to the cwd', async () => {
    writeFileSync(join(cwd, 'event.json'), '{"from":"file"}');
    expect((await runInvoke(inputs({ flags: invokeFlags('-f', 'event.json') }), recordingLogger())).body).toBe('{"from":"file"}');
  });

  it('-f - and -s read stdin', async () => {
    const viaDash = await runInvoke(inputs({ flags: invokeFlags('-f', '-'), stdin: Readable.from([Buffer.from('dash')]) }), recordingLogger());
    expect(viaDash.body).toBe('dash');
    const viaS = await runInvoke(inputs({ flags: invokeFlags('-s'), stdin: Readable.from([Buffer.from('piped')]) }), recordingLogger());
    expect(viaS.body).toBe('piped');
  });

  it('no event at all sends an empty body', async () => {
    expect((await runInvoke(inputs(), recordingLogger())).body).toBe('');
  });

  it('a missing event file fails before any call, naming the file', async () => {
    const e = await failure(runInvoke(inputs({ flags: invokeFlags('-f', 'nope.json') }), recordingLogger()));
    expect(isFc3RoleError(e, 'EventFileUnreadable')).toBe(true);
    expect(e.message).toContain(join(cwd, 'nope.json'));
  });
});

describe('runInvoke: FC calls', () => {
  it('calls InvokeFunction alone when the answer comes quickly (no read of the function)', async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
    emulator.current.requests.clear();
    expect((await runInvoke(inputs({ flags: invokeFlags('-e', 'quick') }), recordingLogger())).body).toBe('quick');
    expect(emulator.current.requests.list({ product: 'fc' }).map((r) => r.action)).toEqual(['InvokeFunction']);
  });

  it('waits past the first deadline check (and the 5 s connect timeout) for a function whose timeout allows it, reading the function once', async () => {
    await createFunction(emulator.current, { name: 'sleeper', source: 'sleeper.js', timeout: 20 });
    // The handler answers after 7 s: more than the first check (6 s) and the 5 s connect timeout (the client
    // timeout is the read timeout), less than the function's 20 s + 5 s.
    emulator.current.requests.clear();
    const out = await runInvoke(inputs({ config: configWith([{ name: 'sleeper' }]), flags: invokeFlags('-e', '{"ms":7000}') }), recordingLogger());
    expect(out).toMatchObject({ statusCode: 200, body: 'woke' });
    expect(emulator.current.requests.list({ product: 'fc' }).map((r) => r.action).sort()).toEqual(['GetFunction', 'InvokeFunction']);
  });
});

describe('runInvoke: how', () => {
  it('async returns 202 and the request id, without logs', async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
    const logger = recordingLogger();
    const out = await runInvoke(inputs({ flags: invokeFlags('--invocation-type', 'ASYNC', '-e', 'x') }), logger);
    expect(out.statusCode).toBe(202);
    expect(out.body).toBe('');
    expect(out.logs).toBeUndefined();
    expect(out.requestId).not.toBe('');
    expect(logger.text()).toContain(`RequestId: ${out.requestId}`);
  });

  it('qualifier LATEST works; an unknown qualifier is NotFound naming the function, region and qualifier', async () => {
    await createFunction(emulator.current, { name: 'echo', source: 'echo.js' });
    expect((await runInvoke(inputs({ flags: invokeFlags('--qualifier', 'LATEST', '-e', 'q') }), recordingLogger())).qualifier).toBe('LATEST');
    const e = await failure(runInvoke(inputs({ flags: invokeFlags('--qualifier', 'prod') }), recordingLogger()));
    expect(isFc3RoleError(e, 'NotFound')).toBe(true);
    expect(e.message).toMatch(/echo.*cn-hangzhou.*prod/);
  });

  it('--timeout shorter than the handler fails with InvokeTimedOut', async () => {
    await createFunction(emulator.current, { name: 'sleeper', source: 'sleeper.js', timeout: 10 });
    const config = configWith([{ name: 'sleeper' }]);
    const e = await failure(runInvoke(inputs({ config, flags: invokeFlags('--timeout', '1', '-e', '{"ms":3000}') }), recordingLogger()));
    expect(isFc3RoleError(e, 'InvokeTimedOut')).toBe(true);
    expect(e.message).toContain('sleeper');
    expect(e.message).toContain('--timeout');
  });

  it('a handler running past its own timeout fails the command with the platform timeout error', async () => {
    await createFunction(emulator.current, { name: 'sleeper', source: 'sleeper.js', timeout: 1 });
    const logger = recordingLogger();
    const e = await failure(runInvoke(inputs({ config: configWith([{ name: 'sleeper' }]), flags: invokeFlags('-e', '{"ms":4000}') }), logger));
    expect(isFc3RoleError(e, 'FunctionFailed')).toBe(true);
    expect(e.message).toMatch(/sleeper.*cn-hangzhou/);
    expect(logger.text()).toMatch(/time/i);
  });

  it('runs a Python handler', async () => {
    await createFunction(emulator.current, { name: 'pyecho', source: 'echo.py' });
    const out = await runInvoke(inputs({ config: configWith([{ name: 'pyecho' }]), flags: invokeFlags('-e', 'hello python', '--silent') }), recordingLogger());
    expect(out.body).toContain('hello python');
    expect(out.logs).toContain('echo: 12 bytes');
  });

  it('in another region through --function-name and --region alone (s cli mode)', async () => {
    await createFunction(emulator.current, { name: 'far', source: 'echo.js', region: 'cn-shanghai' });
    const out = await runInvoke(
      inputs({ config: undefined, flags: invokeFlags('--function-name', 'far', '--region', 'cn-shanghai', '-e', 'far away') }),
      recordingLogger(),
    );
    expect(out).toMatchObject({ functionName: 'far', region: 'cn-shanghai', body: 'far away' });
  });
});

describe('runInvoke: failures', () => {
  it('a handler that throws: error type, message and stack printed, FunctionFailed thrown', async () => {
    await createFunction(emulator.current, { name: 'thrower', source: 'thrower.js' });
    const logger = recordingLogger();
    const e = await failure(runInvoke(inputs({ config: configWith([{ name: 'thrower' }]), flags: invokeFlags('-e', 'bad') }), logger));
    expect(isFc3RoleError(e, 'FunctionFailed')).toBe(true);
    expect(e.message).toContain('thrower');
    expect(e.message).toContain('cn-hangzhou');
    expect(e.message).toContain('UnhandledInvocationError');
    expect(e.message).toContain('boom: bad');
    const text = logger.text();
    expect(text).toContain('Error Message: boom: bad');
    expect(text).toContain('Stack:');
    expect(text).toContain('thrower: about to fail');
  });

  it('a missing function is NotFound naming the function and region, with what to do', async () => {
    const e = await failure(runInvoke(inputs({ config: configWith([{ name: 'ghost' }]) }), recordingLogger()));
    expect(isFc3RoleError(e, 'NotFound')).toBe(true);
    expect(e.message).toMatch(/ghost.*cn-hangzhou/);
    expect(e.message).toContain('deploy');
  });

  it('several declared functions and none chosen: says which exist', async () => {
    const e = await failure(runInvoke(inputs({ config: configWith([{ name: 'a' }, { name: 'b' }]) }), recordingLogger()));
    expect(isFc3RoleError(e, 'InvalidInvokeArguments')).toBe(true);
    expect(e.message).toContain('a, b');
  });
});
