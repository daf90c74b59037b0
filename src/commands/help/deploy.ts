import { CLI_PROPS, describe, helpOptions, type CommandHelp } from './options';

export const deployHelp: CommandHelp = {
  help: {
    summary: 'Create or update the RAM role, its policies, and set it on the functions',
    description: describe(
      'Reads the role, its policies and the functions from the cloud, plans, and applies the plan: creates or\n' +
        'updates the role, creates or versions custom policies, attaches and detaches policies (only those\n' +
        'fc3-role attached), and sets the role on each declared function. Before a detach, or before replacing\n' +
        'another role on a function, it asks for confirmation (-y answers yes; without a terminal, -y is required).\n' +
        'A second deploy without changes writes nothing.',
      ['s deploy', 's deploy -y', 's fn-role deploy -y --debug'],
      [`s cli fc3-role deploy --region cn-hangzhou ${CLI_PROPS} -a default -y`],
    ),
    option: helpOptions('deploy'),
  },
};
