/**
 * What the command line (emulator/cli.ts) prints for people: the endpoints, the FC endpoint of each region, the
 * seeded keys, resource groups, buckets and functions, and the lines to copy to use it with `s`
 * ("Use it with s": the README's step-by-step section points there).
 */
import { fcEndpointsSetting, type Emulator } from './index';

/** The text the command line prints once the emulator listens. */
export function describeEmulator(emu: Emulator): string {
  const lines = [
    `fc3-role emulator listening on ${emu.endpoint}`,
    `  @alicloud clients: endpoint '${emu.host}', protocol 'http'   ali-oss: endpoint '${emu.endpoint}'`,
    '  FC endpoints, one per region (FC clients that take only a URL: fc3-role and fc3 need the region\'s):',
    `    e.g. cn-hangzhou ${emu.fcEndpoints['cn-hangzhou']}   cn-shanghai ${emu.fcEndpoints['cn-shanghai']}   (all of them: FC3_ROLE_FC_ENDPOINTS below)`,
    '  Seeded keys (throwaway emulator credentials, valid only against this emulator):',
  ];
  for (const account of emu.accounts) {
    lines.push(`  account ${account.id} (alias ${account.alias})`);
    lines.push(`    root  AccessKeyId=${account.accessKeyId}  AccessKeySecret=${account.accessKeySecret}`);
    for (const user of account.users) {
      lines.push(`    user ${user.name}  AccessKeyId=${user.accessKeyId}  AccessKeySecret=${user.accessKeySecret}`);
    }
    lines.push(`    resource groups: ${account.resourceGroups.map((g) => `${g.id} (${g.name})`).join(', ')}`);
    if (account.buckets.length > 0) lines.push(`    buckets: ${account.buckets.map((b) => `${b.name} (${b.region})`).join(', ')}`);
    if (account.functions.length > 0) lines.push(`    functions: ${account.functions.map((f) => `${f.region}/${f.name} (${f.runtime})`).join(', ')}`);
  }
  const first = emu.accounts[0];
  if (first) {
    // A RAM user of the seed deploys as users do; without one, the account's root key.
    const key = first.users[0] ?? first;
    lines.push(
      '  Use it with s (another terminal, in your project):',
      `    export FC3_ROLE_ENDPOINT=${emu.endpoint}`,
      `    export FC3_ROLE_FC_ENDPOINTS='${fcEndpointsSetting(emu.fcEndpoints)}'`,
      `    npx s config add --AccessKeyID ${key.accessKeyId} --AccessKeySecret ${key.accessKeySecret} --AccountID ${first.id} -a default -f`,
    );
  }
  lines.push('  Ctrl-C to stop.');
  return `${lines.join('\n')}\n`;
}
