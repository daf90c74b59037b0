import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateProps } from '../../src/config';
import type { Problem } from '../../src/config';

const baseDir = mkdtempSync(join(tmpdir(), 'fc3-role-config-'));
afterAll(() => rmSync(baseDir, { recursive: true, force: true }));
writeFileSync(join(baseDir, 'policy.json'), JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'oss:PutObject', Resource: '*' }] }));
writeFileSync(join(baseDir, 'bad-policy.json'), '{ "Version": "1", ');
writeFileSync(join(baseDir, 'no-principal.json'), JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] }));
writeFileSync(join(baseDir, 'event.json'), '{"from":"file"}');

const base = { region: 'cn-hangzhou', role: { name: 'fc-oss-writer' } };
const statements = [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }];

function problemsOf(props: unknown): Problem[] {
  const result = validateProps(props, { baseDir });
  expect(result.config).toBeUndefined();
  return result.problems;
}

describe('validateProps: one mistake, one problem at the right path', () => {
  it.each<[string, unknown, string, string]>([
    ['props not an object', 'not json', 'props', 'is not valid JSON'],
    ['region missing', { role: base.role }, 'props.region', 'is required'],
    ['role missing', { region: 'cn-hangzhou' }, 'props.role', 'is required'],
    ['region unknown', { ...base, region: 'cn-nowhere' }, 'props.region', 'must be one of cn-hangzhou'],
    ['region not a string', { ...base, region: 7 }, 'props.region', 'must be a string (got 7)'],
    ['unknown top-level prop', { ...base, polices: [] }, 'props.polices', 'did you mean "policies"?'],
    ['endpoint with a path', { ...base, endpoint: 'http://127.0.0.1:9000/api' }, 'props.endpoint', 'must match'],
    ['endpoint without scheme', { ...base, endpoint: '127.0.0.1:9000' }, 'props.endpoint', 'must match'],
    ['role name with a space', { ...base, role: { name: 'bad name!' } }, 'props.role.name', 'must match ^[A-Za-z0-9.-]{1,64}$ (got "bad name!")'],
    ['role name too long', { ...base, role: { name: 'a'.repeat(65) } }, 'props.role.name', 'must match'],
    ['role name with @', { ...base, role: { name: 'ops@team' } }, 'props.role.name', 'must match ^[A-Za-z0-9.-]{1,64}$ (got "ops@team")'],
    ['role name missing', { ...base, role: { description: 'x' } }, 'props.role.name', 'is required'],
    ['unknown role key', { ...base, role: { name: 'r', descripton: 'x' } }, 'props.role.descripton', 'did you mean "description"?'],
    ['description too long', { ...base, role: { name: 'r', description: 'x'.repeat(1025) } }, 'props.role.description', 'at most 1024 characters'],
    ['role description empty', { ...base, role: { name: 'r', description: '' } }, 'props.role.description', 'must not be empty'],
    ['session too short', { ...base, role: { name: 'r', maxSessionDuration: 100 } }, 'props.role.maxSessionDuration', 'must be at least 3600 (got 100)'],
    ['session too long', { ...base, role: { name: 'r', maxSessionDuration: 50000 } }, 'props.role.maxSessionDuration', 'must be at most 43200'],
    ['session not whole', { ...base, role: { name: 'r', maxSessionDuration: 3600.5 } }, 'props.role.maxSessionDuration', 'must be a whole number'],
    ['services empty', { ...base, role: { name: 'r', services: [] } }, 'props.role.services', 'must not be an empty list'],
    ['service malformed', { ...base, role: { name: 'r', services: ['FC'] } }, 'props.role.services[0]', 'must match'],
    ['services and trustPolicy', { ...base, role: { name: 'r', services: 'fc.aliyuncs.com', trustPolicy: './no-principal.json' } }, 'props.role.trustPolicy', 'cannot be used together with props.role.services'],
    ['trust policy without principal', { ...base, role: { name: 'r', trustPolicy: './no-principal.json' } }, 'props.role.trustPolicy.Statement[0].Principal', 'is required in a trust policy'],
    ['trust policy file missing', { ...base, role: { name: 'r', trustPolicy: './nope.json' } }, 'props.role.trustPolicy', 'does not exist'],
    ['trust policy bad JSON text', { ...base, role: { name: 'r', trustPolicy: '{"Version":' } }, 'props.role.trustPolicy', 'is not valid JSON'],
    ['policies not a list', { ...base, policies: 'AliyunOSSFullAccess' }, 'props.policies', 'must be a list'],
    ['too many policies', { ...base, policies: Array.from({ length: 19 }, (_, i) => `Policy-${i}`) }, 'props.policies', 'at most 18 items (RAM allows 20 tags per role'],
    ['policy name with underscore', { ...base, policies: ['Bad_Name'] }, 'props.policies[0]', 'must match ^[A-Za-z0-9-]{1,128}$'],
    ['policy item a number', { ...base, policies: [5] }, 'props.policies[0]', 'must be a string or an object (got 5)'],
    ['policy without name', { ...base, policies: [{ statements }] }, 'props.policies[0].name', 'is required'],
    ['policy type unknown', { ...base, policies: [{ name: 'p', type: 'Managed' }] }, 'props.policies[0].type', 'must be one of System, Custom'],
    ['bad resource group', { ...base, policies: [{ name: 'AliyunOSSFullAccess', resourceGroupId: 'RG-1' }] }, 'props.policies[0].resourceGroupId', 'must match ^rg-[a-z0-9]+$'],
    ['statement action without service', { ...base, policies: [{ name: 'p', statements: [{ ...statements[0], Action: ['PutObject'] }] }] }, 'props.policies[0].statements[0].Action[0]', 'must look like "service:Action"'],
    ['statement effect wrong', { ...base, policies: [{ name: 'p', statements: [{ ...statements[0], Effect: 'allow' }] }] }, 'props.policies[0].statements[0].Effect', 'must be one of Allow, Deny'],
    ['statement without resource', { ...base, policies: [{ name: 'p', statements: [{ Effect: 'Allow', Action: 'oss:*' }] }] }, 'props.policies[0].statements[0].Resource', 'is required (or NotResource)'],
    ['statement with Principal', { ...base, policies: [{ name: 'p', statement: [{ ...statements[0], Principal: {} }] }] }, 'props.policies[0].statement[0].Principal', 'is not a known property'],
    ['statements and document', { ...base, policies: [{ name: 'p', statements, document: './policy.json' }] }, 'props.policies[0].document', 'cannot be used together with statements'],
    ['system policy with statements', { ...base, policies: [{ name: 'p', type: 'System', statements }] }, 'props.policies[0].type', 'a system policy has no statements'],
    ['custom policy named Aliyun*', { ...base, policies: [{ name: 'AliyunMine', statements }] }, 'props.policies[0].name', 'must not start with "Aliyun"'],
    ['description without document', { ...base, policies: [{ name: 'p', type: 'Custom', description: 'x' }] }, 'props.policies[0].description', 'only applies to a custom policy defined here'],
    ['policy description empty', { ...base, policies: [{ name: 'p', description: '', statements }] }, 'props.policies[0].description', 'must not be empty'],
    ['document file missing', { ...base, policies: [{ name: 'p', document: './missing.json' }] }, 'props.policies[0].document', 'file "./missing.json" does not exist'],
    ['document file bad JSON', { ...base, policies: [{ name: 'p', document: './bad-policy.json' }] }, 'props.policies[0].document', 'file "./bad-policy.json" is not valid JSON'],
    ['document wrong version', { ...base, policies: [{ name: 'p', document: { Version: '2', Statement: statements } }] }, 'props.policies[0].document.Version', 'must be "1"'],
    ['same system policy twice', { ...base, policies: ['AliyunOSSFullAccess', { name: 'aliyunossfullaccess' }] }, 'props.policies[1]', 'repeats props.policies[0]'],
    ['custom policy defined twice', { ...base, policies: [{ name: 'p', statements }, { name: 'p', resourceGroupId: 'rg-abc', statements }] }, 'props.policies[1]', 'defines custom policy "p" again (first at props.policies[0])'],
    ['function name bad', { ...base, functions: ['1fn'] }, 'props.functions[0]', 'must match'],
    ['function region unknown', { ...base, functions: [{ name: 'f', region: 'mars-1' }] }, 'props.functions[0].region', 'must be one of'],
    ['same function twice', { ...base, functions: ['f', { name: 'f', region: 'cn-hangzhou' }] }, 'props.functions[1]', 'repeats props.functions[0]'],
    ['serviceLinkedRole not boolean', { ...base, serviceLinkedRole: 'yes' }, 'props.serviceLinkedRole', 'must be true or false'],
    ['invoke function not declared', { ...base, functions: ['f'], invoke: { function: 'g' } }, 'props.invoke.function', 'is not one of props.functions (f)'],
    ['invoke event and eventFile', { ...base, invoke: { event: 'x', eventFile: './event.json' } }, 'props.invoke.eventFile', 'cannot be used together with props.invoke.event'],
    ['invoke eventFile missing', { ...base, invoke: { eventFile: './none.json' } }, 'props.invoke.eventFile', 'does not exist'],
    ['invoke unknown key', { ...base, invoke: { functionName: 'f' } }, 'props.invoke.functionName', 'is not a known property'],
  ])('%s', (_name, props, path, fragment) => {
    const problems = problemsOf(props);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].message).toContain(fragment);
    expect(problems[0].example).not.toBe('');
  });
});

