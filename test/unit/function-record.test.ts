/** The record of the functions fc3-role set the role on: one tag value within RAM's 256 characters, exact when it fits, else a Bloom filter. */
import { decodeFunctionRecord, encodeFunctionRecord, type FunctionRef } from '../../src/cloud/function-record';
import { planDeploy } from '../../src/plan';
import type { DesiredState, ObservedState } from '../../src/model';
import { trustPolicyForServices } from '../../src/policy';

const fns = (n: number, prefix = 'fn'): FunctionRef[] => Array.from({ length: n }, (_, i) => ({ region: i % 2 ? 'cn-shanghai' : 'cn-hangzhou', name: `${prefix}-${i}` }));

describe('function record', () => {
  it.each([1, 5, 20, 100, 300])('%i functions: at most 256 characters, every member found, deterministic', (n) => {
    const members = fns(n);
    const value = encodeFunctionRecord(members);
    expect(value.length).toBeLessThanOrEqual(256);
    expect(value).toMatch(n <= 5 ? /^e1:[A-Za-z0-9_@:-]+$/ : /^v1\.\d{1,2}\.[A-Za-z0-9_-]+$/);
    expect(encodeFunctionRecord([...members].reverse())).toBe(value);
    const record = decodeFunctionRecord(value);
    for (const f of members) expect(record?.has(f)).toBe(true);
  });

  it('says "member" for few non-members: under 1% at 100 functions', () => {
    const record = decodeFunctionRecord(encodeFunctionRecord(fns(100)));
    const strangers = fns(2000, 'stranger');
    const falsePositives = strangers.filter((f) => record?.has(f)).length;
    expect(falsePositives).toBeLessThan(20);
    // The region is part of the identity.
    expect(decodeFunctionRecord(encodeFunctionRecord([{ region: 'cn-hangzhou', name: 'a' }]))?.has({ region: 'cn-beijing', name: 'a' })).toBe(false);
  });

  it('exact while the list fits one tag value: no false "member" at all; the Bloom filter beyond', () => {
    const few = [{ region: 'cn-hangzhou', name: 'b' }, { region: 'cn-shanghai', name: 'a' }, { region: 'cn-hangzhou', name: 'a' }];
    expect(encodeFunctionRecord(few)).toBe('e1:a@cn-hangzhou:a@cn-shanghai:b@cn-hangzhou');
    const record = decodeFunctionRecord(encodeFunctionRecord(fns(5)));
    expect(fns(2000, 'stranger').filter((f) => record?.has(f))).toEqual([]);
    expect(record?.has({ region: 'cn-beijing', name: 'fn-0' })).toBe(false);
    // The longest list that fits is exact; one more function and it is a Bloom filter, still within 256 characters.
    const long = (n: number): FunctionRef[] => Array.from({ length: n }, (_, i) => ({ region: 'cn-hangzhou', name: `f${String(i).padStart(2, '0')}${'x'.repeat(100)}` }));
    expect(encodeFunctionRecord(long(2))).toMatch(/^e1:/);
    expect(encodeFunctionRecord(long(3))).toMatch(/^v1\./);
    expect(encodeFunctionRecord(long(3)).length).toBeLessThanOrEqual(256);
  });

  it('an unreadable or missing tag says nothing', () => {
    for (const value of [undefined, '', 'v2.3.AAAA', 'v1.0.AAAA', 'v1.3.AAA', 'v1.3.AA*A', 'e1:', 'e1:a', 'e1:a@b:', 'e2:a@b']) expect(decodeFunctionRecord(value)).toBeUndefined();
  });

  describe('planning', () => {
    const trust = trustPolicyForServices(['fc.aliyuncs.com']);
    const arn = 'acs:ram::1234567890123456:role/r';
    const desired = (functions: FunctionRef[]): DesiredState => ({ role: { name: 'r', trustPolicy: trust }, policies: [], functions, serviceLinkedRole: false });
    const observed = (tags: Record<string, string>, functions: FunctionRef[]): ObservedState => ({
      accountId: '1234567890123456',
      role: { name: 'r', arn, roleId: '1', description: '', trustPolicy: trust, maxSessionDuration: 3600, tags },
      attachments: [],
      customPolicies: {},
      systemPolicies: {},
      functions: functions.map((f) => ({ ...f, role: arn })),
    });

    it('is written last, after the function roles; nothing when it is already right', () => {
      const three = fns(3);
      const changes = planDeploy(desired(three), { ...observed({ 'fc3-role:created': 'true' }, three), functions: three.map((f) => ({ ...f, role: '' })) });
      expect(changes.map((c) => c.kind)).toEqual(['setFunctionRole', 'setFunctionRole', 'setFunctionRole', 'recordFunctions']);
      expect(planDeploy(desired(three), observed({ 'fc3-role:created': 'true', 'fc3-role:functions': encodeFunctionRecord(three) }, three))).toEqual([]);
    });

    it('never takes the last tag a role has room for, and gives its place up to an ownership mark', () => {
      const full = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`user-${i}`, 'x']));
      expect(planDeploy(desired(fns(1)), observed(full, fns(1)))).toEqual([]);
      const withRecord = { ...Object.fromEntries(Array.from({ length: 19 }, (_, i) => [`user-${i}`, 'x'])), 'fc3-role:functions': encodeFunctionRecord(fns(1)) };
      const needsMark = { ...desired(fns(1)), policies: [{ type: 'System' as const, name: 'AliyunOSSFullAccess', scope: { kind: 'account' as const } }] };
      const changes = planDeploy(needsMark, { ...observed(withRecord, fns(1)), systemPolicies: { aliyunossfullaccess: 'AliyunOSSFullAccess' } });
      expect(changes).toEqual([
        { kind: 'attachPolicy', policyType: 'System', policyName: 'AliyunOSSFullAccess', scope: { kind: 'account' } },
        { kind: 'recordFunctions', functions: 0 },
      ]);
    });
  });
});
