/** Runs the props schema with ajv (allErrors) and turns ajv's errors into friendly problems. */
import Ajv, { type ErrorObject } from 'ajv';
import { propsSchema } from './schema';
import type { Problem } from './types';
import { closest, formatExample, isRecord, quoteValue } from './text';
import { ACTION_PATTERN } from './patterns';
import { legacyRamHint } from './legacy-ram';

/** Patterns better said in words than shown as a regular expression. */
const PATTERN_WORDS: Record<string, string> = {
  [ACTION_PATTERN]: 'must look like "service:Action" (wildcards * and ? allowed) or be "*"',
};

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateSchema = ajv.compile(propsSchema);

/** `/policies/2/statements/0/Action` -> `props.policies[2].statements[0].Action`. */
export function toPropsPath(instancePath: string, root = 'props'): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, key) => (/^\d+$/.test(key) ? `${path}[${key}]` : `${path}.${key}`), root);
}

function walk(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').filter((s) => s && s !== '#')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node) && /^\d+$/.test(key)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** The first `examples` entry of the schema at `pointer` or, failing that, of its nearest ancestor. */
function exampleAt(pointer: string): string {
  const parts = pointer.split('/');
  for (let n = parts.length; n > 0; n--) {
    const node = walk(propsSchema, parts.slice(0, n).join('/'));
    if (isRecord(node) && Array.isArray(node.examples) && node.examples.length > 0) return formatExample(node.examples[0]);
  }
  return formatExample(propsSchema.examples[0]);
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  object: 'an object',
  array: 'a list',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
};

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : String(type).split(',');
  return types.map((t) => TYPE_WORDS[String(t)] ?? String(t)).join(' or ');
}

function translate(error: ErrorObject, data: unknown): Problem {
  const path = toPropsPath(error.instancePath);
  const schemaPointer = error.schemaPath.split('/').slice(0, -1).join('/');
  const got = quoteValue(walk(data, error.instancePath));
  const params = error.params as Record<string, unknown>;
  const example = exampleAt(schemaPointer);
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      return { path: `${path}.${missing}`, message: 'is required', example: exampleAt(`${schemaPointer}/properties/${missing}`) };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const legacy = path === 'props' ? legacyRamHint(extra, data) : undefined;
      if (legacy) return { path: `${path}.${extra}`, ...legacy };
      const props = walk(propsSchema, `${schemaPointer}/properties`);
      const allowed = isRecord(props) ? Object.keys(props) : [];
      const guess = closest(extra, allowed);
      const hint = guess ? `; did you mean "${guess}"?` : '';
      return {
        path: `${path}.${extra}`,
        message: `is not a known property (allowed: ${allowed.join(', ')})${hint}`,
        example: guess ? `${guess}: ${exampleAt(`${schemaPointer}/properties/${guess}`)}` : example,
      };
    }
    case 'pattern':
      return { path, message: `${PATTERN_WORDS[String(params.pattern)] ?? `must match ${String(params.pattern)}`} (got ${got})`, example };
    case 'enum': {
      const values = Array.isArray(params.allowedValues) ? params.allowedValues.map(String) : [];
      return { path, message: `must be one of ${values.join(', ')} (got ${got})`, example };
    }
    case 'type':
      return { path, message: `must be ${typeWords(params.type)} (got ${got})`, example };
    case 'minimum':
      return { path, message: `must be at least ${String(params.limit)} (got ${got})`, example };
    case 'maximum':
      return { path, message: `must be at most ${String(params.limit)} (got ${got})`, example };
    case 'maxLength':
      return { path, message: `must be at most ${String(params.limit)} characters long (got ${String(walk(data, error.instancePath)).length})`, example };
    case 'minLength':
      return { path, message: 'must not be empty', example };
    case 'minItems':
      return { path, message: 'must not be an empty list', example };
    case 'maxItems': {
      const why = path === 'props.policies' ? ' (RAM allows 20 tags per role; fc3-role uses one per attachment plus one)' : '';
      const length = walk(data, error.instancePath);
      return { path, message: `must have at most ${String(params.limit)} items${why} (got ${Array.isArray(length) ? length.length : '?'})`, example };
    }
    default:
      return { path, message: `${error.message ?? 'is not valid'} (got ${got})`, example };
  }
}

/** Every schema problem of `props` (already parsed from JSON if it came as text). */
export function findSchemaProblems(props: unknown): Problem[] {
  if (validateSchema(props)) return [];
  const errors = validateSchema.errors ?? [];
  // A value of the wrong type also fails its enum/pattern; the type problem alone says it better.
  const mistyped = new Set(errors.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return errors.filter((e) => e.keyword === 'type' || !mistyped.has(e.instancePath)).map((e) => translate(e, props));
}