describe('validateProps: everything at once', () => {
  it('reports every mistake of one s.yaml together', () => {
    const problems = problemsOf({
      region: 'cn-nowhere',
      role: { name: 'bad name!', maxSessionDuration: 1 },
      policies: ['AliyunOSSFullAccess', 'AliyunOSSFullAccess', { name: 'AliyunMine', statements: [{ Effect: 'Allow', Action: 'oss:*' }] }],
      functions: ['f', 'f'],
      invoke: { function: 'g' },
      extra: true,
    });
    expect(problems.map((p) => p.path).sort()).toEqual(
      [
        'props.extra',
        'props.region',
        'props.role.name',
        'props.role.maxSessionDuration',
        'props.policies[1]',
        'props.policies[2].name',
        'props.policies[2].statements[0].Resource',
        'props.functions[1]',
        'props.invoke.function',
      ].sort(),
    );
  });
});

describe('validateProps: resolved configuration', () => {
  it('fills defaults; description and maxSessionDuration stay undeclared (not managed) unless given', () => {
    const { config, problems } = validateProps(base, { baseDir });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      region: 'cn-hangzhou',
      endpoint: undefined,
      baseDir,
      invoke: { functionName: undefined, region: 'cn-hangzhou' },
      desired: {
        role: {
          name: 'fc-oss-writer',
          trustPolicy: { Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }] },
        },
        policies: [],
        functions: [],
        serviceLinkedRole: false,
      },
    });
    const declared = validateProps({ ...base, role: { name: 'r', description: 'd', maxSessionDuration: 7200 } }, { baseDir }).config?.desired.role;
    expect(declared).toMatchObject({ description: 'd', maxSessionDuration: 7200 });
  });

  it('resolves every policy form, functions, scopes and the invoke event', () => {
    const { config, problems } = validateProps(
      JSON.stringify({
        ...base,
        endpoint: 'http://127.0.0.1:9000',
        role: { name: 'r', services: 'fc.aliyuncs.com', maxSessionDuration: 7200, description: 'd' },
        policies: [
          'AliyunOSSFullAccess',
          { name: 'AliyunLogReadOnlyAccess', resourceGroupId: 'rg-abc' },
          { name: 'writer', description: 'w', statement: statements },
          { name: 'from-file', document: './policy.json' },
          { name: 'theirs', type: 'Custom' },
        ],
        functions: ['f', { name: 'g', region: 'cn-shanghai' }],
        serviceLinkedRole: true,
        invoke: { function: 'g', eventFile: './event.json' },
      }),
      { baseDir },
    );
    expect(problems).toEqual([]);
    expect(config?.endpoint).toBe('http://127.0.0.1:9000');
    expect(config?.desired.role.maxSessionDuration).toBe(7200);
    expect(config?.desired.policies.map((p) => [p.type, p.name, p.scope.kind, p.document !== undefined])).toEqual([
      ['System', 'AliyunOSSFullAccess', 'account', false],
      ['System', 'AliyunLogReadOnlyAccess', 'resourceGroup', false],
      ['Custom', 'writer', 'account', true],
      ['Custom', 'from-file', 'account', true],
      ['Custom', 'theirs', 'account', false],
    ]);
    expect(config?.desired.policies[2].description).toBe('w');
    expect(config?.desired.functions).toEqual([
      { name: 'f', region: 'cn-hangzhou' },
      { name: 'g', region: 'cn-shanghai' },
    ]);
    expect(config?.desired.serviceLinkedRole).toBe(true);
    expect(config?.invoke).toEqual({
      functionName: 'g',
      region: 'cn-shanghai',
      event: { source: 'file', text: '{"from":"file"}', path: join(baseDir, 'event.json') },
    });
  });

  it('takes the only declared function for invoke and keeps an inline event', () => {
    const { config } = validateProps({ ...base, functions: ['f'], invoke: { event: { a: 1 } } }, { baseDir });
    expect(config?.invoke).toEqual({ functionName: 'f', region: 'cn-hangzhou', event: { source: 'inline', text: '{"a":1}' } });
  });

  it('allows any invoke function when no function is declared', () => {
    const { config } = validateProps({ ...base, invoke: { function: 'anything', event: 'raw text' } }, { baseDir });
    expect(config?.invoke).toEqual({ functionName: 'anything', region: 'cn-hangzhou', event: { source: 'inline', text: 'raw text' } });
  });

  it('accepts a whole trust policy as JSON text', () => {
    const trust = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: 'acs:ram::123:root' } }] };
    const { config, problems } = validateProps({ ...base, role: { name: 'r', trustPolicy: JSON.stringify(trust) } }, { baseDir });
    expect(problems).toEqual([]);
    expect(config?.desired.role.trustPolicy.Statement[0].Principal).toEqual({ RAM: ['acs:ram::123:root'] });
  });
});
describe('validateProps: trust policies', () => {
  const trustOf = (principal: Record<string, unknown>, effect = 'Allow'): Record<string, unknown> => ({
    Version: '1',
    Statement: [{ Effect: effect, Action: 'sts:AssumeRole', Principal: principal }],
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['RAM: ["*"]', { RAM: ['*'] }, 'props.role.trustPolicy.Statement[0].Principal.RAM'],
    ['Service: ["*"]', { Service: ['*'] }, 'props.role.trustPolicy.Statement[0].Principal.Service'],
    ['any account root', { RAM: 'acs:ram::*:root' }, 'props.role.trustPolicy.Statement[0].Principal.RAM'],
  ])('refuses a trust policy that admits everyone through "*" (%s), with the reason and a valid example', (_label, principal, path) => {
    const problems = problemsOf({ ...base, role: { name: 'r', trustPolicy: trustOf(principal) } });
    expect(problems).toEqual([
      {
        path,
        message: expect.stringContaining('admits any principal through "*"') as unknown as string,
        example: '["fc.aliyuncs.com"]',
      },
    ]);
    expect(problems[0].message).toContain('could assume the role and use every policy attached to it');
  });

  it('a Deny statement with "*" is fine (it takes away, it does not admit)', () => {
    const trust = { Version: '1', Statement: [...(trustOf({ Service: 'fc.aliyuncs.com' }).Statement as unknown[]), ...(trustOf({ RAM: '*' }, 'Deny').Statement as unknown[])] };
    expect(validateProps({ ...base, role: { name: 'r', trustPolicy: trust } }, { baseDir }).problems).toEqual([]);
  });

  it('refuses a role handed to declared functions that does not admit fc.aliyuncs.com, saying why', () => {
    const problems = problemsOf({ ...base, role: { name: 'r', services: ['ecs.aliyuncs.com'] }, functions: ['my-fn'] });
    expect(problems).toEqual([
      {
        path: 'props.role.services',
        message: expect.stringContaining('does not let Function Compute (fc.aliyuncs.com) assume the role, but the role is handed to functions (props.functions declares cn-hangzhou/my-fn)') as unknown as string,
        example: 'fc.aliyuncs.com',
      },
    ]);
    const trusted = problemsOf({ ...base, role: { name: 'r', trustPolicy: trustOf({ RAM: 'acs:ram::123:root' }) }, functions: ['my-fn'] });
    expect(trusted.map((p) => p.path)).toEqual(['props.role.trustPolicy']);
    expect(JSON.parse(trusted[0].example)).toEqual({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }] });
  });

  it('without functions a role may trust other principals; the plugin always hands the role to a function', () => {
    const props = { ...base, role: { name: 'r', services: ['ecs.aliyuncs.com'] } };
    expect(validateProps(props, { baseDir }).problems).toEqual([]);
    const plugin = validateProps(props, { baseDir, roleHandedToFunctions: 'the fc3-role plugin hands it to the fc3 function as props.role' }).problems;
    expect(plugin.map((p) => p.path)).toEqual(['props.role.services']);
    expect(plugin[0].message).toContain('(the fc3-role plugin hands it to the fc3 function as props.role)');
  });
});
