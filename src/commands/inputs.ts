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
  const command = field(raw, 'command');
  const getCredential = field(raw, 'getCredential');
  return {
    props: field(raw, 'props'),
    args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
    cwd: typeof cwd === 'string' ? cwd : process.cwd(),
    yamlPath: typeof yamlPath === 'string' ? yamlPath : undefined,
    resourceName: typeof resourceName === 'string' ? resourceName : undefined,
    command: typeof command === 'string' ? command : undefined,
    getCredential:
      typeof getCredential === 'function' ? () => Promise.resolve((getCredential as () => unknown)()) : undefined,
  };
}
