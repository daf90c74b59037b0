import { CLI_PROPS, describe, helpOptions, type CommandHelp } from './options';

export const removeHelp: CommandHelp = {
  help: {
    summary: 'Undo deploy: unset the role on the functions, detach and delete what fc3-role made',
    description: describe(
      'Unsets the role on the declared functions that use it, detaches the policies fc3-role attached, deletes\n' +
        'the custom policies it created and, if fc3-role created the role, deletes the role. A role used by other\n' +
        'functions is kept unless --force; a role with policies attached by someone else is always kept.\n' +
        'Paired with fc3 by an output reference, remove the fc3 resource first (s runs remove in dependency order).',
      ['s remove', 's remove -y', 's fn-role remove -y --force', 's my-function remove -y --no-verify && s fn-role remove -y'],
      [`s cli fc3-role remove --region cn-hangzhou ${CLI_PROPS} -a default -y`],
    ),
    option: helpOptions('remove'),
  },
  verify: false,
};
