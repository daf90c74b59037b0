/** The demo echoes every `s` command it runs; secret values are masked in the echo. */
import { maskSecretArgs } from '../../scripts/demo';

describe('maskSecretArgs', () => {
  it('masks the value after --AccessKeySecret and --SecurityToken, and in --flag=value form; keeps the rest', () => {
    const args = ['config', 'add', '--AccessKeyID', 'LTAIkey', '--AccessKeySecret', 's3cr3t', '--SecurityToken', 'tok', '--AccountID', '123', '-f'];
    expect(maskSecretArgs(args)).toEqual(['config', 'add', '--AccessKeyID', 'LTAIkey', '--AccessKeySecret', '***', '--SecurityToken', '***', '--AccountID', '123', '-f']);
    expect(maskSecretArgs(['--AccessKeySecret=s3cr3t', 'deploy'])).toEqual(['--AccessKeySecret=***', 'deploy']);
    expect(maskSecretArgs(['deploy', '-y'])).toEqual(['deploy', '-y']);
  });
});
