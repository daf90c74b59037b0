/**
 * FC endpoints per region (props fcEndpoints / env FC3_ROLE_FC_ENDPOINTS), checked with the rest of the
 * configuration before any cloud call: every problem at once, with its path and an example.
 */
import { prepare } from '../../src/commands/prepare';
import { isFc3RoleError } from '../../src/errors';
import { parseFcEndpointsEnv } from '../../src/config/fc-endpoints';

const PROPS = { region: 'cn-hangzhou', role: { name: 'r' }, functions: ['a', { name: 'b', region: 'cn-shanghai' }] };

function problemsOf(props: unknown, env: NodeJS.ProcessEnv, args: string[] = []): string {
  try {
    prepare('deploy', { props, args, cwd: process.cwd() }, env);
  } catch (e) {
    if (isFc3RoleError(e, 'InvalidConfiguration')) return e.message;
    throw e;
  }
  return '';
}

describe('FC endpoints per region', () => {
  test('the env setting parses region=url pairs and reports each bad entry', () => {
    expect(parseFcEndpointsEnv(' cn-hangzhou=http://127.0.0.1:9001, cn-shanghai=http://127.0.0.1:9002 ')).toEqual({
      endpoints: { 'cn-hangzhou': 'http://127.0.0.1:9001', 'cn-shanghai': 'http://127.0.0.1:9002' },
      problems: [],
    });
    const { problems } = parseFcEndpointsEnv('mars-1=http://127.0.0.1:1,cn-beijing=127.0.0.1:2,nonsense');
    expect(problems.map((p) => p.path)).toEqual(['env.FC3_ROLE_FC_ENDPOINTS', 'env.FC3_ROLE_FC_ENDPOINTS (cn-beijing)', 'env.FC3_ROLE_FC_ENDPOINTS']);
  });

  test('with the endpoint override, every region used needs its FC endpoint (all missing ones reported at once)', () => {
    const message = problemsOf(PROPS, { FC3_ROLE_ENDPOINT: 'http://127.0.0.1:9000' });
    expect(message).toContain('Invalid configuration (2 problems)');
    expect(message).toContain('env.FC3_ROLE_FC_ENDPOINTS: has no FC endpoint for region cn-hangzhou: with env.FC3_ROLE_ENDPOINT set');
    expect(message).toContain('has no FC endpoint for region cn-shanghai');
    expect(message).toContain('example: cn-shanghai=http://127.0.0.1:9002');
    const env = { FC3_ROLE_ENDPOINT: 'http://127.0.0.1:9000', FC3_ROLE_FC_ENDPOINTS: 'cn-hangzhou=http://127.0.0.1:9001,cn-shanghai=http://127.0.0.1:9002' };
    expect(problemsOf(PROPS, env)).toBe('');
  });

  test('props fcEndpoints win over the env, and are checked with the other props', () => {
    const props = { ...PROPS, endpoint: 'http://127.0.0.1:9000', fcEndpoints: { 'cn-hangzhou': 'http://127.0.0.1:9001', 'mars-1': 'http://127.0.0.1:1', 'cn-beijing': 'ftp://x' } };
    const message = problemsOf({ ...props, role: { name: 'bad name!' } }, { FC3_ROLE_FC_ENDPOINTS: 'cn-shanghai=http://127.0.0.1:9002' });
    expect(message).toContain('props.role.name');
    expect(message).toContain('props.fcEndpoints.cn-beijing');
    expect(message).not.toContain('has no FC endpoint');
    const good = { ...PROPS, endpoint: 'http://127.0.0.1:9000', fcEndpoints: { 'cn-hangzhou': 'http://127.0.0.1:9001' } };
    const missing = problemsOf(good, { FC3_ROLE_FC_ENDPOINTS: 'cn-shanghai=http://127.0.0.1:9002' });
    expect(missing).toContain('props.fcEndpoints: has no FC endpoint for region cn-shanghai: with props.endpoint set');
    expect(problemsOf({ ...good, fcEndpoints: { 'mars-1': 'http://127.0.0.1:1' } }, {})).toContain('props.fcEndpoints.mars-1: is not an FC 3.0 region');
  });

  test('without any override no FC endpoint is needed (the real ones are used)', () => {
    expect(problemsOf(PROPS, {})).toBe('');
  });
});
