/** The `commands` map `s` 3.x renders for `s -h` and `s <command> -h` (one file per command). */
import type { CommandName } from '../../config/flags';
import { deployHelp } from './deploy';
import { infoHelp } from './info';
import { invokeHelp } from './invoke';
import type { CommandHelp } from './options';
import { planHelp } from './plan';
import { removeHelp } from './remove';
import { simulateHelp } from './simulate';

export type { CommandHelp } from './options';

export const commandsHelp: Record<CommandName, CommandHelp> = {
  deploy: deployHelp,
  plan: planHelp,
  info: infoHelp,
  remove: removeHelp,
  invoke: invokeHelp,
  simulate: simulateHelp,
};
