/**
 * planDeploy and findDeployBlockers: role fields managed only when declared, detaches before attaches,
 * and the 20-tag limit of a role checked before any write.
 */
import type { DesiredState, ObservedAttachment, ObservedState } from '../../src/model';
import { findDeployBlockers, planDeploy } from '../../src/plan';
import { countRoleTagsAfter, MAX_ROLE_TAGS } from '../../src/plan/blockers';
import { attachmentTag } from '../../src/cloud/ownership';
import { trustPolicyForServices } from '../../src/policy';

const ACCOUNT = '1234567890';
const ARN = `acs:ram::${ACCOUNT}:role/r`;
const FC_TRUST = trustPolicyForServices(['fc.aliyuncs.com']);
const account = { kind: 'account' } as const;

const system = (n: number): string => `AliyunSys${n}Access`;

function desired(over: Partial<DesiredState> = {}): DesiredState {
  return { role: { name: 'r', trustPolicy: FC_TRUST }, policies: [], functions: [], serviceLinkedRole: false, ...over };
}

function observed(over: Partial<ObservedState> = {}, tags: Record<string, string> = { 'fc3-role:created': 'true' }): ObservedState {
  return {
    accountId: ACCOUNT,
    role: { name: 'r', arn: ARN, roleId: '1', description: 'theirs', trustPolicy: FC_TRUST, maxSessionDuration: 7200, tags },
    attachments: [],
    customPolicies: {},
    systemPolicies: Object.fromEntries(Array.from({ length: 25 }, (_, i) => [system(i).toLowerCase(), system(i)])),
    functions: [],
    ...over,
  };
}

const ours = (n: number): ObservedAttachment => ({ type: 'System', name: system(n), scope: account, attachedByUs: true });
const marks = (ns: number[]): Record<string, string> =>
  Object.assign({ 'fc3-role:created': 'true' }, ...ns.map((n) => attachmentTag({ policyType: 'System', policyName: system(n), scope: account })));
const declare = (ns: number[]): DesiredState['policies'] => ns.map((n) => ({ type: 'System', name: system(n), scope: account }));
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('role description and maxSessionDuration are managed only when declared', () => {
  it('leaves an existing role\'s own description and session duration alone when s.yaml does not declare them', () => {
    expect(planDeploy(desired(), observed())).toEqual([]);
  });

  it('repairs them when declared', () => {
    const d = desired({ role: { name: 'r', trustPolicy: FC_TRUST, description: 'mine', maxSessionDuration: 3600 } });
    expect(planDeploy(d, observed())).toEqual([{ kind: 'updateRole', roleName: 'r', description: 'mine', maxSessionDuration: 3600 }]);
  });

  it('never plans an empty description: RAM cannot clear one (NewDescription is 1 to 1,024 characters)', () => {
    const d = desired({ role: { name: 'r', trustPolicy: FC_TRUST, description: '' } });
    expect(planDeploy(d, observed())).toEqual([]);
  });

  it('creates a new role with what is declared (defaults are CreateRole\'s)', () => {
    const d = desired();
    expect(planDeploy(d, { ...observed(), role: undefined })).toEqual([{ kind: 'createRole', role: { name: 'r', trustPolicy: FC_TRUST } }]);
  });
});

describe('attachment order', () => {
  it('detaches (and forgets marks) before it attaches, so marks are freed before new ones are added', () => {
    const o = observed({ attachments: [ours(1), ours(2)], ownershipMarksWithoutAttachment: [{ policyType: 'System', policyName: system(9), scope: account }] }, marks([1, 2, 9]));
    expect(planDeploy(desired({ policies: declare([3, 1]) }), o).map((c) => c.kind)).toEqual(['detachPolicy', 'forgetAttachment', 'attachPolicy']);
  });
});

describe('the 20-tag limit of a role', () => {
  it('counts tags after the plan: existing + new marks - removed marks', () => {
    const o = observed({ attachments: range(0, 18).map(ours) }, marks(range(0, 18)));
    const swap = desired({ policies: declare([...range(3, 18), 18, 19, 20]) });
    expect(countRoleTagsAfter(o, planDeploy(swap, o))).toEqual({ existing: 19, added: 3, removed: 3, kept: 0, after: 19 });
    expect(findDeployBlockers(swap, o)).toEqual([]);
  });

  it('blocks before any write when the role would carry more than 20 tags, saying how many', () => {
    const tags = { ...marks(range(0, 16)), team: 'data', owner: 'me', cost: 'x' };
    const o = observed({ attachments: range(0, 16).map(ours) }, tags);
    const blockers = findDeployBlockers(desired({ policies: declare(range(0, 18)) }), o);
    expect(blockers).toEqual([
      expect.objectContaining({ subject: 'role r', message: expect.stringMatching(/would carry 22 tags after this deploy, and RAM allows 20 \(20 now, \+2 ownership marks/) }),
    ]);
    expect(MAX_ROLE_TAGS).toBe(20);
  });

  it('counts a new role as carrying its created tag: 19 attachments fit, 20 do not', () => {
    const none = { ...observed(), role: undefined };
    expect(findDeployBlockers(desired({ policies: declare(range(0, 19)) }), none)).toEqual([]);
    expect(findDeployBlockers(desired({ policies: declare(range(0, 20)) }), none)[0].message).toMatch(/would carry 21 tags/);
  });

  it('does not block a plan that adds no mark, even on a role already over the limit', () => {
    const tags = { ...marks([0]), ...Object.fromEntries(range(0, 20).map((i) => [`k${i}`, 'v'])) };
    expect(findDeployBlockers(desired({ policies: declare([0]) }), observed({ attachments: [ours(0)] }, tags))).toEqual([]);
  });
});
