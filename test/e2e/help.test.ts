/**
 * Help through the real `s` CLI: `s <resource> -h` shows the banner from publish.yaml, and
 * `s <command> -h` lists every option of the command (src/config/flags.ts) with examples.
 * Help never calls the component's methods and needs no cloud.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { COMMAND_FLAGS, COMMAND_NAMES, flagUsage } from '../../src/config/flags';
import { makeProject, makeSHome, removeTemporaryDirs, REPO_ROOT, runS } from '../helpers/s-cli';
import { expectOk } from './harness';

const publish = load(readFileSync(join(REPO_ROOT, 'publish.yaml'), 'utf8')) as { Name: string; Version: string; Description: string; HomePage: string };

let home = '';
let dir = '';
beforeAll(async () => {
  home = await makeSHome([]);
  dir = makeProject(
    ['edition: 3.0.0', 'name: help', 'resources:', '  fn-role:', `    component: ${REPO_ROOT}`, '    props: { region: cn-hangzhou, role: { name: x } }', ''].join('\n'),
  );
});
// Tests clean up what they create: the HOME and the project folder.
afterAll(removeTemporaryDirs);

const help = (args: string[]) => runS(args, { cwd: dir, home }).then(expectOk);

describe('s help', () => {
  it('s fn-role -h: the banner from publish.yaml, the commands and the home page', async () => {
    const r = await help(['fn-role', '-h']);
    expect(r.stdout).toMatch(new RegExp(`🚀\\s+${publish.Name}@${publish.Version.replace(/\./g, '\\.')}: `));
    expect(r.stdout).toContain(`${publish.Name}@${publish.Version}: ${publish.Description}`);
    expect(r.stdout).toContain(publish.HomePage);
    for (const command of COMMAND_NAMES) expect(r.stdout).toMatch(new RegExp(`^\\s+${command}\\s`, 'm'));
  });

  it.each(COMMAND_NAMES.map((c) => [c]))('s %s -h lists every option with examples', async (command) => {
    const r = await help([command, '-h']);
    expect(r.stdout).toContain(`Usage: s ${command} [options]`);
    for (const flag of COMMAND_FLAGS[command]) expect(r.stdout).toContain(flagUsage(flag));
    expect(r.stdout).toMatch(new RegExp(`Examples with Yaml:\\n\\s+\\$ s (fn-role )?${command}`));
    expect(r.stdout).toMatch(new RegExp(`Examples with CLI:\\n\\s+\\$ s cli fc3-role ${command} `));
  });
});
