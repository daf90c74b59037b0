/**
 * FC 3.0 function CRUD through the real @alicloud/fc20230330 client against the emulator:
 * shapes, defaults, validation, per-region storage, fc:* authorization, ram:PassRole and FC's
 * assume-role check at create/update.
 */
import * as $Fc from '@alicloud/fc20230330';
import * as $Ram from '@alicloud/ram20150501';
import { useEmulator } from '../helpers/emulator';
import { fcClient, openApiConfig, ramClient, rootCredentials, userCredentials } from '../helpers/clients';
import { zipFixture } from '../fixtures/handlers/zip';
import Fc from '@alicloud/fc20230330';
import { ECS_TRUST, FC_TRUST } from '../helpers/ram-documents';

const ACCOUNT = '1234567890123456';

const emu = useEmulator({
  accounts: [{
    id: ACCOUNT,
    buckets: [{ name: 'code-bucket' }],
    users: [
      { name: 'deployer', policies: ['AliyunFCFullAccess'] },
      { name: 'fc-only', policies: [{ name: 'FcNoPassRole', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'fc:*', Resource: '*' }] } }] },
      { name: 'reader', policies: ['AliyunFCReadOnlyAccess'] },
    ],
  }],
});

const CODE = zipFixture('node-basic');

function createInput(name: string, extra: Partial<$Fc.CreateFunctionInput> = {}): $Fc.CreateFunctionRequest {
  return new $Fc.CreateFunctionRequest({
    body: new $Fc.CreateFunctionInput({
      functionName: name,
      runtime: 'nodejs18',
      handler: 'index.echo',
      code: new $Fc.InputCodeLocation({ zipFile: CODE }),
      ...extra,
    }),
  });
}

