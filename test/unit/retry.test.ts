import { ClientError, ServerError, ThrottlingError } from '@alicloud/openapi-core';
import { Fc3RoleError } from '../../src/errors';
import { backoffDelay, isFcRoleNotAssumable, isRoleNotVisible, isTransient, withRetry, type RetryInfo } from '../../src/retry';
import { trustsService } from '../../src/apply/readiness';
import { trustPolicyForServices } from '../../src/policy';

/** A fake clock advanced only by the fake sleep: no real waiting, fully deterministic. */
function fakeTime(): { now: () => number; sleep: (ms: number) => Promise<void>; slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
  };
}

function failing(errors: unknown[], result = 'ok'): { fn: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    fn: async () => {
      const e = errors[calls++];
      if (e !== undefined) throw e;
      return result;
    },
    calls: () => calls,
  };
}

const throttled = (): ThrottlingError =>
  new ThrottlingError({ code: 'Throttling.User', statusCode: 400, message: 'Request was denied due to user flow control.' });
const denied = (): ClientError => new ClientError({ code: 'NoPermission', statusCode: 403, message: 'You are not authorized' });

describe('withRetry', () => {
  test('waits an exponentially growing, fully jittered delay between attempts', async () => {
    const time = fakeTime();
    const { fn, calls } = failing([throttled(), throttled(), throttled()]);
    const infos: RetryInfo[] = [];
    const result = await withRetry(fn, {
      retryable: isTransient,
      attempts: 5,
      baseDelayMs: 100,
      maxDelayMs: 10_000,
      random: () => 0.5,
      ...time,
      onRetry: (info) => infos.push(info),
    });
    expect(result).toBe('ok');
    expect(calls()).toBe(4);
    expect(time.slept).toEqual([50, 100, 200]);
    expect(infos.map((i) => [i.attempt, i.delayMs])).toEqual([
      [1, 50],
      [2, 100],
      [3, 200],
    ]);
  });

  test('caps each delay at maxDelayMs', () => {
    const top = () => 0.999999;
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 100, 500, top))).toEqual([99, 199, 399, 499, 499, 499]);
    expect(backoffDelay(3, 100, 500, () => 0)).toBe(0);
  });

  test('rethrows the last error once the attempts are used up', async () => {
    const time = fakeTime();
    const errors = [throttled(), throttled(), throttled(), throttled()];
    const { fn, calls } = failing(errors);
    await expect(withRetry(fn, { retryable: isTransient, attempts: 3, random: () => 0.5, ...time })).rejects.toBe(errors[2]);
    expect(calls()).toBe(3);
  });

  test('stops at once on a non-retryable error', async () => {
    const time = fakeTime();
    const e = denied();
    const { fn, calls } = failing([e]);
    await expect(withRetry(fn, { retryable: isTransient, attempts: 10, ...time })).rejects.toBe(e);
    expect(calls()).toBe(1);
    expect(time.slept).toEqual([]);
  });

  test('does not start a retry that would end past the deadline', async () => {
    const time = fakeTime();
    const { fn, calls } = failing(Array.from({ length: 20 }, throttled));
    await expect(
      withRetry(fn, { retryable: isTransient, attempts: 20, baseDelayMs: 1000, maxDelayMs: 1000, deadlineMs: 3500, random: () => 0.999, ...time }),
    ).rejects.toBeInstanceOf(ThrottlingError);
    expect(time.slept).toEqual([999, 999, 999]);
    expect(calls()).toBe(4);
  });

  test('attempts: 1 means no retry at all', async () => {
    const time = fakeTime();
    const { fn, calls } = failing([throttled()]);
    await expect(withRetry(fn, { retryable: () => true, attempts: 1, ...time })).rejects.toBeInstanceOf(ThrottlingError);
    expect(calls()).toBe(1);
  });
});

