/**
 * fc3-role as a plugin in fc3's `actions: pre-deploy`, through the real `s` CLI, with a local stand-in
 * in place of fc3 (fc3 is not on npm): the role and its policies are reconciled, the stand-in gets
 * `props.role` = the role's ARN, and the plugin never sets a function's role itself.
 */
import { GetFunctionRequest } from '@alicloud/fc20230330';
import { GetPolicyRequest, GetRoleRequest, ListPoliciesForRoleRequest } from '@alicloud/ram20150501';
import { fcClient, ramClient } from '../helpers/clients';
import { makeProject, readSLogs, REPO_ROOT } from '../helpers/s-cli';
import { planPluginProps, resolvePluginConfig } from '../../src/plugin';
import Fc3Role, { type PluginCall } from '../../src';
import { commandsHelp } from '../../src/commands/help';
import { isFc3RoleError } from '../../src/errors';
import { exampleProject, STAND_IN, standInProps } from './fixtures/fc3-stand-in/project';
import { expectOk, useE2E } from './harness';

// fc3 (a stand-in) deploys the function in the same run, with the same access: the users also hold what fc3 needs.
const e2e = useE2E({ alsoGrant: ['AliyunFCFullAccess'] });

const pluginArgs = {
  role: { name: 'Plugin-Role', description: 'for the plugged function' },
  policies: [
    'aliyunossreadonlyaccess',
    { name: 'plugin-writer', statements: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }] },
  ],
};

function pluginProject(args: unknown, fc3Props: Record<string, unknown> = {}, hook = 'pre-deploy'): string {
  const yaml = [
    'edition: 3.0.0',
    'name: e2e-plugin',
    'access: default',
    'resources:',
    '  my-fn:',
    `    component: ${STAND_IN}`,
    `    props: ${JSON.stringify({ region: 'cn-hangzhou', functionName: 'plugged', ...fc3Props })}`,
    '    actions:',
    `      ${hook}:`,
    `        - plugin: ${REPO_ROOT}`,
    `          args: ${JSON.stringify(args)}`,
  ].join('\n');
  return makeProject(`${yaml}\n`);
}

async function attached(roleName: string): Promise<string[]> {
  const res = await ramClient(e2e.emu).listPoliciesForRole(new ListPoliciesForRoleRequest({ roleName }));
  return (res.body?.policies?.policy ?? []).map((p) => `${p.policyType}:${p.policyName}`).sort();
}

describe('one export, two roles', () => {
  it('new Fc3Role(params) is the component and, called, the plugin', () => {
    const made = new Fc3Role({ logger: undefined });
    expect(made).toBeInstanceOf(Fc3Role);
    expect(typeof made).toBe('function');
    expect(made.commands).toBe(commandsHelp);
    expect(typeof made.deploy).toBe('function');
    expect(JSON.parse(made.getSchema())).toHaveProperty('properties.role');
    expect(typeof (made as unknown as PluginCall)).toBe('function');
  });
});

describe('plugin args (pure)', () => {
  it('defaults region to the fc3 resource region, and keeps an explicit one', () => {
    expect(planPluginProps({ role: { name: 'r' } }, { region: 'cn-shanghai' }).props).toEqual({ role: { name: 'r' }, region: 'cn-shanghai' });
    expect(planPluginProps({ role: { name: 'r' }, region: 'cn-beijing' }, { region: 'cn-shanghai' }).props).toMatchObject({ region: 'cn-beijing' });
  });

  it('plans no function, and reports problems under args', () => {
    const { config, ignoredFunctions } = resolvePluginConfig({ role: { name: 'r' }, functions: ['f'] }, { region: 'cn-hangzhou' }, REPO_ROOT);
    expect(config.desired.functions).toEqual([]);
    expect(ignoredFunctions).toEqual(['cn-hangzhou/f']);
    let error: unknown;
    try {
      resolvePluginConfig({ role: { name: 'bad name!' } }, { region: 'cn-hangzhou' }, REPO_ROOT);
    } catch (e) {
      error = e;
    }
    expect(isFc3RoleError(error, 'InvalidConfiguration')).toBe(true);
    expect((error as Error).message).toContain('args.role.name');
    expect(() => resolvePluginConfig(undefined, { region: 'cn-hangzhou' }, REPO_ROOT)).toThrow(/args: is missing/);
  });
});

