/** `s simulate` and `--strict`: flags, and every command-line problem before any cloud call. */
import { parseCommandArgs } from '../../src/config/args';
import { simulationRequests } from '../../src/commands/simulate';
import { validateProps } from '../../src/config';

const RESOURCE = 'acs:oss:*:*:my-bucket/*';

test('simulate reads --action, --resource, --current, --region and --role-name', () => {
  const { flags, problems } = parseCommandArgs('simulate', ['--action', 'oss:PutObject', '--resource', RESOURCE, '--current', '--region', 'cn-hangzhou', '--role-name', 'r']);
  expect(problems).toEqual([]);
  expect(flags).toMatchObject({ action: 'oss:PutObject', resource: RESOURCE, current: true, region: 'cn-hangzhou', roleName: 'r' });
});

test.each<[string, string[], string, string]>([
  ['--action without --resource', ['--action', 'oss:PutObject'], 'args.--resource', 'is required with --action'],
  ['--resource without --action', ['--resource', RESOURCE], 'args.--action', 'is required with --resource'],
  ['a wildcard action', ['--action', 'oss:*', '--resource', RESOURCE], 'args.--action', 'must be one action'],
  ['a resource that is no ARN', ['--action', 'oss:PutObject', '--resource', 'my-bucket'], 'args.--resource', 'must be a resource ARN'],
  ['an ARN without its parts', ['--action', 'oss:PutObject', '--resource', 'acs:oss:b'], 'args.--resource', 'must be a whole ARN'],
])('simulate: %s', (_name, args, path, message) => {
  expect(parseCommandArgs('simulate', args).problems).toContainEqual(expect.objectContaining({ path, message: expect.stringContaining(message) }));
});

test('--strict is a flag of plan and deploy only', () => {
  expect(parseCommandArgs('plan', ['--strict']).flags).toMatchObject({ strict: true });
  expect(parseCommandArgs('deploy', ['--strict', '-y']).flags).toMatchObject({ strict: true, assumeYes: true });
  expect(parseCommandArgs('plan', []).flags.strict).toBeUndefined();
  expect(parseCommandArgs('info', ['--strict']).problems).toEqual([expect.objectContaining({ path: 'args.--strict', message: expect.stringContaining('is not a flag of info') })]);
});

describe('what simulate evaluates', () => {
  const config = (expect?: unknown[]) => {
    const result = validateProps({ region: 'cn-hangzhou', role: { name: 'r' }, ...(expect ? { expect } : {}) }, { baseDir: __dirname });
    if (!result.config) throw new Error(JSON.stringify(result.problems));
    return result.config;
  };
  const flags = (args: string[]) => parseCommandArgs('simulate', args).flags;

  test('--action and --resource win over props.expect', () => {
    expect(simulationRequests(config([`oss:GetObject on ${RESOURCE}`]), flags(['--action', 'oss:PutObject', '--resource', RESOURCE]))).toEqual([
      { action: 'oss:PutObject', resource: RESOURCE, path: 'args' },
    ]);
  });

  test('without them, every props.expect', () => {
    expect(simulationRequests(config([`oss:GetObject on ${RESOURCE}`]), flags([]))).toEqual([{ action: 'oss:GetObject', resource: RESOURCE, path: 'props.expect[0]' }]);
  });

  test('neither: InvalidConfiguration with an example', () => {
    expect(() => simulationRequests(config(), flags([]))).toThrow(expect.objectContaining({
      code: 'InvalidConfiguration',
      message: expect.stringContaining('args.--action: nothing to simulate: give --action and --resource, or declare props.expect; example: --action oss:PutObject'),
    }));
  });
});
