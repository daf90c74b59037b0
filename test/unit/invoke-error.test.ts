import { toInvokeError } from '../../src/invoke/invoke-error';
import type { InvocationPlan } from '../../src/invoke/types';

const plan: InvocationPlan = { functionName: 'fn', region: 'cn-shanghai', qualifier: 'LATEST', invocationType: 'Sync' };

/** Shaped like openapi-core's ClientError (code, statusCode, data). */
function cloudError(code: string, statusCode: number): Error {
  return Object.assign(new Error(`code: ${statusCode}, ${code}`), {
    name: 'ClientError',
    code,
    statusCode,
    data: { Code: code, Message: `${code} message`, RequestId: '1-abc' },
  });
}

describe('toInvokeError', () => {
  it('FunctionNotFound: NotFound naming function and region, hint to check or deploy', () => {
    const e = toInvokeError(cloudError('FunctionNotFound', 404), plan, 10);
    expect(e.code).toBe('NotFound');
    expect(e.cloudCode).toBe('FunctionNotFound');
    expect(e.requestId).toBe('1-abc');
    expect(e.message).toMatch(/InvokeFunction failed for function fn in cn-shanghai/);
    expect(e.hint).toMatch(/--function-name.*--region/);
    expect(e.hint).toContain('deploy');
  });

  it('permission: PermissionDenied whose hint names fc:InvokeFunction', () => {
    const e = toInvokeError(cloudError('AccessDenied', 403), plan, 10);
    expect(e.code).toBe('PermissionDenied');
    expect(e.message).toContain('fc:InvokeFunction');
  });

  it('throttling: Throttled, retry later', () => {
    const e = toInvokeError(cloudError('ResourceThrottled', 429), plan, 10);
    expect(e.code).toBe('Throttled');
    expect(e.hint).toContain('retry later');
  });

  it('a client read timeout: InvokeTimedOut pointing at --timeout', () => {
    const e = toInvokeError(Object.assign(new Error('ReadTimeout: 1000'), { name: 'RequestTimeoutError' }), plan, 1);
    expect(e.code).toBe('InvokeTimedOut');
    expect(e.message).toContain('1 s');
    expect(e.hint).toContain('--timeout');
  });

  it('GetFunction failures are named as such', () => {
    expect(toInvokeError(cloudError('FunctionNotFound', 404), plan, undefined).message).toMatch(/^GetFunction failed/);
  });
});
