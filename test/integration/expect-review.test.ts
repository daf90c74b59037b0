/**
 * The least-privilege review of plan and deploy against the emulator through the real SDK clients: the role
 * as deploy would leave it (declared policies, documents from s.yaml or RAM, attachments others made), each
 * system policy read once, resource-group grants, and nothing written when an expectation is not met.
 */
import * as $Ram from '@alicloud/ram20150501';
import { observe } from '../../src/apply/observe';
import type { ResolvedConfig } from '../../src/config/types';
import type { Expectation } from '../../src/expect/expectation';
import { reviewPermissions } from '../../src/expect/review';
import type { ComponentLogger } from '../../src/logger';
import type { DesiredPolicy } from '../../src/model';
import { ramClient } from '../helpers/clients';
import { Fc3RoleError } from '../../src/errors';
import { useEmulator } from '../helpers/emulator';
import { desiredState, FC_TRUST, resourceGroupId, testContext } from './cloud-fixtures';

const emu = useEmulator();

const PUT: Expectation = { action: 'oss:PutObject', resource: 'acs:oss:*:*:my-bucket/*', path: 'props.expect[0]' };
const GET: Expectation = { action: 'oss:GetObject', resource: 'acs:oss:*:*:my-bucket/*', path: 'props.expect[1]' };
const ACCOUNT = { kind: 'account' as const };

/** The Fc3RoleError `promise` rejects with; fails when it resolves or throws something else. */
async function expectRejection(promise: Promise<unknown>, fields: { code: string }): Promise<Fc3RoleError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(Fc3RoleError);
  expect(err).toMatchObject(fields);
  return err as Fc3RoleError;
}

function recorder(): ComponentLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (level: string) => (msg: string) => lines.push(`${level} ${msg}`);
  return { lines, info: push('info'), warn: push('warn'), debug: push('debug'), error: push('error'), write: push('write') };
}

async function review(policies: DesiredPolicy[], expectations: Expectation[], strict = false) {
  const ctx = testContext(emu.current);
  const config: ResolvedConfig = {
    region: 'cn-hangzhou',
    desired: desiredState({ policies, functions: [{ name: 'f', region: 'cn-hangzhou' }] }),
    invoke: {},
    expectations,
    baseDir: __dirname,
  };
  const logger = recorder();
  const observed = await observe(ctx, config.desired);
  const result = reviewPermissions(ctx, config, observed, logger, { action: 'Deploy', strict });
  return { result, logger };
}

test('met by a system policy: each system policy read once (observe and review share it); a full-access suggestion; no writes', async () => {
  const { result, logger } = await review([{ type: 'System', name: 'aliyunossfullaccess', scope: ACCOUNT }], [PUT, GET]);
  const outcome = await result;
  expect(outcome.results.map((r) => r.verdict.outcome)).toEqual(['allowed', 'allowed']);
  expect(logger.lines).toContainEqual(expect.stringMatching(/^write {3}met: oss:PutObject on acs:oss:\*:\*:my-bucket\/\* \(props\.expect\[0\]\): allowed: by AliyunOSSFullAccess statement 1 \(System, account scope\)$/));
  expect(outcome.findings.map((f) => f.code)).toEqual(['FullAccessPolicy']);
  expect(logger.lines).toContainEqual('write           Action: ["oss:GetObject", "oss:PutObject"]');
  expect(emu.current.requests.count({ action: 'GetPolicy' })).toBe(1);
  expect(emu.current.requests.writes()).toEqual([]);
});

test('not met: ExpectationNotMet names the expectation and what is missing; nothing written', async () => {
  const { result } = await review([{ type: 'System', name: 'AliyunOSSReadOnlyAccess', scope: ACCOUNT }], [PUT, GET]);
  const err = await expectRejection(result, { code: 'ExpectationNotMet' });
  expect(err.message).toContain('Deploy stopped before any change: 1 of 2 expectations is not met by role fc-oss-writer');
  expect(err.message).toContain('NOT MET: oss:PutObject on acs:oss:*:*:my-bucket/* (props.expect[0]): denied: no policy allows it; missing: an Allow of oss:PutObject on acs:oss:*:*:my-bucket/* at account scope');
  expect(emu.current.requests.writes()).toEqual([]);
});

test('a custom policy defined in s.yaml is evaluated before it exists; its explicit Deny is named', async () => {
  const document = {
    Version: '1',
    Statement: [
      { Effect: 'Allow' as const, Action: ['oss:*'], Resource: ['acs:oss:*:*:my-bucket/*'] },
      { Effect: 'Deny' as const, Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] },
    ],
  };
  const { result } = await review([{ type: 'Custom', name: 'mine', scope: ACCOUNT, document, description: '' }], [PUT]);
  const err = await expectRejection(result, { code: 'ExpectationNotMet' });
  expect(err.message).toContain('explicitly denied by mine statement 2 (Custom, account scope)');
  expect(err.message).toContain('missing: remove or narrow the Deny');
});

test('only in a resource group: uncertain, a warning; --strict makes it an error before any write', async () => {
  const rg = resourceGroupId(emu.current);
  const policies: DesiredPolicy[] = [{ type: 'System', name: 'AliyunOSSFullAccess', scope: { kind: 'resourceGroup', resourceGroupId: rg } }];
  const { result, logger } = await review(policies, [PUT]);
  expect((await result).results[0].verdict).toMatchObject({ outcome: 'allowedInResourceGroups', groups: [rg] });
  expect(logger.lines).toContainEqual(expect.stringContaining(`uncertain: oss:PutObject on acs:oss:*:*:my-bucket/* (props.expect[0]): allowed only if the resource is in resource group ${rg}`));
  const strict = await review(policies, [PUT], true);
  const err = await expectRejection(strict.result, { code: 'StrictCheckFailed' });
  expect(err.message).toContain(`allowed only if the resource is in resource group ${rg}`);
  expect(emu.current.requests.writes()).toEqual([]);
});

test('attachments someone else made stay after deploy and count (their documents read from RAM)', async () => {
  const ram = ramClient(emu.current);
  await ram.createRole(new $Ram.CreateRoleRequest({ roleName: 'fc-oss-writer', assumeRolePolicyDocument: JSON.stringify(FC_TRUST) }));
  const document = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: 'acs:oss:*:*:my-bucket/*' }] };
  await ram.createPolicy(new $Ram.CreatePolicyRequest({ policyName: 'team-writer', policyDocument: JSON.stringify(document) }));
  await ram.attachPolicyToRole(new $Ram.AttachPolicyToRoleRequest({ roleName: 'fc-oss-writer', policyType: 'Custom', policyName: 'team-writer' }));
  emu.current.requests.clear();
  const { result } = await review([], [PUT]);
  expect((await result).results[0].verdict.everywhere.allowedBy).toEqual([expect.objectContaining({ policyName: 'team-writer', policyType: 'Custom' })]);
  expect(emu.current.requests.writes()).toEqual([]);
});

test('without expectations nothing extra is read', async () => {
  const { result } = await review([{ type: 'System', name: 'AliyunOSSFullAccess', scope: ACCOUNT }], []);
  expect(await result).toEqual({ results: [], findings: [], unreadable: [] });
  expect(emu.current.requests.count({ action: 'GetPolicy' })).toBe(1);
});
