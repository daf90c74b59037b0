/**
 * Shared setup for the cloud/observe/apply suites: a CloudContext on the emulator, a desired state
 * built by hand (independent of src/config), and functions created through the real FC client.
 * Not a test file itself.
 */
import AdmZip from 'adm-zip';
import { CreateFunctionInput, CreateFunctionRequest, InputCodeLocation } from '@alicloud/fc20230330';
import type { Emulator } from '../../emulator';
import type { CloudContext } from '../../src/cloud/clients';
import type { DesiredState, PolicyDocument } from '../../src/model';
import { fcClient, fcEndpointMap, rootCredentials, userCredentials, type TestCredentials } from '../helpers/clients';

export const FC_TRUST: PolicyDocument = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }],
};

export const OSS_WRITER: PolicyDocument = {
  Version: '1',
  Statement: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }],
};

/** Fast retries for tests: transient errors retried quickly, at most 4 calls. */
export function testContext(emu: Emulator, creds: TestCredentials = rootCredentials(emu)): CloudContext {
  const account = emu.accounts[0];
  return {
    credentials: { ...creds, accountId: account.id },
    accountId: account.id,
    endpoint: { host: emu.host, protocol: 'http' },
    fcEndpoints: fcEndpointMap(emu),
    // The deadline is a hang guard: attempts bound the retries (a busy machine may spend seconds on one call).
    retry: { attempts: 4, baseDelayMs: 20, maxDelayMs: 50, deadlineMs: 300_000 },
  };
}

export function userContext(emu: Emulator, userName: string): CloudContext {
  return testContext(emu, userCredentials(emu, userName));
}

/** The id of the seeded resource group named `name` (the emulator seeds 'default' and 'test'). */
export function resourceGroupId(emu: Emulator, name = 'test'): string {
  const account = emu.state.getAccount(emu.accounts[0].id);
  const group = account.rm.listResourceGroups().find((g) => g.name === name);
  if (!group) throw new Error(`no resource group ${name}`);
  return group.id;
}

export function desiredState(overrides: Partial<DesiredState> = {}): DesiredState {
  return {
    role: { name: 'fc-oss-writer', description: 'Lets my function write to OSS', trustPolicy: FC_TRUST, maxSessionDuration: 3600 },
    policies: [],
    functions: [],
    serviceLinkedRole: false,
    ...overrides,
  };
}

export async function createFunction(emu: Emulator, name: string, region = 'cn-hangzhou', role?: string): Promise<void> {
  const zip = new AdmZip();
  zip.addFile('index.js', Buffer.from('exports.handler = async () => "ok";'));
  const input = new CreateFunctionInput({
    functionName: name,
    runtime: 'nodejs20',
    handler: 'index.handler',
    code: new InputCodeLocation({ zipFile: zip.toBuffer().toString('base64') }),
    ...(role ? { role } : {}),
  });
  await fcClient(emu, rootCredentials(emu), region).createFunction(new CreateFunctionRequest({ body: input }));
}