describe('isTransient', () => {
  test.each([
    ['ThrottlingError', throttled()],
    ['ServiceUnavailable 503', new ServerError({ code: 'ServiceUnavailable', statusCode: 503, message: 'x' })],
    ['InternalError 500', new ServerError({ code: 'InternalError', statusCode: 500, message: 'x' })],
    ['FC ResourceThrottled 429', new ClientError({ code: 'ResourceThrottled', statusCode: 429, message: 'x' })],
    ['ECONNRESET (socket hang up)', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
    ['ETIMEDOUT', Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' })],
    ['SDK read timeout', Object.assign(new Error('ReadTimeout(300).'), { name: 'RequestTimeoutError' })],
    ['mapped Throttled', new Fc3RoleError('Throttled', 'x', { cloudCode: 'Throttling' })],
  ])('retries %s', (_label, e) => {
    expect(isTransient(e)).toBe(true);
  });

  test.each([
    ['NoPermission 403', denied()],
    ['InvalidParameter 400', new ClientError({ code: 'InvalidParameter.RoleName.Length', statusCode: 400, message: 'x' })],
    ['EntityNotExist.Role 404', new ClientError({ code: 'EntityNotExist.Role', statusCode: 404, message: 'x' })],
    ['a message that merely mentions throttling', new Error('Throttling happened')],
    ['ECONNREFUSED (nothing listens)', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })],
    ['not an error', 'Throttling'],
  ])('does not retry %s', (_label, e) => {
    expect(isTransient(e)).toBe(false);
  });
});

describe('role visibility answers', () => {
  const notVisible = new ClientError({ code: 'EntityNotExist.Role', statusCode: 404, message: 'The role does not exist.' });
  const fcCannotAssume = new ClientError({ code: 'InvalidArgument', statusCode: 400, message: 'failed to assume role' });

  test('RM "not visible" and FC "cannot assume" are told apart, by code only', () => {
    expect(isRoleNotVisible(notVisible)).toBe(true);
    expect(isRoleNotVisible(new Fc3RoleError('NotFound', 'x', { cloudCode: 'EntityNotExists.Role' }))).toBe(true);
    expect(isRoleNotVisible(fcCannotAssume)).toBe(false);
    expect(isFcRoleNotAssumable(fcCannotAssume)).toBe(true);
    expect(isFcRoleNotAssumable(notVisible)).toBe(false);
  });

  test('never permission errors', () => {
    expect(isRoleNotVisible(denied())).toBe(false);
    expect(isFcRoleNotAssumable(denied())).toBe(false);
  });
});

describe('trustsService', () => {
  test('an Allow of sts:AssumeRole naming the service', () => {
    expect(trustsService(trustPolicyForServices(['fc.aliyuncs.com']))).toBe(true);
    expect(trustsService(trustPolicyForServices(['ecs.aliyuncs.com']))).toBe(false);
    expect(trustsService(trustPolicyForServices(['ecs.aliyuncs.com', 'FC.aliyuncs.com']))).toBe(true);
    const denyOnly = { Version: '1', Statement: [{ Effect: 'Deny' as const, Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }] };
    expect(trustsService(denyOnly)).toBe(false);
  });
});

describe('throttling is retried longer', () => {
  test('by default 12 calls while throttled, 6 for other transient errors', async () => {
    const time = { sleep: async () => undefined, now: () => 0, random: () => 0 };
    const throttled = failingWith(() => new ThrottlingError({ code: 'Throttling.User', message: 'denied', statusCode: 400 }));
    await expect(withRetry(throttled.fn, { retryable: isTransient, ...time })).rejects.toBeInstanceOf(ThrottlingError);
    expect(throttled.calls()).toBe(12);
    const unavailable = failingWith(() => Object.assign(new Error('busy'), { code: 'ServiceUnavailable', statusCode: 503 }));
    await expect(withRetry(unavailable.fn, { retryable: isTransient, ...time })).rejects.toThrow('busy');
    expect(unavailable.calls()).toBe(6);
  });
});

function failingWith(make: () => Error): { fn: () => Promise<never>; calls: () => number } {
  let calls = 0;
  return {
    fn: async () => {
      calls++;
      throw make();
    },
    calls: () => calls,
  };
}
