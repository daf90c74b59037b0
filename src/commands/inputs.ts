/**
 * What `s` 3.x hands a component method, narrowed from unknown. In `s cli` mode there is no yaml
 * and `props` may be a JSON string.
 */
export interface ComponentInputs {
  props: unknown;
  args: string[];
  cwd: string;
  yamlPath?: string;
  resourceName?: string;
  /** The access alias `s` resolved for the resource (`-a` > env.yaml > s.yaml `access`), if any. */
  access?: string;
  command?: string;
  getCredential?: () => Promise<unknown>;
}

function field(source: unknown, key: string): unknown {
  return typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[key] : undefined;
}

export function readInputs(raw: unknown): ComponentInputs {
  const args = field(raw, 'args');
  const cwd = field(raw, 'cwd');
  const yamlPath = field(field(raw, 'yaml'), 'path');
  const resourceName = field(field(raw, 'resource'), 'name');
  const access = field(field(raw, 'resource'), 'access');
  const command = field(raw, 'command');
  const getCredential = field(raw, 'getCredential');
  return {
    props: field(raw, 'props'),
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
    cwd: typeof cwd === 'string' ? cwd : process.cwd(),
    yamlPath: typeof yamlPath === 'string' ? yamlPath : undefined,
    resourceName: typeof resourceName === 'string' ? resourceName : undefined,
    access: typeof access === 'string' && access !== '' ? access : undefined,
    command: typeof command === 'string' ? command : undefined,
    getCredential:
      typeof getCredential === 'function' ? () => Promise.resolve((getCredential as () => unknown)()) : undefined,
  };
}

/**
 * The access the user named: `-a/--access <alias>` on the command line, else the resource's access
 * when it is not `default` (s.yaml `access: prod`). Undefined = `s`'s default access.
 */
// Choice: `access: default` in s.yaml is not a named access: it is what `s` uses anyway, and the README's environment-variable path keeps working with it.
export function namedAccessOf(inputs: Pick<ComponentInputs, 'args' | 'access'>): string | undefined {
  const { args } = inputs;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if ((a === '-a' || a === '--access') && i + 1 < args.length && !args[i + 1].startsWith('-')) return args[i + 1];
    if (a.startsWith('--access=') && a.length > '--access='.length) return a.slice('--access='.length);
  }
  return inputs.access !== undefined && inputs.access !== 'default' ? inputs.access : undefined;
}
