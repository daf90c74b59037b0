/**
 * The seed scenario, the same on every target (test/helpers/target.ts): a function that writes to OSS
 * with its role's credentials; `s deploy` gives the role AliyunOSSFullAccess and sets it on the
 * function; `s plan` then shows nothing to do; `s info` shows the role; `s invoke` writes the object;
 * `s remove` takes the role back. Names are unique per run; everything the scenario made is cleaned up
 * in `finally`, even when a step fails. Not a test file itself: test/e2e/seed-scenario.test.ts runs it
 * on the emulator, test/live/seed-scenario.live.ts on Alibaba Cloud.
 */
import { randomBytes } from 'crypto';
import { readFileSync, rmSync } from 'fs';
import { join } from 'path';
import AdmZip from 'adm-zip';
import { CreateFunctionInput, CreateFunctionRequest, GetFunctionRequest, InputCodeLocation } from '@alicloud/fc20230330';
import {
  DeleteRoleRequest,
  DetachPolicyFromRoleRequest,
  GetRoleRequest,
  ListPoliciesForRoleRequest,
} from '@alicloud/ram20150501';
import { REPO_ROOT, parseJsonOutput, type SResult } from '../helpers/s-cli';
import { roleProject } from '../e2e/harness';
import type { Target } from '../helpers/target';

export interface ScenarioNames {
  role: string;
  fn: string;
  object: string;
}

export function uniqueNames(): ScenarioNames {
  const suffix = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
  return { role: `fc3-role-seed-${suffix}`, fn: `fc3_role_seed_${suffix.replace(/-/g, '_')}`, object: `fc3-role-seed-${suffix}.txt` };
}

function ok(r: SResult, step: string): SResult {
  if (r.code !== 0) throw new Error(`${step} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  return r;
}

function json(r: SResult, step: string): Record<string, unknown> {
  return parseJsonOutput(ok(r, step).stdout) as Record<string, unknown>;
}

/** The example's Node.js handler (example/code/nodejs/index.js), zipped. */
function handlerZip(): string {
  const zip = new AdmZip();
  zip.addFile('index.js', readFileSync(join(REPO_ROOT, 'example', 'code', 'nodejs', 'index.js')));
  return zip.toBuffer().toString('base64');
}

async function createFunction(target: Target, name: string): Promise<void> {
  const input = new CreateFunctionInput({
    functionName: name,
    runtime: 'nodejs20',
    handler: 'index.handler',
    code: new InputCodeLocation({ zipFile: handlerZip() }),
    timeout: 30,
    memorySize: 128,
  });
  await target.fc().createFunction(new CreateFunctionRequest({ body: input }));
}

async function ignoreMissing(step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    const status = (e as { status?: number }).status;
    if (!/NotFound|NotExist|NoSuch/.test(code) && status !== 404) throw e;
  }
}

/** Takes back whatever the scenario made, whichever step it stopped at. */
async function cleanUp(target: Target, names: ScenarioNames): Promise<string[]> {
  const problems: string[] = [];
  const attempt = async (what: string, step: () => Promise<unknown>): Promise<void> => {
    try {
      await ignoreMissing(step);
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`);
    }
  };
  await attempt(`delete object ${names.object}`, () => target.oss().delete(names.object));
  await attempt(`delete function ${names.fn}`, () => target.fc().deleteFunction(names.fn));
  const ram = target.ram();
  await attempt(`detach the policies of role ${names.role}`, async () => {
    const listed = await ram.listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName: names.role }));
    for (const p of listed.body?.policies?.policy ?? []) {
      await ram.detachPolicyFromRole(new DetachPolicyFromRoleRequest({ roleName: names.role, policyName: p.policyName, policyType: p.policyType }));
    }
  });
  await attempt(`delete role ${names.role}`, () => ram.deleteRole(new DeleteRoleRequest({ roleName: names.role })));
  return problems;
}

export interface ScenarioResult {
  names: ScenarioNames;
  arn: string;
  invokeOutput: string;
  objectContent: string;
}

export async function runSeedScenario(target: Target, names: ScenarioNames = uniqueNames()): Promise<ScenarioResult> {
  const message = `hello from fc3-role on ${target.name} (${names.role})`;
  const event = {
    bucket: target.bucket,
    objectName: names.object,
    message,
    ...(target.handlerOssEndpoint ? { endpoint: target.handlerOssEndpoint } : {}),
  };
  const props = { region: target.region, role: { name: names.role }, policies: ['AliyunOSSFullAccess'], functions: [names.fn], invoke: { event } };
  const dir = roleProject(props);
  let failure: unknown;
  try {
    await createFunction(target, names.fn);
    ok(await target.s(dir, ['deploy', '-y']), 's deploy');
    const arn = `acs:ram::${target.accountId}:role/${names.role}`;
    const fn = await target.fc().getFunction(names.fn, new GetFunctionRequest({}));
    expect(fn.body?.role?.toLowerCase()).toBe(arn.toLowerCase());

    expect(json(await target.s(dir, ['plan', '--silent', '-o', 'json']), 's plan').changes).toEqual([]);
    expect(json(await target.s(dir, ['info', '--silent', '-o', 'json']), 's info')).toMatchObject({ exists: true, roleName: names.role });

    const invoked = ok(await target.s(dir, ['invoke']), 's invoke');
    expect(invoked.stdout).toContain('success');
    const object = await target.oss().get(names.object);
    const objectContent = Buffer.from(object.content as Buffer).toString();
    expect(objectContent).toBe(message);

    ok(await target.s(dir, ['remove', '-y']), 's remove');
    await expect(target.ram().getRole(new GetRoleRequest({ roleName: names.role }))).rejects.toMatchObject({ code: 'EntityNotExist.Role' });
    return { names, arn, invokeOutput: invoked.stdout, objectContent };
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    const problems = await cleanUp(target, names);
    rmSync(dir, { recursive: true, force: true });
    // A failed clean-up is reported, but never hides the scenario's own failure.
    if (problems.length > 0 && failure === undefined) throw new Error(`clean-up failed:\n${problems.join('\n')}`);
    if (problems.length > 0) console.error(`clean-up failed:\n${problems.join('\n')}`);
  }
}
