import { CLI_PROPS, describe, helpOptions, type CommandHelp } from './options';

export const planHelp: CommandHelp = {
  help: {
    summary: 'Show what deploy would change, without changing anything',
    description: describe(
      'Reads the role, its policies and the functions from the cloud and prints the changes deploy would make,\n' +
        'one line per change ("+" create/attach, "~" update, "-" detach/delete). Writes nothing. The output labels\n' +
        'what exists now (current) and what deploy would leave (planned). With --detailed-exitcode the command exits\n' +
        '2 when there are changes, 0 when there are none and 1 on error (a drift check for CI).',
      ['s plan', 's fn-role plan', 's plan --detailed-exitcode'],
      [`s cli fc3-role plan --region cn-hangzhou ${CLI_PROPS} -a default`],
    ),
    option: helpOptions('plan'),
  },
};
