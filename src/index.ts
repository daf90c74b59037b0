/**
 * fc3-role: a Serverless Devs 3.x component that reconciles the RAM role of FC 3.0 functions
 * (deploy, plan, info, remove) and smoke-tests a function (invoke). The same export is also a
 * plugin for fc3's `actions: pre-deploy` (see src/plugin.ts).
 *
 * `s` constructs the component several times per run, so the constructor does no I/O and this
 * module loads nothing heavy: the commands (and with them ajv and the SDKs) are required on first use.
 */
import { commandsHelp } from './commands/help';
import { readInputs } from './commands/inputs';
import { schemaJson } from './config/schema';
import { failEvenUnderOutputFormat } from './exit-status';
import { adaptLogger, type ComponentLogger } from './logger';

type Commands = typeof import('./commands/run');
type Plugin = typeof import('./plugin');

function commands(): Commands {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('./commands/run') as Commands;
}

function plugin(): Plugin {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('./plugin') as Plugin;
}

/** Runs one command; a failure fails the process even where `s` would swallow it (`-o`, see exit-status.ts). */
async function guarded<T>(command: string, rawInputs: unknown, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const inputs = readInputs(rawInputs);
    failEvenUnderOutputFormat(e, { args: inputs.args, resourceName: inputs.resourceName, command, cliMode: inputs.yamlPath === undefined });
    throw e;
  }
}

/** What `s` calls when fc3-role is a plugin: `(inputs, args, logger)`; the result replaces the inputs. */
export type PluginCall = (inputs: unknown, args: unknown, logger?: unknown) => Promise<Record<string, unknown>>;

export default class Fc3Role {
  /** Help for `s <command> -h`, rendered by `s` itself. */
  readonly commands = commandsHelp;
  private readonly logger: ComponentLogger;

  /**
   * `s` loads components and plugins the same way (`new (mod.default || mod)(params)`) and then, for a
   * plugin, calls what `new` returned. So `new` returns a callable object: a plugin function whose
   * prototype is this class's and which carries the instance fields, so it is also the component.
   */
  constructor(params: { logger?: unknown } = {}) {
    this.logger = adaptLogger(params.logger);
    const fallbackLogger = this.logger;
    const call: PluginCall = (inputs, args, logger) =>
      guarded(`${readInputs(inputs).command ?? 'deploy'} (fc3-role plugin)`, inputs, () =>
        plugin().runPlugin(inputs, args, logger === undefined ? fallbackLogger : adaptLogger(logger)),
      );
    Object.setPrototypeOf(call, new.target.prototype);
    // Every instance field (commands, logger, any added later) moves onto the callable, as is.
    for (const key of Reflect.ownKeys(this)) {
      const descriptor = Object.getOwnPropertyDescriptor(this, key);
      if (descriptor) Object.defineProperty(call, key, descriptor);
    }
    return call as unknown as Fc3Role;
  }

  /** The props JSON schema, as `s verify` and `validation: true` expect it (a JSON string). */
  getSchema(): string {
    return schemaJson();
  }

  async deploy(inputs: unknown): Promise<unknown> {
    return guarded('deploy', inputs, () => commands().deploy(inputs, this.logger));
  }

  async plan(inputs: unknown): Promise<unknown> {
    return guarded('plan', inputs, () => commands().plan(inputs, this.logger));
  }

  async info(inputs: unknown): Promise<unknown> {
    return guarded('info', inputs, () => commands().info(inputs, this.logger));
  }

  async remove(inputs: unknown): Promise<unknown> {
    return guarded('remove', inputs, () => commands().remove(inputs, this.logger));
  }

  async invoke(inputs: unknown): Promise<unknown> {
    return guarded('invoke', inputs, () => commands().invoke(inputs, this.logger));
  }

  async simulate(inputs: unknown): Promise<unknown> {
    return commands().simulate(inputs, this.logger);
  }
}