async function createRole(name: string, trust = FC_TRUST): Promise<string> {
  const res = await ramClient(emu.current).createRole(new $Ram.CreateRoleRequest({ roleName: name, assumeRolePolicyDocument: trust }));
  return res.body?.role?.arn ?? '';
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; statusCode: number; message: string }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { code: string; statusCode: number; message: string };
    return { code: e.code, statusCode: e.statusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

describe('FC 3.0 functions', () => {
  test('creates a function with FC defaults and reads it back', async () => {
    const fc = fcClient(emu.current);
    const created = await fc.createFunction(createInput('fn-a'));
    const fn = created.body!;
    expect(fn).toMatchObject({
      functionName: 'fn-a',
      functionArn: `acs:fc:cn-hangzhou:${ACCOUNT}:functions/fn-a`,
      runtime: 'nodejs18',
      handler: 'index.echo',
      timeout: 3,
      memorySize: 128,
      cpu: 0.05,
      diskSize: 512,
      internetAccess: true,
      instanceConcurrency: 1,
      environmentVariables: {},
      state: 'Active',
      lastUpdateStatus: 'Successful',
      role: '',
    });
    expect(fn.codeChecksum).toMatch(/^\d+$/);
    expect(fn.codeSize).toBe(Buffer.from(CODE, 'base64').length);
    expect(fn.createdTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const got = await fc.getFunction('fn-a', new $Fc.GetFunctionRequest({}));
    expect(got.body).toMatchObject({ functionName: 'fn-a', functionId: fn.functionId, codeChecksum: fn.codeChecksum });
  });

  test('updates only the fields given; role "" clears the role', async () => {
    const fc = fcClient(emu.current);
    const roleArn = await createRole('fn-role');
    await fc.createFunction(createInput('fn-u', { role: roleArn, environmentVariables: { A: '1' } }));
    const updated = await fc.updateFunction('fn-u', new $Fc.UpdateFunctionRequest({
      body: new $Fc.UpdateFunctionInput({ timeout: 30, memorySize: 512 }),
    }));
    expect(updated.body).toMatchObject({ timeout: 30, memorySize: 512, role: roleArn, environmentVariables: { A: '1' }, handler: 'index.echo' });
    const cleared = await fc.updateFunction('fn-u', new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ role: '' }) }));
    expect(cleared.body?.role).toBe('');
    expect(emu.current.state.getAccount(ACCOUNT).fc.getFunction('cn-hangzhou', 'fn-u').role).toBe('');
  });

  test('lists with prefix and pages with limit/nextToken', async () => {
    const fc = fcClient(emu.current);
    for (const name of ['app-1', 'app-2', 'app-3', 'other']) await fc.createFunction(createInput(name));
    const first = await fc.listFunctions(new $Fc.ListFunctionsRequest({ prefix: 'app-', limit: 2 }));
    expect(first.body?.functions?.map((f) => f.functionName)).toEqual(['app-1', 'app-2']);
    expect(first.body?.nextToken).toBeTruthy();
    const second = await fc.listFunctions(new $Fc.ListFunctionsRequest({ prefix: 'app-', limit: 2, nextToken: first.body?.nextToken }));
    expect(second.body?.functions?.map((f) => f.functionName)).toEqual(['app-3']);
    expect(second.body?.nextToken).toBeUndefined();
  });

  test('deletes with 204, then GetFunction is 404 FunctionNotFound', async () => {
    const fc = fcClient(emu.current);
    await fc.createFunction(createInput('fn-d'));
    const deleted = await fc.deleteFunction('fn-d');
    expect(deleted.statusCode).toBe(204);
    const err = await errorOf(fc.getFunction('fn-d', new $Fc.GetFunctionRequest({})));
    expect(err).toMatchObject({ code: 'FunctionNotFound', statusCode: 404 });
    expect(err.message).toMatch(/^FunctionNotFound: code: 404, function 'fn-d' does not exist request id: 1-/);
  });

  test('a second create of the same name is 409 FunctionAlreadyExists', async () => {
    const fc = fcClient(emu.current);
    await fc.createFunction(createInput('dup'));
    expect(await errorOf(fc.createFunction(createInput('dup')))).toMatchObject({ code: 'FunctionAlreadyExists', statusCode: 409 });
  });

  test.each([
    ['bad name', { functionName: '9lives' }, /invalid function name/],
    ['no handler', { handler: undefined }, /^InvalidArgument: code: 400, Handler is required but not provided/],
    ['no code', { code: undefined }, /Either ossBucketName\/ossObjectName or zipFile must be set/],
    ['timeout 0', { timeout: 0 }, /timeout must be an integer between 1 and 86400/],
    ['memory 100', { memorySize: 100 }, /memorySize must be a multiple of 64/],
    ['unknown runtime', { runtime: 'cobol' }, /runtime 'cobol' is not supported/],
    ['bad role ARN', { role: 'my-role' }, /role 'my-role' is invalid/],
  ])('rejects %s with 400 InvalidArgument', async (_label, extra, message) => {
    const err = await errorOf(fcClient(emu.current).createFunction(createInput('fn-v', extra as Partial<$Fc.CreateFunctionInput>)));
    expect(err).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
    expect(err.message).toMatch(message);
  });

  test('stores functions per region (each region its own FC endpoint), keeping the name free in other regions', async () => {
    await fcClient(emu.current, undefined, 'cn-shanghai').createFunction(createInput('regional'));
    const sh = await fcClient(emu.current, undefined, 'cn-shanghai').getFunction('regional', new $Fc.GetFunctionRequest({}));
    expect(sh.body?.functionArn).toBe(`acs:fc:cn-shanghai:${ACCOUNT}:functions/regional`);
    const err = await errorOf(fcClient(emu.current).getFunction('regional', new $Fc.GetFunctionRequest({})));
    expect(err.code).toBe('FunctionNotFound');
  });

  test('the shared endpoint is no FC endpoint: 400 PathNotSupported, even with an x-fc-region header', async () => {
    for (const extra of [{}, { globalParameters: { headers: { 'x-fc-region': 'cn-hangzhou' } } }]) {
      const fc = new Fc(openApiConfig(emu.current, rootCredentials(emu.current), extra));
      const err = await errorOf(fc.createFunction(createInput('no-region')));
      expect(err).toMatchObject({ code: 'PathNotSupported', statusCode: 400 });
    }
    expect(emu.current.state.getAccount(ACCOUNT).fc.listFunctions('cn-hangzhou')).toEqual([]);
  });

  test('a RAM user without fc:CreateFunction gets 403 AccessDenied; a reader can still get', async () => {
    const reader = fcClient(emu.current, userCredentials(emu.current, 'reader'));
    const err = await errorOf(reader.createFunction(createInput('fn-r')));
    expect(err).toMatchObject({ code: 'AccessDenied', statusCode: 403 });
    expect(err.message).toContain("'fc:CreateFunction'");
    await fcClient(emu.current).createFunction(createInput('fn-r'));
    const got = await reader.getFunction('fn-r', new $Fc.GetFunctionRequest({}));
    expect(got.body?.functionName).toBe('fn-r');
  });

  test('setting a role needs ram:PassRole: refused for fc-only, allowed with AliyunFCFullAccess', async () => {
    const roleArn = await createRole('pass-me');
    const refused = await errorOf(fcClient(emu.current, userCredentials(emu.current, 'fc-only')).createFunction(createInput('fn-p', { role: roleArn })));
    expect(refused).toMatchObject({ code: 'AccessDenied', statusCode: 403 });
    expect(refused.message).toContain("'ram:PassRole'");
    const ok = await fcClient(emu.current, userCredentials(emu.current, 'deployer')).createFunction(createInput('fn-p', { role: roleArn }));
    expect(ok.body?.role).toBe(roleArn);
  });

  test('a role FC cannot assume is refused at update (fcRoleCheck "update")', async () => {
    const fc = fcClient(emu.current);
    await fc.createFunction(createInput('fn-t'));
    const ecsRole = await createRole('ecs-only', ECS_TRUST);
    for (const role of [ecsRole, `acs:ram::${ACCOUNT}:role/missing-role`]) {
      const err = await errorOf(fc.updateFunction('fn-t', new $Fc.UpdateFunctionRequest({ body: new $Fc.UpdateFunctionInput({ role }) })));
      expect(err).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
      expect(err.message).toContain(`failed to assume role '${role}': You are not authorized to do this action. You should be authorized by RAM.`);
    }
    expect(emu.current.state.getAccount(ACCOUNT).fc.getFunction('cn-hangzhou', 'fn-t').role).toBe('');
  });

  test('a role inside the propagation delay is not assumable yet', async () => {
    emu.current.faults.propagationDelayMs = 60_000;
    const roleArn = await createRole('fresh-role');
    const err = await errorOf(fcClient(emu.current).createFunction(createInput('fn-fresh', { role: roleArn })));
    expect(err.code).toBe('InvalidArgument');
  });

  test('takes code from an OSS object of the account, and refuses a missing one', async () => {
    const zip = Buffer.from(CODE, 'base64');
    emu.current.state.getAccount(ACCOUNT).oss.putObject('code-bucket', 'code/fn.zip', zip, 'application/zip');
    const fc = fcClient(emu.current);
    const oss = (object: string): Partial<$Fc.CreateFunctionInput> => ({
      code: new $Fc.InputCodeLocation({ ossBucketName: 'code-bucket', ossObjectName: object }),
    });
    const created = await fc.createFunction(createInput('from-oss', oss('code/fn.zip')));
    expect(created.body?.codeSize).toBe(zip.length);
    const err = await errorOf(fc.createFunction(createInput('from-oss-2', oss('code/missing.zip'))));
    expect(err).toMatchObject({ code: 'InvalidArgument', statusCode: 400 });
  });

  test('GetFunction with a qualifier other than LATEST is 404', async () => {
    const fc = fcClient(emu.current);
    await fc.createFunction(createInput('fn-q'));
    const err = await errorOf(fc.getFunction('fn-q', new $Fc.GetFunctionRequest({ qualifier: '1' })));
    expect(err).toMatchObject({ code: 'VersionNotFound', statusCode: 404 });
  });
});
