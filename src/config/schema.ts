/**
 * The props JSON schema (draft-07): the single source for validation, the component's `getSchema()`
 * and `Parameters` in publish.yaml. Typos are errors (`additionalProperties: false` everywhere);
 * keywords apply per type, so `type: ['string', 'object']` items stay free of anyOf noise.
 */
import { FC3_REGIONS } from './regions';
import { toEngineSchema } from './schema-engine';
import {
  ACTION_PATTERN,
  ENDPOINT_PATTERN,
  EXPECT_ACTION_PATTERN,
  EXPECT_RESOURCE_PATTERN,
  EXPECTATION_PATTERN,
  FUNCTION_NAME_PATTERN,
  MAX_POLICIES,
  MAX_RESOURCE_GROUP_ID_LENGTH,
  MAX_SESSION_DURATION,
  MIN_SESSION_DURATION,
  POLICY_NAME_PATTERN,
  RESOURCE_GROUP_ID_PATTERN,
  ROLE_NAME_PATTERN,
  SERVICE_PATTERN,
} from './patterns';

const regionSchema = {
  type: 'string',
  enum: FC3_REGIONS,
  description: 'A Function Compute 3.0 region id.',
  examples: ['cn-hangzhou'],
} as const;

const documentSchema = (what: string, example: object) =>
  ({
    type: ['object', 'string'],
    minLength: 1,
    description: `${what}: an object, a JSON string, or the path of a JSON file relative to s.yaml. RAM syntax: Version "1" and a list of Statement.`,
    examples: [example, './policy.json'],
  }) as const;

const stringOrList = (description: string, example: string, pattern?: string) =>
  ({
    type: ['string', 'array'],
    minLength: 1,
    minItems: 1,
    ...(pattern ? { pattern } : {}),
    items: { type: 'string', minLength: 1, ...(pattern ? { pattern } : {}), description: 'One entry of the list.', examples: [example] },
    description: `${description} A string or a list of strings.`,
    examples: [[example], example],
  }) as const;

const statementSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['Effect'],
  description: 'One RAM statement: Effect, Action (or NotAction) and Resource (or NotResource), optionally Condition.',
  examples: [{ Effect: 'Allow', Action: ['oss:PutObject'], Resource: ['acs:oss:*:*:my-bucket/*'] }],
  properties: {
    Effect: { type: 'string', enum: ['Allow', 'Deny'], description: 'Allow or Deny. Required.', examples: ['Allow'] },
    Action: stringOrList('Actions the statement covers, as service:Action (wildcards allowed).', 'oss:PutObject', ACTION_PATTERN),
    NotAction: stringOrList('Every action except these (instead of Action).', 'oss:DeleteBucket', ACTION_PATTERN),
    Resource: stringOrList('Resources (ARNs) the statement covers; RAM requires one of Resource/NotResource.', 'acs:oss:*:*:my-bucket/*'),
    NotResource: stringOrList('Every resource except these (instead of Resource).', 'acs:oss:*:*:other-bucket/*'),
    Condition: {
      type: 'object',
      description: 'Conditions: operator -> { key: value(s) }. Default: none.',
      examples: [{ IpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } }],
    },
  },
} as const;

const statementsSchema = (description: string) =>
  ({ type: 'array', minItems: 1, items: statementSchema, description, examples: [statementSchema.examples] }) as const;

