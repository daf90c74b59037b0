/**
 * The configurations fc3 reads around a function on every deploy and remove, through the real
 * @alicloud/fc20230330 client: empty lists, and each single configuration answered as "not set".
 */
import * as $Fc from '@alicloud/fc20230330';
import { useEmulator } from '../helpers/emulator';
import { fcClient, userCredentials } from '../helpers/clients';
import { captureError } from '../helpers/errors';
import { zipFixture } from '../fixtures/handlers/zip';

const emu = useEmulator({
  accounts: [{ users: [{ name: 'lister', policies: [{ name: 'ListOnly', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'fc:ListFunctions', Resource: '*' }] } }] }] }],
});

async function createFunction(name: string): Promise<void> {
  const body = new $Fc.CreateFunctionInput({
    functionName: name,
    runtime: 'nodejs18',
    handler: 'index.echo',
    code: new $Fc.InputCodeLocation({ zipFile: zipFixture('node-basic') }),
  });
  await fcClient(emu.current, undefined, 'cn-shanghai').createFunction(new $Fc.CreateFunctionRequest({ body }));
}

describe('FC sub-resources of an existing function', () => {
  test('lists are empty', async () => {
    await createFunction('fn');
    const fc = fcClient(emu.current, undefined, 'cn-shanghai');
    expect((await fc.listVpcBindings('fn')).body?.vpcIds).toEqual([]);
    expect((await fc.listAliases('fn', new $Fc.ListAliasesRequest({}))).body?.aliases).toEqual([]);
    expect((await fc.listFunctionVersions('fn', new $Fc.ListFunctionVersionsRequest({}))).body?.versions).toEqual([]);
    expect((await fc.listTriggers('fn', new $Fc.ListTriggersRequest({}))).body?.triggers).toEqual([]);
    expect((await fc.listInstances('fn', new $Fc.ListInstancesRequest({ withAllActive: true }))).body?.instances).toEqual([]);
    const byFunction = { functionName: 'fn' };
    expect((await fc.listAsyncInvokeConfigs(new $Fc.ListAsyncInvokeConfigsRequest(byFunction))).body?.configs).toEqual([]);
    expect((await fc.listScalingConfigs(new $Fc.ListScalingConfigsRequest(byFunction))).body?.scalingConfigs).toEqual([]);
    expect((await fc.listProvisionConfigs(new $Fc.ListProvisionConfigsRequest(byFunction))).body?.provisionConfigs).toEqual([]);
    expect((await fc.listConcurrencyConfigs(new $Fc.ListConcurrencyConfigsRequest(byFunction))).body?.configs).toEqual([]);
  });

  test('configurations that are not set answer as FC does', async () => {
    await createFunction('fn');
    const fc = fcClient(emu.current, undefined, 'cn-shanghai');
    const latest = { qualifier: 'LATEST' };
    expect(await captureError(fc.getAsyncInvokeConfig('fn', new $Fc.GetAsyncInvokeConfigRequest(latest))))
      .toMatchObject({ statusCode: 404, code: 'AsyncConfigNotExists' });
    expect(await captureError(fc.getConcurrencyConfig('fn'))).toMatchObject({ statusCode: 404, code: 'OnDemandConfigNotFound' });
    const provision = await fc.getProvisionConfig('fn', new $Fc.GetProvisionConfigRequest(latest));
    expect(provision.body).toMatchObject({ target: 0 });
    expect(provision.body?.functionArn).toBeUndefined();
    expect((await fc.getScalingConfig('fn', new $Fc.GetScalingConfigRequest(latest))).body?.functionArn).toBeUndefined();
    expect(await captureError(fc.getTrigger('fn', 'http'))).toMatchObject({ statusCode: 404, code: 'TriggerNotFound' });
    expect(await captureError(fc.getAlias('fn', 'prod'))).toMatchObject({ statusCode: 404, code: 'AliasNotFound' });
  });

  test('a function that does not exist (or lives in another region) is 404 FunctionNotFound; RAM users need the action', async () => {
    await createFunction('fn');
    const hangzhou = fcClient(emu.current);
    expect(await captureError(hangzhou.listTriggers('fn', new $Fc.ListTriggersRequest({})))).toMatchObject({ statusCode: 404, code: 'FunctionNotFound' });
    expect(await captureError(hangzhou.getConcurrencyConfig('fn'))).toMatchObject({ statusCode: 404, code: 'FunctionNotFound' });
    const lister = fcClient(emu.current, userCredentials(emu.current, 'lister'), 'cn-shanghai');
    expect(await captureError(lister.listAliases('fn', new $Fc.ListAliasesRequest({})))).toMatchObject({ statusCode: 403, code: 'AccessDenied' });
  });
});