describe('s deploy with fc3-role as a pre-deploy plugin', () => {
  it('runs example/fc3-plugin: deploy gives fc3 the ARN; plan shows fc3 keeping it; remove -y takes the role and its policies back after fc3', async () => {
    const dir = exampleProject('fc3-plugin');
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/fc-oss-writer`;
    expect(standInProps(dir)).toMatchObject({ functionName: 'my-function', role: arn });
    expect(await attached('fc-oss-writer')).toEqual(['Custom:fc-oss-writer-put', 'System:AliyunOSSReadOnlyAccess']);
    const fn = await fcClient(e2e.emu).getFunction('my-function', new GetFunctionRequest({}));
    expect(fn.body?.role).toBe(arn);

    // pre-plan: fc3's plan gets the role it has (not an empty one it would clear), and nothing is written.
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['plan']));
    expect(standInProps(dir).role).toBe(arn);
    expect(e2e.emu.requests.writes()).toEqual([]);

    // success-remove: after fc3 removed the function, the role and the policy fc3-role made go too.
    const removed = expectOk(await e2e.s(dir, ['remove', '-y']));
    expect(removed.stdout).toContain('stand-in removed my-function');
    expect(removed.stdout).toContain('- delete role fc-oss-writer');
    const account = e2e.emu.state.getAccount(e2e.accountId);
    expect(account.fc.findFunction('cn-hangzhou', 'my-function')).toBeUndefined();
    expect(account.ram.findRole('fc-oss-writer')).toBeUndefined();
    await expect(ramClient(e2e.emu).getPolicy(new GetPolicyRequest({ policyName: 'fc-oss-writer-put', policyType: 'Custom' }))).rejects.toMatchObject({
      code: 'EntityNotExist.Policy',
    });
  });

  it('inside the propagation window of the new role, hands fc3 the ARN with a note; a rerun once FC sees it succeeds', async () => {
    e2e.emu.faults.setPropagationDelay(24 * 3600_000);
    const dir = exampleProject('fc3-plugin');
    const arn = `acs:ram::${e2e.accountId}:role/fc-oss-writer`;
    const first = await e2e.s(dir, ['deploy', '-y']);
    expect(first.code).not.toBe(0);
    expect(first.stdout).toContain(`Role ${arn} was created in this run.`);
    expect(standInProps(dir)).toMatchObject({ functionName: 'my-function', role: arn });
    expect(e2e.emu.requests.count({ product: 'fc', action: 'CreateFunction', failed: true, status: 400 })).toBe(1);

    e2e.emu.faults.setPropagationDelay(0);
    e2e.emu.requests.clear();
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ product: 'ram' })).toEqual([]);
    const fn = await fcClient(e2e.emu).getFunction('my-function', new GetFunctionRequest({}));
    expect(fn.body?.role).toBe(arn);
  });

  it('reconciles the role and its policies, then hands fc3 props.role = the ARN', async () => {
    const dir = pluginProject(pluginArgs);
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    const arn = `acs:ram::${e2e.accountId}:role/plugin-role`;

    const props = standInProps(dir);
    expect(props).toEqual({ region: 'cn-hangzhou', functionName: 'plugged', role: arn });
    expect(r.stdout).toContain(arn);

    const role = await ramClient(e2e.emu).getRole(new GetRoleRequest({ roleName: 'Plugin-Role' }));
    expect(role.body?.role?.arn).toBe(arn);
    expect(role.body?.role?.assumeRolePolicyDocument).toContain('fc.aliyuncs.com');
    expect(await attached('Plugin-Role')).toEqual(['Custom:plugin-writer', 'System:AliyunOSSReadOnlyAccess']);

    const fn = await fcClient(e2e.emu).getFunction('plugged', new GetFunctionRequest({}));
    expect(fn.body?.role).toBe(arn); // set by the stand-in (fc3), from props.role

    // The plugin itself never touched a function: every FC write came from the stand-in's one CreateFunction.
    expect(e2e.emu.requests.writes({ product: 'fc' }).map((w) => w.action)).toEqual(['CreateFunction']);
    expect(readSLogs(e2e.home)).not.toContain(e2e.emu.accounts[0].accessKeySecret);
  });

  it('writes nothing to RAM on a second deploy, and replaces a role already in the fc3 props', async () => {
    const dir = pluginProject(pluginArgs, { role: 'acs:ram::1:role/someone-else' });
    expectOk(await e2e.s(dir, ['deploy', '-y']));
    e2e.emu.requests.clear();
    const r = expectOk(await e2e.s(dir, ['deploy', '-y']));
    expect(e2e.emu.requests.writes({ product: 'ram' })).toEqual([]);
    expect(standInProps(dir).role).toBe(`acs:ram::${e2e.accountId}:role/plugin-role`);
    expect(r.stdout).toMatch(/replacing props\.role acs:ram::1:role\/someone-else/);
  });

  it('in a pre-plan hook reads only: hands over the ARN the role will have, writes nothing', async () => {
    const dir = pluginProject(pluginArgs, {}, 'pre-plan');
    const r = expectOk(await e2e.s(dir, ['plan']));
    expect(standInProps(dir).role).toBe(`acs:ram::${e2e.accountId}:role/plugin-role`);
    expect(r.stdout).toContain('does not exist yet');
    expect(e2e.emu.requests.writes()).toEqual([]);
  });

  it('fails the step before fc3 runs when the args are invalid, naming where', async () => {
    const dir = pluginProject({ role: { name: 'bad name!' }, policies: ['AliyunOSSFullAccess'] });
    const r = await e2e.s(dir, ['deploy', '-y']);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toContain('args.role.name');
    expect(() => standInProps(dir)).toThrow(); // the stand-in never ran
    expect(e2e.emu.requests.writes()).toEqual([]);
  });
});
