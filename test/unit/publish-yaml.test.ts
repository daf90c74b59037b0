/**
 * publish.yaml against the Serverless Registry's documented rules (`s registry publish`: publishSchema,
 * the Component rule, Edition 3.0.0), checked offline; and the checked-in file equals the generated one.
 */
import { existsSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { load } from 'js-yaml';
import { propsSchema } from '../../src/config/schema';
import { commandsHelp } from '../../src/commands/help';
import { isIgnored, listPackedFiles, PARAMETER_FIELDS, parseIgnore, renderPublishYaml, REPO_ROOT } from '../../scripts/publish-yaml';

const REQUIRED = ['Edition', 'Type', 'Name', 'Provider', 'Version', 'Description', 'Category', 'Service', 'Effective', 'Parameters'];
const TYPES = ['Component', 'Plugin', 'Project'];
const PROVIDERS = [
  '阿里云', '腾讯云', '华为云', '百度智能云', 'AWS', 'Azure', 'Google Cloud Platform', '专有云', '其它', '火山引擎',
  'Alibaba Cloud', 'Tencent Cloud', 'Huawei Cloud', 'Baidu Cloud', 'Private Cloud', 'Others',
];
const EFFECTIVE = ['Public', 'Private', 'Organization'];

const text = readFileSync(join(REPO_ROOT, 'publish.yaml'), 'utf8');
const doc = load(text) as Record<string, unknown>;
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string; description: string; main: string };

describe('publish.yaml', () => {
  it('is the generated file (run `npm run build:publish` after changing the schema, help or package.json)', () => {
    expect(text).toBe(renderPublishYaml());
  });

  it('has every field the registry requires, with allowed values', () => {
    for (const field of REQUIRED) expect(doc).toHaveProperty([field]);
    expect(doc.Edition).toBe('3.0.0');
    expect(TYPES).toContain(doc.Type);
    expect(Array.isArray(doc.Provider) && (doc.Provider as unknown[]).length > 0).toBe(true);
    for (const p of doc.Provider as unknown[]) expect(PROVIDERS).toContain(p);
    expect(EFFECTIVE).toContain(doc.Effective);
    expect(doc.Name).toBe(pkg.name);
    expect(String(doc.Name)).not.toContain('/');
    expect(doc.Version).toBe(pkg.version);
    expect(doc.Description).toBe(pkg.description);
    expect(typeof doc.Category).toBe('string');
    expect(typeof doc.HomePage).toBe('string');
    expect(Array.isArray(doc.Tags)).toBe(true);
  });

  it('names the RAM and FC authorities the component needs', () => {
    const authorities = Object.values(doc.Service as Record<string, { Authorities: string[] }>).flatMap((s) => s.Authorities);
    expect(authorities).toEqual(expect.arrayContaining(['AliyunFCFullAccess', 'AliyunRAMFullAccess']));
  });

  it('lists every command (a Component must have a non-empty Commands map)', () => {
    const commands = doc.Commands as Record<string, string>;
    expect(Object.keys(commands).length).toBeGreaterThan(0);
    expect(Object.keys(commands).sort()).toEqual(Object.keys(commandsHelp).sort());
    for (const [name, help] of Object.entries(commandsHelp)) expect(commands[name]).toBe(help.help.summary);
  });

  it('has Parameters listing every prop of the schema with its type, description, values and examples, in the registry shape', () => {
    const params = doc.Parameters as Record<string, unknown>;
    expect(Object.keys(params).sort()).toEqual(['additionalProperties', 'properties', 'required', 'type']);
    expect(params).toMatchObject({ type: propsSchema.type, additionalProperties: propsSchema.additionalProperties, required: [...propsSchema.required] });
    const shown = params.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(shown).sort()).toEqual(Object.keys(propsSchema.properties).sort());
    for (const [name, prop] of Object.entries(propsSchema.properties)) {
      const fields: Record<string, unknown> = prop;
      const expected = Object.fromEntries(PARAMETER_FIELDS.filter((k) => fields[k] !== undefined).map((k) => [k, fields[k]]));
      expect(shown[name]).toEqual(JSON.parse(JSON.stringify(expected)));
      expect(typeof shown[name]?.description).toBe('string');
    }
  });

  it('has a version.md entry for this version', () => {
    expect(readFileSync(join(REPO_ROOT, 'version.md'), 'utf8')).toContain(`## ${pkg.version}`);
  });
});

describe('.signore (what the registry zip holds)', () => {
  it('matches like gitignore: anchors, directories, globs, negation, last rule wins', () => {
    const rules = parseIgnore('# c\n/node_modules/\n*.log\n/docs\nsrc/**/*.tmp\n!keep.log\n');
    expect(isIgnored(rules, 'node_modules', true)).toBe(true);
    expect(isIgnored(rules, 'node_modules', false)).toBe(false);
    expect(isIgnored(rules, 'src/node_modules', true)).toBe(false);
    expect(isIgnored(rules, 'a/b/debug.log', false)).toBe(true);
    expect(isIgnored(rules, 'keep.log', false)).toBe(false);
    expect(isIgnored(rules, 'docs', true)).toBe(true);
    expect(isIgnored(rules, 'src/docs', true)).toBe(false);
    expect(isIgnored(rules, 'src/x.tmp', false)).toBe(true);
    expect(isIgnored(rules, 'src/a/b/x.tmp', false)).toBe(true);
  });

  it('packs the bundle, package.json, publish.yaml, version.md and src/, and nothing for development', () => {
    const files = listPackedFiles();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'publish.yaml', 'version.md', pkg.main.replace(/^\.\//, '')]));
    expect(files.some((f) => f.startsWith('src/'))).toBe(true);
    for (const prefix of ['node_modules/', 'test/', 'emulator/', 'build/', 'scripts/', '.git/', 'example/']) {
      expect(files.filter((f) => f.startsWith(prefix))).toEqual([]);
    }
    expect(files).not.toContain('package-lock.json');
    expect(existsSync(join(REPO_ROOT, 'src')) && statSync(join(REPO_ROOT, 'src')).isDirectory()).toBe(true);
  });
});
