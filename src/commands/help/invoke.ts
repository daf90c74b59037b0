import { describe, helpOptions, type CommandHelp } from './options';

export const invokeHelp: CommandHelp = {
  help: {
    summary: 'Invoke the function with a test event, running with the role',
    description: describe(
      'Invokes the function (props.invoke.function, or the only declared function) with an event from\n' +
        '--event, --event-file, --event-stdin or props.invoke (first found wins; a file is sent as its exact\n' +
        'bytes, JSON or not), and prints the result and the logs. A function error fails the command, except\n' +
        'with -o/--output-format, where the output carries errorType.',
      ['s invoke', `s invoke -e '{"key":"value"}'`, 's invoke -f ./event.json', 's invoke --invocation-type async'],
      [
        `s cli fc3-role invoke --region cn-hangzhou --function-name my-function -e '{"key":"value"}' -p '{"region":"cn-hangzhou","role":{"name":"fc-oss-writer"}}' -a default`,
      ],
    ),
    option: helpOptions('invoke'),
  },
  verify: false,
};
