/**
 * The props schema as the `s` engine's own ajv takes it (getSchema(), `s verify`, `validation: true`):
 * that ajv runs in strict mode without allowUnionTypes and warns on every `type: [a, b]`. So each union
 * becomes `anyOf` with one branch per type, carrying the keywords that apply to that type. Derived from
 * propsSchema (the single source), which the component itself validates with (allowUnionTypes).
 */
import { isRecord } from './text';

/** Keywords that belong to one JSON type; the rest (description, examples, ...) stay on the node. */
const KEYWORDS_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  string: ['minLength', 'maxLength', 'pattern', 'format', 'enum'],
  array: ['items', 'minItems', 'maxItems', 'uniqueItems'],
  object: ['properties', 'additionalProperties', 'required', 'minProperties', 'maxProperties'],
  integer: ['minimum', 'maximum', 'enum'],
  number: ['minimum', 'maximum', 'enum'],
  boolean: [],
};

const TYPED_KEYWORDS = new Set(Object.values(KEYWORDS_BY_TYPE).flat());

function mapChildren(node: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toEngineSchema(v)]));
    } else if (key === 'items' || key === 'additionalProperties') {
      out[key] = isRecord(value) ? toEngineSchema(value) : value;
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A copy of `schema` where every union type is an anyOf of single-type branches (pure). */
export function toEngineSchema(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const node = mapChildren(schema);
  if (!Array.isArray(node.type)) return node;
  const types = node.type.filter((t): t is string => typeof t === 'string');
  const shared: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'type' && !TYPED_KEYWORDS.has(key)) shared[key] = value;
  const anyOf = types.map((type) => {
    const branch: Record<string, unknown> = { type };
    for (const key of KEYWORDS_BY_TYPE[type] ?? []) if (node[key] !== undefined) branch[key] = node[key];
    return branch;
  });
  return { ...shared, anyOf };
}
