/** Error mapping on the SDK's real error classes (no emulator needed). */
import { ClientError, ServerError, ThrottlingError } from '@alicloud/openapi-core';
import { Fc3RoleError } from '../../src/errors';
import { toFc3RoleError } from '../../src/cloud/cloud-error';
import { requiredDeployerPolicy } from '../../src/cloud/permissions';

/** What openapi-core throws for an RPC error body (see docs: 4.3 exception mapping). */
function sdkError(status: number, body: { Code: string; Message: string; RequestId: string; AccessDeniedDetail?: object }): Error {
  const map = {
    statusCode: status,
    code: body.Code,
    message: `code: ${status}, ${body.Message} request id: ${body.RequestId}`,
    data: body,
    requestId: body.RequestId,
    accessDeniedDetail: body.AccessDeniedDetail,
  };
  if (body.Code.includes('Throttling')) return new ThrottlingError(map);
  return status >= 500 ? new ServerError(map) : new ClientError(map);
}

describe('toFc3RoleError', () => {
  test('names the action and the resource, keeps the cloud code and RequestId', () => {
    const e = toFc3RoleError(
      sdkError(409, { Code: 'EntityAlreadyExists.Role', Message: 'The role already exists.', RequestId: 'R-1' }),
      'CreateRole',
      'role fc-oss-writer',
    );
    expect(e).toBeInstanceOf(Fc3RoleError);
    expect(e.code).toBe('Conflict');
    expect(e.cloudCode).toBe('EntityAlreadyExists.Role');
    expect(e.requestId).toBe('R-1');
    expect(e.message.split('\n')[0]).toBe('CreateRole failed for role fc-oss-writer: The role already exists.');
    expect(e.cause).toBeInstanceOf(ClientError);
  });

  test.each([
    [404, 'EntityNotExist.Role', 'NotFound'],
    [404, 'FunctionNotFound', 'NotFound'],
    [400, 'InvalidParameter.RoleName.InvalidChars', 'InvalidArgument'],
    [400, 'MalformedPolicyDocument', 'InvalidArgument'],
    [400, 'InvalidArgument', 'InvalidArgument'],
    [409, 'DeleteConflict.Role.Policy', 'Conflict'],
    [400, 'Throttling.User', 'Throttled'],
    [503, 'ServiceUnavailable', 'ServiceUnavailable'],
    [500, 'InternalError', 'ServiceUnavailable'],
    [404, 'InvalidAccessKeyId.NotFound', 'InvalidCredentials'],
    [400, 'SignatureDoesNotMatch', 'InvalidCredentials'],
    [403, 'AccessDenied', 'PermissionDenied'],
    [418, 'Teapot', 'CloudError'],
  ])('HTTP %i %s -> %s', (status, code, expected) => {
    expect(toFc3RoleError(sdkError(status, { Code: code, Message: 'm', RequestId: 'R' }), 'GetRole', 'role r').code).toBe(expected);
  });

  test('PermissionDenied names the refused action and the resource, and hints the smallest policy', () => {
    const e = toFc3RoleError(
      sdkError(403, {
        Code: 'NoPermission',
        Message: 'You are not authorized to do this action.',
        RequestId: 'R-403',
        AccessDeniedDetail: { AuthAction: 'ram:CreateRole', AuthPrincipalDisplayName: 'deployer', NoPermissionType: 'ImplicitDeny' },
      }),
      'CreateRole',
      'role fc-oss-writer',
      { command: 'deploy' },
    );
    expect(e.code).toBe('PermissionDenied');
    expect(e.message).toContain('ram:CreateRole');
    expect(e.message).toContain('role fc-oss-writer');
    expect(e.message).toContain('deployer');
    expect(e.hint).toContain(JSON.stringify(requiredDeployerPolicy('deploy')));
  });

  test('PermissionDenied without AccessDeniedDetail still names the action from the call', () => {
    const e = toFc3RoleError(sdkError(403, { Code: 'AccessDenied', Message: 'denied', RequestId: 'R' }), 'UpdateFunction', 'function f (cn-hangzhou)', {
      command: 'remove',
    });
    expect(e.message).toContain('fc:UpdateFunction');
    expect(e.hint).toContain('"ram:DeleteRole"');
  });

  test.each([
    ['ECONNREFUSED', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })],
    ['ECONNRESET', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['ETIMEDOUT', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['read timeout', Object.assign(new Error('ReadTimeout(30000).'), { name: 'RequestTimeoutError' })],
  ])('%s -> NetworkError', (_label, err) => {
    const e = toFc3RoleError(err, 'GetRole', 'role r');
    expect(e.code).toBe('NetworkError');
    expect(e.message).toMatch(/^GetRole failed for role r: no answer from the cloud/);
  });

  test('an Fc3RoleError passes through unchanged', () => {
    const original = new Fc3RoleError('NotFound', 'x');
    expect(toFc3RoleError(original, 'GetRole', 'role r')).toBe(original);
  });

  test('every command has a deployer policy with Version 1', () => {
    for (const command of ['deploy', 'plan', 'info', 'remove', 'invoke'] as const) {
      const doc = requiredDeployerPolicy(command);
      expect(doc.Version).toBe('1');
      expect(doc.Statement[0].Action?.length).toBeGreaterThan(0);
    }
  });
});
