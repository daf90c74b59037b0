/** Name and value formats, shared by the schema, the semantic checks and the flag parser. */

/** RAM role names: "1 to 64 characters in length, and can contain letters, digits, periods (.), and hyphens (-)" (RAM CreateRole reference). */
export const ROLE_NAME_PATTERN = '^[A-Za-z0-9.-]{1,64}$';
/** RAM policy names: 1-128 letters, digits, `-`. */
export const POLICY_NAME_PATTERN = '^[A-Za-z0-9-]{1,128}$';
/** FC 3.0 function names: letters, digits, `_`, `-`; not starting with a digit or `-`; 1-128. */
export const FUNCTION_NAME_PATTERN = '^[A-Za-z_][A-Za-z0-9_-]{0,127}$';
export const RESOURCE_GROUP_ID_PATTERN = '^rg-[a-z0-9]+$';
/**
 * The longest resource group id accepted, so that every ownership mark `<Type>:<policy name>@<group id>`
 * fits RAM's 256-character tag value (see src/cloud/ownership.ts). Real ids are about 20 characters.
 */
export const MAX_RESOURCE_GROUP_ID_LENGTH = 120;
/** `http(s)://host[:port]`, no path. */
export const ENDPOINT_PATTERN = '^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?/?$';
/** A cloud service principal such as `fc.aliyuncs.com`. */
export const SERVICE_PATTERN = '^[a-z0-9-]+(\\.[a-z0-9-]+)+$';
/** `service:Action` with wildcards, or `*` (defined by the policy model). */
export { ACTION_PATTERN_SOURCE as ACTION_PATTERN } from '../policy/statement';

/** One RAM action of an expectation: `service:Action`, no wildcards (an expectation names what is needed). */
export const EXPECT_ACTION_PATTERN = '^[A-Za-z0-9-]+:[A-Za-z0-9_.-]+$';
/** The resource of an expectation: an ARN (`*` and `?` stand for every resource they match), or `*`. */
export const EXPECT_RESOURCE_PATTERN = '^(\\*|acs:\\S+)$';
/** An expectation as one string: `<action> on <resource>`. */
export const EXPECTATION_PATTERN = '^\\s*[A-Za-z0-9-]+:[A-Za-z0-9_.-]+\\s+on\\s+(\\*|acs:\\S+)\\s*$';

export const MIN_SESSION_DURATION = 3600;
export const MAX_SESSION_DURATION = 43200;
/** RAM allows 20 tags on a role: one marks it as ours, one per attachment we make, one left to the user. */
export const MAX_POLICIES = 18;
