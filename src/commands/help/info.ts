import { CLI_PROPS, describe, helpOptions, type CommandHelp } from './options';

export const infoHelp: CommandHelp = {
  help: {
    summary: 'Show the role, its attached policies and the role of each declared function',
    description: describe(
      'Reads the role (ARN, trust policy, session duration), the policies attached to it (and which of them\n' +
        'fc3-role attached) and the role of each declared function. Writes nothing.',
      ['s info', 's fn-role info -o json'],
      [`s cli fc3-role info --region cn-hangzhou ${CLI_PROPS} -a default`, `s cli fc3-role info --region cn-hangzhou --role-name fc-oss-writer -p '{"region":"cn-hangzhou","role":{"name":"fc-oss-writer"}}' -a default`],
    ),
    option: helpOptions('info'),
  },
};
