import { CLI_PROPS, describe, helpOptions, type CommandHelp } from './options';

export const removeHelp: CommandHelp = {
  help: {
    summary: 'Undo deploy: unset the role on the functions, detach and delete what fc3-role made',
    description: describe(
      'Unsets the role on the declared functions that use it, detaches the policies fc3-role attached, deletes\n' +
        'the custom policies it created and, if fc3-role created the role, deletes the role. A role used by other\n' +
        'functions is kept unless --force; a role with policies attached by someone else is always kept.',
      ['s remove', 's remove -y', 's fn-role remove -y --force'],
      [`s cli fc3-role remove --region cn-hangzhou ${CLI_PROPS} -a default -y`],
    ),
    option: helpOptions('remove'),
  },
  verify: false,
};
