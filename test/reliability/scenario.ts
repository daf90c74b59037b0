/**
 * The reliability suite's shared scenario: one s.yaml that touches every write fc3-role makes (a new
 * role, a system and a custom policy at account scope, a system policy in a resource group, a function,
 * the service-linked role), the commands run in-process exactly as `s` runs them (validate, connect,
 * run), and the state of the cloud read back through the real SDKs. Not a test file itself.
 */
import * as $Fc from '@alicloud/fc20230330';
import * as $Ram from '@alicloud/ram20150501';
import * as $Rm from '@alicloud/resourcemanager20200331';
import type { Emulator } from '../../emulator';
import { createCloudContext } from '../../src/cloud/context';
import type { CloudContext } from '../../src/cloud/clients';
import { resolveEndpoint, validateProps } from '../../src/config';
import type { ResolvedConfig } from '../../src/config/types';
import { runDeploy } from '../../src/commands/deploy';
import { runRemove } from '../../src/commands/remove';
import type { ComponentLogger } from '../../src/logger';
import { parsePolicyDocument, serializePolicyDocument } from '../../src/policy';
import { fcClient, fcEndpointMap, ramClient, rmClient, rootCredentials } from '../helpers/clients';
import { createFunction } from '../integration/cloud-fixtures';

export const ROLE = 'rel-role';
export const CUSTOM = 'rel-writer';
export const FUNCTION = 'rel-fn';

export const statement = (bucket: string): Record<string, unknown> => ({ Effect: 'Allow', Action: ['oss:PutObject'], Resource: [`acs:oss:*:*:${bucket}/*`] });

/** The scenario's props; `bucket` changes the custom policy's document (one real change = one new version). */
export function scenarioProps(emu: Emulator, bucket = 'bucket-1'): Record<string, unknown> {
  const group = emu.state.getAccount(emu.accounts[0].id).rm.listResourceGroups()[0].id;
  return {
    region: 'cn-hangzhou',
    role: { name: ROLE },
    policies: ['AliyunOSSReadOnlyAccess', { name: CUSTOM, statements: [statement(bucket)] }, { name: 'AliyunLogReadOnlyAccess', resourceGroupId: group }],
    functions: [FUNCTION],
    serviceLinkedRole: true,
  };
}

export async function createScenarioFunction(emu: Emulator): Promise<void> {
  await createFunction(emu, FUNCTION);
}

export function configOf(props: Record<string, unknown>): ResolvedConfig {
  const { config, problems } = validateProps(props, { baseDir: __dirname });
  if (!config) throw new Error(`scenario props are invalid: ${JSON.stringify(problems)}`);
  return config;
}

/** Lines a command logged (kept to explain a failure). */
export function recordingLogger(): ComponentLogger & { lines: string[] } {
  const lines: string[] = [];
  const push = (m: string): void => {
    lines.push(m);
  };
  return { lines, info: push, warn: push, debug: push, error: push, write: push };
}

/** A context like `s` gives the component (root key, no AccountID: resolved by STS), with short retry waits. */
export async function contextFor(emu: Emulator, opts: { readTimeoutMs?: number } = {}): Promise<CloudContext> {
  return createCloudContext(
    { ...rootCredentials(emu) },
    {
      endpoint: resolveEndpoint(emu.endpoint),
      fcEndpoints: fcEndpointMap(emu),
      command: 'deploy',
      // Throttling windows are one second: retries spread over several of them (the default's shape, shorter).
      retry: { attempts: 6, throttledAttempts: 20, baseDelayMs: 100, maxDelayMs: 1000, deadlineMs: 30_000 },
      // Both timeouts, as the component sets them (src/cloud/clients.ts): on a reused keep-alive connection httpx's
      // read timer does not run, and the "connect" timeout (the socket's idle timeout) is what cuts a hung answer.
      ...(opts.readTimeoutMs ? { timeouts: { readMs: opts.readTimeoutMs, connectMs: opts.readTimeoutMs } } : {}),
    },
  );
}

export async function deploy(emu: Emulator, props: Record<string, unknown>, opts: { readTimeoutMs?: number } = {}): Promise<void> {
  const logger = recordingLogger();
  try {
    await runDeploy(await contextFor(emu, opts), configOf(props), logger, 'fn-role', { assumeYes: true });
  } catch (e) {
    throw new Error(`deploy failed: ${(e as Error).message}\n--- log\n${logger.lines.join('\n')}`);
  }
}

export async function remove(emu: Emulator, props: Record<string, unknown>, opts: { readTimeoutMs?: number } = {}): Promise<void> {
  const logger = recordingLogger();
  try {
    await runRemove(await contextFor(emu, opts), configOf(props), logger, { force: false, assumeYes: true, resourceName: 'fn-role' });
  } catch (e) {
    throw new Error(`remove failed: ${(e as Error).message}\n--- log\n${logger.lines.join('\n')}`);
  }
}

