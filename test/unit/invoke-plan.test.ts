import { planInvocation, parseInvocationType, parseTimeout } from '../../src/invoke/plan';
import { isFc3RoleError } from '../../src/errors';

const fns = [
  { name: 'a', region: 'cn-hangzhou' },
  { name: 'b', region: 'cn-shanghai' },
];

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return isFc3RoleError(e) ? e.code : 'not-fc3role';
  }
  return undefined;
}

describe('planInvocation', () => {
  it('takes the only declared function, its region and the defaults', () => {
    expect(planInvocation({ declaredFunctions: [fns[1]!], propsRegion: 'cn-hangzhou' })).toEqual({
      functionName: 'b',
      region: 'cn-shanghai',
      qualifier: 'LATEST',
      invocationType: 'Sync',
    });
  });

  it('lists the declared functions when several exist and none is chosen', () => {
    try {
      planInvocation({ declaredFunctions: fns, propsRegion: 'cn-hangzhou' });
      throw new Error('expected a throw');
    } catch (e) {
      expect(isFc3RoleError(e, 'InvalidInvokeArguments')).toBe(true);
      expect((e as Error).message).toContain('a, b');
      expect((e as Error).message).toContain('--function-name');
    }
  });

  it('prefers --function-name over props.invoke.function, and --region over the declared region', () => {
    const plan = planInvocation({ declaredFunctions: fns, propsFunction: 'a', flagFunctionName: 'b', flagRegion: 'cn-beijing' });
    expect(plan.functionName).toBe('b');
    expect(plan.region).toBe('cn-beijing');
  });

  it('uses props.invoke.function with its declared region', () => {
    expect(planInvocation({ declaredFunctions: fns, propsFunction: 'b', propsRegion: 'cn-hangzhou' }).region).toBe('cn-shanghai');
  });

  it('falls back to props.region for an undeclared function', () => {
    expect(planInvocation({ declaredFunctions: fns, flagFunctionName: 'zzz', propsRegion: 'cn-hangzhou' }).region).toBe('cn-hangzhou');
  });

  it('works in s cli mode with flags alone, and needs a region', () => {
    expect(planInvocation({ declaredFunctions: [], flagFunctionName: 'f', flagRegion: 'cn-hangzhou' }).functionName).toBe('f');
    expect(codeOf(() => planInvocation({ declaredFunctions: [], flagFunctionName: 'f' }))).toBe('InvalidInvokeArguments');
    expect(codeOf(() => planInvocation({ declaredFunctions: [], flagRegion: 'cn-hangzhou' }))).toBe('InvalidInvokeArguments');
  });

  it('carries qualifier, async task id and timeout', () => {
    const plan = planInvocation({
      declaredFunctions: [],
      flagFunctionName: 'f',
      flagRegion: 'cn-hangzhou',
      flagQualifier: 'prod',
      flagInvocationType: 'ASYNC',
      flagAsyncTaskId: 'task-1',
      flagTimeout: '12',
    });
    expect(plan).toEqual({
      functionName: 'f',
      region: 'cn-hangzhou',
      qualifier: 'prod',
      invocationType: 'Async',
      asyncTaskId: 'task-1',
      timeoutSeconds: 12,
    });
  });
});

describe('flag parsing', () => {
  it('reads the invocation type case-insensitively', () => {
    expect(parseInvocationType(undefined)).toBe('Sync');
    expect(parseInvocationType('sync')).toBe('Sync');
    expect(parseInvocationType('Async')).toBe('Async');
    expect(codeOf(() => parseInvocationType('event'))).toBe('InvalidInvokeArguments');
  });

  it('reads the timeout in seconds', () => {
    expect(parseTimeout(undefined)).toBeUndefined();
    expect(parseTimeout(7)).toBe(7);
    expect(parseTimeout('2.5')).toBe(2.5);
    expect(codeOf(() => parseTimeout('0'))).toBe('InvalidInvokeArguments');
    expect(codeOf(() => parseTimeout('soon'))).toBe('InvalidInvokeArguments');
  });
});