const policySchema = {
  type: ['string', 'object'],
  pattern: POLICY_NAME_PATTERN,
  additionalProperties: false,
  required: ['name'],
  description:
    'A policy to attach to the role. A string names a system policy (matched case-insensitively) at account scope; an object can set the scope, or define a custom policy this component creates and versions (statements or document), or attach an existing custom policy (type: Custom).',
  examples: ['AliyunOSSFullAccess', { name: 'my-oss-writer', statements: statementSchema.examples }],
  properties: {
    name: {
      type: 'string',
      pattern: POLICY_NAME_PATTERN,
      description: 'The policy name: 1-128 letters, digits and hyphens. Required.',
      examples: ['my-oss-writer'],
    },
    type: {
      type: 'string',
      enum: ['System', 'Custom'],
      description: 'System or Custom. Default: Custom when statements or a document is given, otherwise System.',
      examples: ['Custom'],
    },
    resourceGroupId: {
      type: 'string',
      pattern: RESOURCE_GROUP_ID_PATTERN,
      maxLength: MAX_RESOURCE_GROUP_ID_LENGTH,
      description: 'Attach within this resource group (Resource Manager) instead of the whole account. Default: account scope.',
      examples: ['rg-acfmxyz123'],
    },
    description: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      description:
        'Description of a custom policy this component creates: 1 to 1,024 characters (RAM cannot clear one). Default: none; left out, the policy keeps the description it has.',
      examples: ['Lets my function write to my-bucket'],
    },
    statements: statementsSchema('The statements of a custom policy this component creates and versions (Version "1" is implied).'),
    statement: statementsSchema('Same as statements (the word the old devsapp/ram component used).'),
    document: documentSchema('The whole document of a custom policy this component creates and versions (instead of statements)', {
      Version: '1',
      Statement: statementSchema.examples,
    }),
  },
} as const;

const functionSchema = {
  type: ['string', 'object'],
  pattern: FUNCTION_NAME_PATTERN,
  additionalProperties: false,
  required: ['name'],
  description: 'An FC 3.0 function that gets this role: its name (in props.region), or { name, region }.',
  examples: ['my-function', { name: 'other-function', region: 'cn-shanghai' }],
  properties: {
    name: { type: 'string', pattern: FUNCTION_NAME_PATTERN, description: 'The function name. Required.', examples: ['my-function'] },
    region: { ...regionSchema, description: 'The function region. Default: props.region.' },
  },
} as const;

const expectationSchema = {
  type: ['string', 'object'],
  pattern: EXPECTATION_PATTERN,
  additionalProperties: false,
  required: ['action', 'resource'],
  description:
    'A permission the functions need: "<action> on <resource>", or { action, resource }. plan and deploy check, before any write, that the role will allow it.',
  examples: ['oss:PutObject on acs:oss:*:*:my-bucket/*', { action: 'log:PostLogStoreLogs', resource: 'acs:log:cn-hangzhou:*:project/my-project/logstore/*' }],
  properties: {
    action: {
      type: 'string',
      pattern: EXPECT_ACTION_PATTERN,
      description: 'One RAM action, service:Action, without wildcards. Required.',
      examples: ['oss:PutObject'],
    },
    resource: {
      type: 'string',
      pattern: EXPECT_RESOURCE_PATTERN,
      description: 'The resource ARN; * and ? in it stand for every resource they match (all must be allowed). Or "*". Required.',
      examples: ['acs:oss:*:*:my-bucket/*'],
    },
  },
} as const;