export interface CloudState {
  role?: { trust: string; tags: string[] };
  /** `Type:Name@scope` of every grant of the role (RAM account scope and Resource Manager, all groups). */
  grants: string[];
  /** The custom policy: its version ids (`v2*` = default) and the default document, normalized. */
  policy?: { versions: string[]; document: string };
  functionRole: string;
  serviceLinkedRole: boolean;
}

function code(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null ? (e as { code?: string }).code : undefined;
}

async function orUndefined<T>(call: Promise<T>, absent: string): Promise<T | undefined> {
  try {
    return await call;
  } catch (e) {
    if (code(e) === absent) return undefined;
    throw e;
  }
}

/** The state of everything the scenario touches, read through the real SDK clients as root. */
export async function cloudState(emu: Emulator): Promise<CloudState> {
  const ram = ramClient(emu);
  const account = emu.accounts[0].id;
  const role = await orUndefined(ram.getRole(new $Ram.GetRoleRequest({ roleName: ROLE })), 'EntityNotExist.Role');
  const state: CloudState = { role: undefined, grants: [], policy: undefined, functionRole: '', serviceLinkedRole: false };
  if (role) {
    const tags = await ram.listTagResources(new $Ram.ListTagResourcesRequest({ resourceType: 'role', resourceNames: [ROLE] }));
    const trust = parsePolicyDocument(role.body?.role?.assumeRolePolicyDocument ?? '', { kind: 'trust' }).document;
    state.role = {
      trust: trust ? serializePolicyDocument(trust) : 'unreadable',
      tags: (tags.body?.tagResources ?? []).map((t) => `${t.tagKey}=${t.tagValue}`).sort(),
    };
    const rm = await rmClient(emu).listPolicyAttachments(
      new $Rm.ListPolicyAttachmentsRequest({ principalType: 'ServiceRole', principalName: `${ROLE}@role.${account}.onaliyunservice.com`, pageSize: 100 }),
    );
    state.grants = (rm.body?.policyAttachments?.policyAttachment ?? [])
      .map((a) => `${a.policyType}:${a.policyName}@${a.resourceGroupId === account ? 'account' : a.resourceGroupId}`)
      .sort();
  }
  const versions = await orUndefined(ram.listPolicyVersions(new $Ram.ListPolicyVersionsRequest({ policyName: CUSTOM, policyType: 'Custom' })), 'EntityNotExist.Policy');
  if (versions) {
    const list = versions.body?.policyVersions?.policyVersion ?? [];
    const current = list.find((v) => v.isDefaultVersion);
    const doc = parsePolicyDocument(current?.policyDocument ?? '', { kind: 'permission' }).document;
    state.policy = { versions: list.map((v) => `${v.versionId}${v.isDefaultVersion ? '*' : ''}`).sort(), document: doc ? serializePolicyDocument(doc) : 'unreadable' };
  }
  const fn = await fcClient(emu).getFunction(FUNCTION, new $Fc.GetFunctionRequest({}));
  state.functionRole = fn.body?.role ?? '';
  state.serviceLinkedRole = (await orUndefined(ram.getRole(new $Ram.GetRoleRequest({ roleName: 'AliyunServiceRoleForFC' })), 'EntityNotExist.Role')) !== undefined;
  return state;
}

/** The state after a clean deploy of `scenarioProps(emu, bucket)` from nothing (versions: the one v1). */
export function deployedState(emu: Emulator, bucket = 'bucket-1', versions = ['v1*']): Partial<CloudState> {
  const account = emu.accounts[0].id;
  const group = emu.state.getAccount(account).rm.listResourceGroups()[0].id;
  const doc = parsePolicyDocument({ Version: '1', Statement: [statement(bucket)] }, { kind: 'permission' }).document;
  return {
    grants: [`Custom:${CUSTOM}@account`, `System:AliyunLogReadOnlyAccess@${group}`, 'System:AliyunOSSReadOnlyAccess@account'].sort(),
    policy: { versions, document: doc ? serializePolicyDocument(doc) : '' },
    functionRole: `acs:ram::${account}:role/${ROLE}`,
    serviceLinkedRole: true,
  };
}

/** After remove: no role, no custom policy, the function without a role (the service-linked role stays). */
export const removedState: Partial<CloudState> = { role: undefined, grants: [], policy: undefined, functionRole: '' };

/** The role's tags once deployed: created, three attachment marks, the function record. */
export function expectDeployedTags(state: CloudState): void {
  const keys = (state.role?.tags ?? []).map((t) => t.split('=')[0]);
  if (keys.length !== 5 || !keys.includes('fc3-role:created') || !keys.includes('fc3-role:functions') || keys.filter((k) => k.startsWith('fc3-role:att:')).length !== 3) {
    throw new Error(`unexpected role tags: ${JSON.stringify(state.role?.tags)}`);
  }
}
