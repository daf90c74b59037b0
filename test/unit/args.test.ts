import { parseCommandArgs } from '../../src/config/args';
import { COMMAND_FLAGS, COMMAND_NAMES, flagUsage } from '../../src/config/flags';
import { commandsHelp } from '../../src/commands/help';

describe('parseCommandArgs: each flag', () => {
  it('reads deploy flags and the global flags s leaves in args', () => {
    const { flags, problems } = parseCommandArgs('deploy', ['--debug', '-a', 'default', '-y', '-o', 'json', '--silent', '--region', 'cn-shanghai', '--skip-actions', '-t', 's.yaml', '--env', 'dev', '--output-file', 'o.json', '--no-verify', '--baseline-template', 'b.yaml']);
    expect(problems).toEqual([]);
    expect(flags).toEqual({
      debug: true,
      silent: true,
      skipActions: true,
      access: 'default',
      template: 's.yaml',
      outputFormat: 'json',
      outputFile: 'o.json',
      env: 'dev',
      props: undefined,
      region: 'cn-shanghai',
      assumeYes: true,
    });
  });

  it('has sensible defaults', () => {
    expect(parseCommandArgs('remove', []).flags).toMatchObject({ assumeYes: false, force: false, debug: false });
    expect(parseCommandArgs('invoke', []).flags).toMatchObject({ qualifier: 'LATEST', invocationType: 'sync', eventStdin: false });
  });

  it('reads the props of s cli mode', () => {
    const { flags, problems } = parseCommandArgs('info', ['-p', '{"region":"cn-hangzhou"}', '--role-name', 'r', '--region', 'cn-hangzhou']);
    expect(problems).toEqual([]);
    expect(flags).toMatchObject({ props: '{"region":"cn-hangzhou"}', roleName: 'r', region: 'cn-hangzhou' });
  });

  it('reads remove --force and -y', () => {
    expect(parseCommandArgs('remove', ['--force', '-y']).flags).toMatchObject({ force: true, assumeYes: true });
  });

  it.each(COMMAND_NAMES.map((c) => [c]))('accepts -y and --assume-yes for %s (s appends -y to parallel flow steps)', (command) => {
    for (const flag of ['-y', '--assume-yes']) {
      const { flags, problems } = parseCommandArgs(command, [flag]);
      expect(problems).toEqual([]);
      expect(flags.assumeYes).toBe(true);
    }
  });

  it.each<[string[], Record<string, unknown>]>([
    [['-e', '{"a":1}'], { event: '{"a":1}' }],
    [['--event', 'x'], { event: 'x' }],
    [['-f', './event.json'], { eventFile: './event.json' }],
    [['--event-file', '-'], { eventFile: '-' }],
    [['-s'], { eventStdin: true }],
    [['--function-name', 'my-function'], { functionName: 'my-function' }],
    [['--region', 'cn-beijing'], { region: 'cn-beijing' }],
    [['--qualifier', 'prod'], { qualifier: 'prod' }],
    [['--invocation-type', 'Async'], { invocationType: 'async' }],
    [['--invocation-type', 'SYNC'], { invocationType: 'sync' }],
    [['--invocation-type', 'async', '--async-task-id', 't-1'], { asyncTaskId: 't-1' }],
    [['--timeout', '30'], { timeout: 30 }],
    [['--timeout=5'], { timeout: 5 }],
  ])('invoke %j', (args, expected) => {
    const { flags, problems } = parseCommandArgs('invoke', args);
    expect(problems).toEqual([]);
    expect(flags).toMatchObject(expected);
  });
});

describe('parseCommandArgs: problems', () => {
  it.each<[string, Parameters<typeof parseCommandArgs>[0], string[], string, string]>([
    ['unknown flag', 'deploy', ['--yes'], 'args.--yes', 'is not a flag of deploy'],
    ['typo suggests the flag', 'invoke', ['--function', 'f'], 'args.--function', 'did you mean --function-name <name>?'],
    ['flag of another command', 'plan', ['--force'], 'args.--force', 'is not a flag of plan'],
    ['unknown short flag', 'info', ['-z'], 'args.-z', 'is not a flag of info'],
    ['stray word', 'deploy', ['now'], 'args.now', 'takes no positional arguments'],
    ['value stripped by s (-e invoke)', 'invoke', ['-e', '--function-name', 'f'], 'args.--event', 'needs a value'],
    ['value missing at the end', 'invoke', ['--function-name'], 'args.--function-name', 'needs a value'],
    ['empty value', 'deploy', ['--region='], 'args.--region', 'needs a value'],
    ['region not FC 3.0', 'deploy', ['--region', 'us-gov-1'], 'args.--region', 'must be an FC 3.0 region'],
    ['invocation type', 'invoke', ['--invocation-type', 'later'], 'args.--invocation-type', 'must be sync or async (got "later")'],
    ['timeout zero', 'invoke', ['--timeout', '0'], 'args.--timeout', 'must be a positive whole number'],
    ['timeout not a number', 'invoke', ['--timeout', '1.5'], 'args.--timeout', 'must be a positive whole number'],
    ['async task id on sync', 'invoke', ['--async-task-id', 't'], 'args.--async-task-id', 'only applies to --invocation-type async'],
    ['bad role name', 'remove', ['--role-name', 'a b'], 'args.--role-name', 'must match'],
    ['access without alias', 'info', ['-a'], 'args.--access', 'needs a value'],
  ])('%s', (_name, command, args, path, fragment) => {
    const { problems } = parseCommandArgs(command, args);
    expect(problems.map((p) => p.path)).toEqual([path]);
    expect(problems[0].message).toContain(fragment);
    expect(problems[0].example).toMatch(/^-/);
  });

  it('reports every problem at once', () => {
    const { problems } = parseCommandArgs('invoke', ['-e', '--timeout', '-3', '--invocation-type', 'x', '--bogus', '--region', 'nowhere']);
    expect(problems.map((p) => p.path).sort()).toEqual(['args.--bogus', 'args.--event', 'args.--invocation-type', 'args.--region', 'args.--timeout', 'args.-3'].sort());
  });
});

describe('commandsHelp', () => {
  it.each(COMMAND_NAMES)('%s help lists exactly the flags its parser accepts', (command) => {
    const help = commandsHelp[command].help;
    expect(help.option.map(([usage]) => usage)).toEqual(COMMAND_FLAGS[command].map(flagUsage));
    for (const [, description] of help.option) expect(description).toMatch(/^\[(Optional|C-Required|Required)\] /);
    expect(help.summary.length).toBeGreaterThan(0);
    expect(help.description).toContain('Examples with Yaml:');
    expect(help.description).toContain('Examples with CLI:');
    expect(help.description).toContain(`$ s cli fc3-role ${command}`);
  });

  it('uses the shapes s renders, with verify off for remove and invoke', () => {
    expect(commandsHelp.deploy.help.option[0]).toEqual(['-y, --assume-yes', '[Optional] Skip the confirmation and apply the changes (e.g. --assume-yes)']);
    expect(commandsHelp.invoke.help.option.map(([u]) => u)).toContain('-e, --event <event>');
    expect(commandsHelp.remove.verify).toBe(false);
    expect(commandsHelp.invoke.verify).toBe(false);
    expect(commandsHelp.deploy.verify).toBeUndefined();
  });
});
