/** `props.expect`: both forms resolve; every mistake is a problem with its path and a valid example, all at once. */
import { validateProps, type Problem } from '../../src/config';

const base = { region: 'cn-hangzhou', role: { name: 'fc-oss-writer' } };
const baseDir = __dirname;

describe('props.expect', () => {
  test('the string form and the object form resolve to expectations with their paths', () => {
    const result = validateProps(
      {
        ...base,
        expect: ['oss:PutObject on acs:oss:*:*:my-bucket/*', { action: 'log:PostLogStoreLogs', resource: 'acs:log:cn-hangzhou:*:project/p/logstore/*' }, '  oss:ListBuckets   on   *  '],
      },
      { baseDir },
    );
    expect(result.problems).toEqual([]);
    expect(result.config?.expectations).toEqual([
      { action: 'oss:PutObject', resource: 'acs:oss:*:*:my-bucket/*', path: 'props.expect[0]' },
      { action: 'log:PostLogStoreLogs', resource: 'acs:log:cn-hangzhou:*:project/p/logstore/*', path: 'props.expect[1]' },
      { action: 'oss:ListBuckets', resource: '*', path: 'props.expect[2]' },
    ]);
  });

  test('without expect: no expectations', () => {
    expect(validateProps(base, { baseDir }).config?.expectations).toBeUndefined();
  });

  test.each<[string, unknown, string, string, string]>([
    ['a wildcard action', 'oss:Put* on acs:oss:*:*:b/*', 'props.expect[0]', 'must read "<service>:<Action> on <resource ARN or *>"', 'oss:PutObject on acs:oss:*:*:my-bucket/*'],
    ['no resource', 'oss:PutObject', 'props.expect[0]', 'must read', 'oss:PutObject on'],
    ['not an ARN', 'oss:PutObject on my-bucket/*', 'props.expect[0]', 'must read', 'oss:PutObject on'],
    ['an ARN without its five parts', 'oss:PutObject on acs:oss:my-bucket', 'props.expect[0]', 'must be a whole ARN acs:<service>:<region>:<account>:<resource>', 'oss:PutObject on'],
    ['object without resource', { action: 'oss:PutObject' }, 'props.expect[0].resource', 'is required', 'acs:oss:*:*:my-bucket/*'],
    ['object with a wildcard action', { action: 'oss:*', resource: '*' }, 'props.expect[0].action', 'must be one action "service:Action", without wildcards', 'oss:PutObject'],
    ['object with a bad resource', { action: 'oss:PutObject', resource: 'my-bucket' }, 'props.expect[0].resource', 'must be a resource ARN starting with "acs:"', 'acs:oss:*:*:my-bucket/*'],
    ['object with a short ARN', { action: 'oss:PutObject', resource: 'acs:oss:*:b' }, 'props.expect[0].resource', 'must be a whole ARN', 'acs:oss:*:*:my-bucket/*'],
    ['object with an unknown key', { action: 'oss:PutObject', resource: '*', effect: 'Allow' }, 'props.expect[0].effect', 'is not a known property', ''],
    ['a number', 7, 'props.expect[0]', 'must be a string or an object (got 7)', 'oss:PutObject on'],
  ])('%s', (_name, item, path, message, example) => {
    const { problems } = validateProps({ ...base, expect: [item] }, { baseDir });
    expect(problems).toEqual([expect.objectContaining({ path, message: expect.stringContaining(message), example: expect.stringContaining(example) })]);
  });

  test('a repeat (actions ignore case) is a problem naming the first', () => {
    const { problems } = validateProps({ ...base, expect: ['oss:PutObject on *', { action: 'OSS:putobject', resource: '*' }] }, { baseDir });
    expect(problems).toEqual([expect.objectContaining({ path: 'props.expect[1]', message: expect.stringContaining('repeats props.expect[0]') })]);
  });

  test('every problem at once, with the rest of the props', () => {
    const { problems } = validateProps({ ...base, role: { name: 'bad name!' }, expect: ['oss:PutObject', { action: 'oss:PutObject', resource: 'acs:oss' }] }, { baseDir });
    expect(problems.map((p: Problem) => p.path).sort()).toEqual(['props.expect[0]', 'props.expect[1].resource', 'props.role.name']);
  });
});
