import { CLI_PROPS, describe, helpOptions, type CommandHelp } from './options';

export const planHelp: CommandHelp = {
  help: {
    summary: 'Show what deploy would change, without changing anything',
    description: describe(
      'Reads the role, its policies and the functions from the cloud and prints the changes deploy would make,\n' +
        'one line per change ("+" create/attach, "~" update, "-" detach/delete). Writes nothing.',
      ['s plan', 's fn-role plan'],
      [`s cli fc3-role plan --region cn-hangzhou ${CLI_PROPS} -a default`],
    ),
    option: helpOptions('plan'),
  },
};
