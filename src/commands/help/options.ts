/** Help `option` lists, generated from the same flag tables the parser uses. */
import { COMMAND_FLAGS, flagUsage, type CommandName } from '../../config/flags';

/** `[['-y, --assume-yes', '[Optional] Skip ...'], ...]`, the shape commander's `.option()` takes. */
export function helpOptions(command: CommandName): Array<[string, string]> {
  return COMMAND_FLAGS[command].map((flag): [string, string] => [flagUsage(flag), `${flag.description} (e.g. ${flag.example})`]);
}

export interface CommandHelp {
  help: { summary: string; description: string; option: Array<[string, string]> };
  /** false: `s` leaves unresolved `${resources.x.output.y}` as text instead of failing (remove, invoke). */
  verify?: boolean;
}

/** The description layout fc3 uses: text, then "Examples with Yaml:" and "Examples with CLI:". */
export function describe(text: string, yaml: readonly string[], cli: readonly string[]): string {
  const lines = [text, '', 'Examples with Yaml:', ...yaml.map((e) => `  $ ${e}`), '', 'Examples with CLI:', ...cli.map((e) => `  $ ${e}`)];
  return lines.join('\n');
}

export const CLI_PROPS = `-p '{"region":"cn-hangzhou","role":{"name":"fc-oss-writer"},"functions":["my-function"]}'`;
