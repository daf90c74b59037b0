/** Which limiter each cloud call goes through, and what counts as a throttling answer (src/cloud/call-limits.ts). */
import { ClientError, ThrottlingError } from '@alicloud/openapi-core';
import { isThrottlingAnswer, limiterFor, serviceOf } from '../../src/cloud/call-limits';
import type { CloudContext } from '../../src/cloud/clients';
import { DEPLOYER_ACTIONS } from '../../src/cloud/permissions';

function context(): CloudContext {
  return { credentials: { accessKeyId: 'AK', accessKeySecret: 'SK' }, accountId: '1234567890123456' };
}

describe('call limits', () => {
  it('knows the service of every API action the component calls', () => {
    const actions = new Set(Object.values(DEPLOYER_ACTIONS).flat().map((a) => a.split(':')[1] ?? a));
    actions.delete('PassRole'); // a permission UpdateFunction needs, not an API
    actions.add('ListPolicies'); // optional (did-you-mean hints), outside the permissions table
    expect([...actions].filter((a) => serviceOf(a) === undefined)).toEqual([]);
    expect(serviceOf('AttachPolicy')).toBe('rm');
    expect(serviceOf('AttachPolicyToRole')).toBe('ram');
    expect(serviceOf('UpdateFunction')).toBe('fc');
  });

  it('one limiter per product for the run, one per region for FC', () => {
    const ctx = context();
    expect(limiterFor(ctx, 'GetRole')).toBe(limiterFor({ ...ctx }, 'AttachPolicyToRole'));
    expect(limiterFor(ctx, 'GetFunction', 'cn-hangzhou')).toBe(limiterFor(ctx, 'UpdateFunction', 'cn-hangzhou'));
    expect(limiterFor(ctx, 'GetFunction', 'cn-hangzhou')).not.toBe(limiterFor(ctx, 'GetFunction', 'cn-shanghai'));
    expect(limiterFor(ctx, 'GetRole')).not.toBe(limiterFor(ctx, 'AttachPolicy'));
    expect(limiterFor(ctx, 'GetRole')).not.toBe(limiterFor(context(), 'GetRole'));
  });

  it.each([
    ['RPC 400 Throttling.User (the SDK ThrottlingError)', new ThrottlingError({ code: 'Throttling.User', statusCode: 400, message: 'Request was denied due to user flow control.' }), true],
    ['RPC 400 Throttling', new ThrottlingError({ code: 'Throttling', statusCode: 400, message: 'x' }), true],
    ['FC 429 ResourceThrottled', new ClientError({ code: 'ResourceThrottled', statusCode: 429, message: 'Request was throttled, please retry later.' }), true],
    ['FC 400 InvalidArgument', new ClientError({ code: 'InvalidArgument', statusCode: 400, message: 'x' }), false],
    ['RAM 404 EntityNotExist.Role', new ClientError({ code: 'EntityNotExist.Role', statusCode: 404, message: 'x' }), false],
    ['a message that merely mentions throttling', new Error('Throttling happened'), false],
  ])('%s', (_name, error, expected) => {
    expect(isThrottlingAnswer(error)).toBe(expected);
  });
});
