import { configError, parseRawProps, propsSchema, resolveEndpoint, schemaJson, FC3_REGIONS } from '../../src/config';
import { isFc3RoleError } from '../../src/errors';
import { toEngineSchema } from '../../src/config/schema-engine';

type Node = Record<string, unknown>;

/** Every schema node that describes a value, with its pointer. */
function nodes(node: unknown, pointer = '#'): Array<[string, Node]> {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const n = node as Node;
  const out: Array<[string, Node]> = [[pointer, n]];
  if (n.properties && typeof n.properties === 'object') {
    for (const [key, child] of Object.entries(n.properties as Node)) out.push(...nodes(child, `${pointer}/properties/${key}`));
  }
  if (n.items) out.push(...nodes(n.items, `${pointer}/items`));
  return out;
}

describe('propsSchema', () => {
  it('is one draft-07 schema that getSchema() can return as JSON', () => {
    const parsed = JSON.parse(schemaJson()) as Node;
    expect(parsed.$schema).toBe('http://json-schema.org/draft-07/schema#');
    // The engine's form of propsSchema: unions as anyOf (schema-engine.test.ts), otherwise the same.
    expect(parsed).toEqual(JSON.parse(JSON.stringify(toEngineSchema(propsSchema))));
  });

  it('describes every property, with an example', () => {
    const missing = nodes(propsSchema).filter(([, n]) => typeof n.description !== 'string' || !Array.isArray(n.examples));
    expect(missing.map(([p]) => p)).toEqual([]);
  });

  it('forbids unknown keys in every object', () => {
    const open = nodes(propsSchema).filter(([, n]) => n.properties !== undefined && n.additionalProperties !== false);
    expect(open.map(([p]) => p)).toEqual([]);
  });

  it('says the default of every optional property in words', () => {
    const root = propsSchema.properties;
    const optional = Object.entries(root).filter(([k]) => !(propsSchema.required as readonly string[]).includes(k));
    for (const [key, node] of optional) expect([key, /Default/.test(node.description)]).toEqual([key, true]);
  });

  it('limits policies to 18 and says why', () => {
    expect(propsSchema.properties.policies.maxItems).toBe(18);
    expect(propsSchema.properties.policies.description).toContain('20 tags');
  });

  it('takes regions from the one FC 3.0 region list', () => {
    expect(propsSchema.properties.region.enum).toBe(FC3_REGIONS);
  });
});

describe('parseRawProps', () => {
  it('parses the JSON string of s cli mode and passes objects through', () => {
    expect(parseRawProps('{"region":"cn-hangzhou"}')).toEqual({ region: 'cn-hangzhou' });
    const props = { region: 'cn-hangzhou' };
    expect(parseRawProps(props)).toBe(props);
  });

  it('throws InvalidConfiguration for bad JSON', () => {
    expect(() => parseRawProps('{region')).toThrow(/props: is not valid JSON/);
  });
});

describe('resolveEndpoint', () => {
  it.each<[string | undefined, string | undefined, ReturnType<typeof resolveEndpoint>]>([
    [undefined, undefined, undefined],
    ['', '', undefined],
    ['http://127.0.0.1:9000', undefined, { host: '127.0.0.1:9000', protocol: 'http' }],
    [undefined, 'http://localhost:8080/', { host: 'localhost:8080', protocol: 'http' }],
    ['https://ram.example.com', 'http://127.0.0.1:1', { host: 'ram.example.com', protocol: 'https' }],
  ])('props %s, env %s', (fromProps, fromEnv, expected) => {
    expect(resolveEndpoint(fromProps, fromEnv)).toEqual(expected);
  });

  it.each([
    ['ftp://h:1', undefined, 'props.endpoint'],
    ['http://h:1/path', undefined, 'props.endpoint'],
    [undefined, '127.0.0.1:9000', 'env.FC3_ROLE_ENDPOINT'],
  ])('rejects %s / %s', (fromProps, fromEnv, path) => {
    expect(() => resolveEndpoint(fromProps, fromEnv)).toThrow(new RegExp(`${path.replace('.', '\\.')}: must be http\\(s\\)://host\\[:port\\]`));
  });
});

describe('configError', () => {
  it('lists every problem on its own line with an example', () => {
    const error = configError([
      { path: 'props.role.name', message: 'must match ^[A-Za-z0-9.-]{1,64}$ (got "bad name!")', example: 'fc-oss-writer' },
      { path: 'props.region', message: 'is required', example: 'cn-hangzhou' },
    ]);
    expect(isFc3RoleError(error, 'InvalidConfiguration')).toBe(true);
    expect(error.message.split('\n').slice(0, 3)).toEqual([
      'Invalid configuration (2 problems):',
      'props.role.name: must match ^[A-Za-z0-9.-]{1,64}$ (got "bad name!"); example: fc-oss-writer',
      'props.region: is required; example: cn-hangzhou',
    ]);
  });
});