export const propsSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'fc3-role props',
  description: 'The RAM role of Function Compute 3.0 functions: the role, its policies and the functions that use it.',
  type: 'object',
  additionalProperties: false,
  required: ['region', 'role'],
  examples: [{ region: 'cn-hangzhou', role: { name: 'fc-oss-writer' }, policies: ['AliyunOSSFullAccess'], functions: ['my-function'] }],
  properties: {
    region: { ...regionSchema, description: 'Default region of the functions (a Function Compute 3.0 region id). Required.' },
    endpoint: {
      type: 'string',
      pattern: ENDPOINT_PATTERN,
      description:
        'Send RAM, STS, Resource Manager and FC calls to this http(s)://host[:port] instead of the Alibaba Cloud endpoints (e.g. a local emulator). Default: the real endpoints, or env FC3_ROLE_ENDPOINT; this prop wins.',
      examples: ['http://127.0.0.1:9000'],
    },
    fcEndpoints: {
      type: 'object',
      additionalProperties: { type: 'string', pattern: ENDPOINT_PATTERN },
      description:
        'The Function Compute endpoint of each region, as http(s)://host[:port] (FC has one endpoint per region, e.g. a local emulator prints one per region). Needed for every region used when endpoint / FC3_ROLE_ENDPOINT is set. Default: the real endpoints, or env FC3_ROLE_FC_ENDPOINTS (cn-hangzhou=http://127.0.0.1:9001,...); this prop wins.',
      examples: [{ 'cn-hangzhou': 'http://127.0.0.1:9001', 'cn-shanghai': 'http://127.0.0.1:9002' }],
    },
    role: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      description: 'The RAM role. Required.',
      examples: [{ name: 'fc-oss-writer', description: 'Lets my function write to OSS' }],
      properties: {
        name: {
          type: 'string',
          pattern: ROLE_NAME_PATTERN,
          description: 'The RAM role name: 1-64 letters, digits, "." and "-". Required.',
          examples: ['fc-oss-writer'],
        },
        description: {
          type: 'string',
          minLength: 1,
          maxLength: 1024,
          description: 'The role description: 1 to 1,024 characters (RAM cannot clear one). Default: none; left out, an existing role keeps its own.',
          examples: ['Lets my function write to OSS'],
        },
        services: {
          ...stringOrList('Cloud services trusted to assume the role. Default: fc.aliyuncs.com. Not together with trustPolicy.', 'fc.aliyuncs.com', SERVICE_PATTERN),
        },
        trustPolicy: documentSchema('The whole trust policy (who may assume the role) instead of services. Default: built from services', {
          Version: '1',
          Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { Service: ['fc.aliyuncs.com'] } }],
        }),
        maxSessionDuration: {
          type: 'integer',
          minimum: MIN_SESSION_DURATION,
          maximum: MAX_SESSION_DURATION,
          description: 'Longest session, in seconds, of credentials issued for the role (3600-43200). Default: 3600.',
          examples: [3600],
        },
      },
    },
    policies: {
      type: 'array',
      maxItems: MAX_POLICIES,
      items: policySchema,
      description: `Policies to attach to the role. Default: none. At most ${MAX_POLICIES}: RAM allows 20 tags on a role, and this component uses one tag to mark the role as created and one per attachment it makes, leaving one for you.`,
      examples: [policySchema.examples],
    },
    functions: {
      type: 'array',
      items: functionSchema,
      description: 'Existing FC 3.0 functions whose role is set to this role. Default: none.',
      examples: [functionSchema.examples],
    },
    expect: {
      type: 'array',
      items: expectationSchema,
      description:
        'Permissions the functions need. plan and deploy evaluate each against the role as deploy would leave it and stop before any write when one is not met; s simulate checks them on demand. Default: none.',
      examples: [expectationSchema.examples],
    },
    serviceLinkedRole: {
      type: 'boolean',
      description: 'Make sure the service-linked role AliyunServiceRoleForFC exists. Default: false.',
      examples: [true],
    },
    invoke: {
      type: 'object',
      additionalProperties: false,
      description: 'What `s invoke` sends. Default: the only declared function, with an empty event.',
      examples: [{ function: 'my-function', event: { key: 'value' } }],
      properties: {
        function: {
          type: 'string',
          pattern: FUNCTION_NAME_PATTERN,
          description: 'The function to invoke; must be one of functions when functions are declared. Default: the only declared function.',
          examples: ['my-function'],
        },
        event: {
          type: ['object', 'string'],
          description: 'The event: an object (sent as JSON) or a string (sent as is). Default: empty. Not together with eventFile.',
          examples: [{ key: 'value' }],
        },
        eventFile: {
          type: 'string',
          minLength: 1,
          description: 'A file holding the event, relative to s.yaml. Default: none. Not together with event.',
          examples: ['./event.json'],
        },
      },
    },
  },
} as const;

/**
 * The schema as the JSON string `getSchema()` returns to the `s` engine: unions spelled with anyOf
 * (see schema-engine.ts), so the engine's strict ajv validates without warnings.
 */
// Choice: getSchema() returns the anyOf form of propsSchema (the engine's ajv warns on type unions); the component validates with propsSchema itself (allowUnionTypes) for its friendlier problems; publish.yaml Parameters keep propsSchema.
export function schemaJson(): string {
  return JSON.stringify(toEngineSchema(propsSchema), null, 2);
}
