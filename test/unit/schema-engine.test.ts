/**
 * getSchema() for the `s` engine: its ajv is strict without allowUnionTypes, so the schema must compile
 * there without a warning, and accept and refuse exactly what the component's own validation does.
 */
import Ajv from 'ajv';
import { propsSchema, schemaJson } from '../../src/config';
import { toEngineSchema } from '../../src/config/schema-engine';

function strictAjv(warnings: string[], extra: Record<string, unknown> = {}): Ajv {
  const log = (...args: unknown[]): void => {
    warnings.push(args.map(String).join(' '));
  };
  // Ajv's defaults, as the engine uses them: strict mode, type unions logged as warnings (strictTypes: 'log').
  return new Ajv({ allErrors: true, logger: { log, warn: log, error: log }, ...extra });
}

const statement = { Effect: 'Allow', Action: 'oss:PutObject', Resource: ['acs:oss:*:*:b/*'] };
const samples: Array<[string, unknown]> = [
  ['minimal', { region: 'cn-hangzhou', role: { name: 'r' } }],
  ['every form', {
    region: 'cn-hangzhou',
    role: { name: 'r', services: 'fc.aliyuncs.com', maxSessionDuration: 7200 },
    policies: ['AliyunOSSFullAccess', { name: 'w', statements: [statement] }, { name: 'd', document: './p.json' }, { name: 'x', type: 'Custom' }],
    functions: ['f', { name: 'g', region: 'cn-shanghai' }],
    invoke: { function: 'f', event: 'text' },
  }],
  ['bad role name', { region: 'cn-hangzhou', role: { name: 'bad name!' } }],
  ['policy as number', { region: 'cn-hangzhou', role: { name: 'r' }, policies: [3] }],
  ['policy name pattern', { region: 'cn-hangzhou', role: { name: 'r' }, policies: ['bad name!'] }],
  ['unknown key in a policy', { region: 'cn-hangzhou', role: { name: 'r' }, policies: [{ name: 'p', nope: 1 }] }],
  ['empty services list', { region: 'cn-hangzhou', role: { name: 'r', services: [] } }],
  ['event as number', { region: 'cn-hangzhou', role: { name: 'r' }, invoke: { event: 3 } }],
  ['empty trust policy string', { region: 'cn-hangzhou', role: { name: 'r', trustPolicy: '' } }],
  ['function as list', { region: 'cn-hangzhou', role: { name: 'r' }, functions: [['f']] }],
];

describe('the schema getSchema() returns to the engine', () => {
  it('has no type union left, and compiles in ajv\'s strict defaults (no allowUnionTypes) without a warning', () => {
    const engine = JSON.parse(schemaJson()) as unknown;
    expect(JSON.stringify(engine)).not.toMatch(/"type":\[/);
    const warnings: string[] = [];
    strictAjv(warnings).compile(engine as object);
    expect(warnings).toEqual([]);
  });

  it('the union form would warn there (why the engine form exists)', () => {
    const warnings: string[] = [];
    strictAjv(warnings).compile(propsSchema);
    expect(warnings.join('\n')).toMatch(/allowUnionTypes/);
  });

  it.each(samples)('judges "%s" exactly as propsSchema does', (_name, value) => {
    const engine = strictAjv([]).compile(toEngineSchema(propsSchema) as object);
    const ours = strictAjv([], { allowUnionTypes: true }).compile(propsSchema);
    expect(engine(value)).toBe(ours(value));
  });
});
