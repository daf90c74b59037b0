import { describe, helpOptions, type CommandHelp } from './options';

export const simulateHelp: CommandHelp = {
  help: {
    summary: 'Check whether the role allows an action on a resource, or every expect',
    description: describe(
      'Evaluates --action on --resource (or every props.expect) against the role\'s policies, as RAM does:\n' +
        'explicit Deny over Allow, wildcards, NotAction/NotResource, conditions reported rather than guessed,\n' +
        'and the scope of each grant (a resource-group grant applies only to resources in that group). Prints\n' +
        'allowed or denied with the policy and statement that decide it. By default the role as deploy would\n' +
        'leave it; --current (or props without policies) the role as it is now. Writes nothing.',
      ['s simulate', `s simulate --action oss:PutObject --resource 'acs:oss:*:*:my-bucket/*'`, 's fn-role simulate --current -o json'],
      [`s cli fc3-role simulate --region cn-hangzhou --role-name fc-oss-writer --action oss:PutObject --resource 'acs:oss:*:*:my-bucket/*' -a default`],
    ),
    option: helpOptions('simulate'),
  },
  verify: false,
};
