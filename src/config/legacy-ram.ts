/**
 * Props of the old devsapp/ram component (Serverless Devs 2.x) that people bring along, each with the
 * same thing said in fc3-role's props. In devsapp/ram the role's fields sat at the top level:
 * `name`, `description`, `service` (the trusted service) or `statement` (the whole trust Statement
 * list), and `serviceName` only fed a local cache. Pure.
 */
import { isRecord, quoteValue } from './text';

export interface LegacyHint {
  message: string;
  /** The same setting in fc3-role's props, built from the value the user wrote. */
  example: string;
}

function compact(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

type Translate = (value: unknown) => LegacyHint;

const LEGACY_PROPS: Readonly<Record<string, Translate>> = {
  name: (value) => ({
    message: `is the old devsapp/ram component's role name; fc3-role takes it as role.name (got ${quoteValue(value)})`,
    example: `role: { name: ${compact(value)} }`,
  }),
  description: (value) => ({
    message: `is the old devsapp/ram component's role description; fc3-role takes it as role.description (got ${quoteValue(value)})`,
    example: `role: { description: ${JSON.stringify(value)} }`,
  }),
  service: (value) => ({
    message: `is the old devsapp/ram component's trusted service; fc3-role takes a list in role.services (got ${quoteValue(value)})`,
    example: `role: { services: [${(Array.isArray(value) ? value : [value]).map(compact).join(', ')}] }`,
  }),
  statement: (value) => ({
    message: "is the old devsapp/ram component's trust policy Statement list; fc3-role takes the whole trust policy in role.trustPolicy",
    example: `role: { trustPolicy: ${JSON.stringify({ Version: '1', Statement: Array.isArray(value) ? value : [value] })} }`,
  }),
  serviceName: () => ({
    message: "only fed the old devsapp/ram component's local cache; fc3-role does not need it (the functions that use the role go in functions)",
    example: 'functions: [my-function]',
  }),
};

/** The hint for an unknown top-level prop that devsapp/ram used, if `key` is one. */
export function legacyRamHint(key: string, props: unknown): LegacyHint | undefined {
  const translate = Object.prototype.hasOwnProperty.call(LEGACY_PROPS, key) ? LEGACY_PROPS[key] : undefined;
  return translate?.(isRecord(props) ? props[key] : undefined);
}
