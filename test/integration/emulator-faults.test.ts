/**
 * Network faults as they really happen, through the real SDK clients: an answer lost AFTER the write
 * took effect (connection reset, or no answer until the client's read timeout), and per-action /
 * per-product rate limits answering each product's throttling error. The emulator clock is frozen,
 * so the rate windows do not depend on how fast the machine is.
 */
import * as $Ram from '@alicloud/ram20150501';
import { ListFunctionsRequest } from '@alicloud/fc20230330';
import { FC_TRUST } from '../helpers/ram-documents';
import { useEmulator } from '../helpers/emulator';
import { fcClient, ramClient, stsClient } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { rawRequest } from '../helpers/raw-http';

const START = Date.UTC(2026, 10, 30, 1, 0, 0);
let now = START;
const emu = useEmulator({ clock: () => now });

beforeEach(() => {
  now = START;
});

const createRole = (roleName: string, extra: Record<string, unknown> = {}) =>
  ramClient(emu.current, undefined, extra).createRole(new $Ram.CreateRoleRequest({ roleName, assumeRolePolicyDocument: FC_TRUST }));

describe('an answer lost after the request was handled', () => {
  test('reset: the SDK sees a dropped connection, the write took effect, and a blind retry meets it', async () => {
    emu.current.faults.add({ product: 'ram', action: 'CreateRole', loseAnswer: 'reset', times: 1 });
    const err = await captureError(createRole('lost-answer'));
    expect(err.name).not.toMatch(/ClientError|ServerError|ThrottlingError/);
    expect(err.message).toMatch(/socket hang up|ECONNRESET/);

    expect(emu.current.state.getAccount(emu.current.accounts[0].id).ram.findRole('lost-answer')).toBeDefined();
    await expect(ramClient(emu.current).getRole(new $Ram.GetRoleRequest({ roleName: 'lost-answer' }))).resolves.toMatchObject({ statusCode: 200 });
    expect(await captureError(createRole('lost-answer'))).toMatchObject({ code: 'EntityAlreadyExists.Role', statusCode: 409 });
    expect(emu.current.requests.list({ action: 'CreateRole', lost: true })).toEqual([
      expect.objectContaining({ status: 200, lost: 'reset', write: true }),
    ]);
  });

  test('hang: no answer until the client gives up at its read timeout; the write took effect', async () => {
    emu.current.faults.add({ product: 'ram', action: 'CreateRole', loseAnswer: 'hang', times: 1 });
    // The timeout is the CLIENT's: the emulator never answers, however long it waits.
    const err = await captureError(createRole('held-answer', { readTimeout: 1000 }));
    expect(err.name).not.toMatch(/ClientError|ServerError|ThrottlingError/);
    expect(`${err.name} ${err.message}`).toMatch(/timeout/i);
    expect(emu.current.state.getAccount(emu.current.accounts[0].id).ram.findRole('held-answer')).toBeDefined();
    expect(emu.current.requests.list({ lost: true })).toEqual([expect.objectContaining({ action: 'CreateRole', status: 200, lost: 'hang' })]);
  });

  test('an error answer can be lost too; reset() closes the connections held open', async () => {
    emu.current.faults.add({ product: 'ram', action: 'GetRole', loseAnswer: 'hang' });
    // Unsigned: the handler answers 400 IncompleteSignature, and that answer is held back. No client timeout.
    const settled = rawRequest(emu.current.port, { path: '/', headers: { 'x-acs-version': '2015-05-01', 'x-acs-action': 'GetRole' } }).then(
      () => 'answered',
      (e: unknown) => (e as Error).message,
    );
    await waitFor(() => emu.current.requests.count({ action: 'GetRole' }) === 1);
    expect(emu.current.requests.list({ action: 'GetRole' })[0]).toMatchObject({ status: 400, code: 'IncompleteSignature', lost: 'hang' });
    emu.current.reset();
    expect(await settled).toMatch(/socket hang up|ECONNRESET/);
    await expect(ramClient(emu.current).getAccountAlias()).resolves.toMatchObject({ statusCode: 200 });
  });

  test('a rule fails before handling (error) or loses the answer after (loseAnswer), not both', () => {
    expect(() => emu.current.faults.add({ error: 'drop', loseAnswer: 'reset' })).toThrow(/not both/);
  });
});

describe('rate limits', () => {
  test('per action: RAM answers 400 Throttling.User (the SDK ThrottlingError) past N requests a second', async () => {
    emu.current.faults.addRateLimit({ product: 'ram', action: 'GetAccountAlias', perSecond: 2 });
    const ram = ramClient(emu.current);
    await ram.getAccountAlias();
    await ram.getAccountAlias();
    const err = await captureError(ram.getAccountAlias());
    expect(err).toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400 });
    expect(err.message).toContain('Request was denied due to user flow control.');
    // Other actions are not counted; a throttled request is not counted either.
    await expect(ram.listRoles(new $Ram.ListRolesRequest({}))).resolves.toMatchObject({ statusCode: 200 });
    now += 999;
    expect(await captureError(ram.getAccountAlias())).toMatchObject({ code: 'Throttling.User' });
    now += 1;
    await expect(ram.getAccountAlias()).resolves.toMatchObject({ statusCode: 200 });
    expect(emu.current.requests.list({ action: 'GetAccountAlias', status: 400 })).toHaveLength(2);
  });

  test('per product: every STS action counts against one limit', async () => {
    emu.current.faults.addRateLimit({ product: 'sts', perSecond: 1 });
    await stsClient(emu.current).getCallerIdentity();
    const err = await captureError(stsClient(emu.current).getCallerIdentity());
    expect(err).toMatchObject({ name: 'ThrottlingError', code: 'Throttling.User', statusCode: 400 });
    await expect(ramClient(emu.current).getAccountAlias()).resolves.toMatchObject({ statusCode: 200 });
  });

  test('FC answers 429 ResourceThrottled (a ClientError: the code does not contain "Throttling")', async () => {
    const id = emu.current.faults.addRateLimit({ product: 'fc', action: 'ListFunctions', perSecond: 0 });
    const err = await captureError(fcClient(emu.current).listFunctions(new ListFunctionsRequest({})));
    expect(err).toMatchObject({ name: 'ClientError', code: 'ResourceThrottled', statusCode: 429 });
    emu.current.faults.remove(id);
    await expect(fcClient(emu.current).listFunctions(new ListFunctionsRequest({}))).resolves.toMatchObject({
      statusCode: 200,
    });
  });

  test('limits are whole numbers >= 0 and are cleared by reset', () => {
    expect(() => emu.current.faults.addRateLimit({ perSecond: 1.5 })).toThrow(/perSecond/);
    emu.current.faults.addRateLimit({ perSecond: 3 });
    emu.current.reset();
    expect(emu.current.faults.rateLimits).toHaveLength(0);
  });
});

/** Polls a condition of the emulator's own state (no timing assertion: it waits as long as it takes). */
async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
