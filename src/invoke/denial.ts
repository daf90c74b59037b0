/**
 * A function's error that is a permission denial (AccessDenied, NoPermission, ...), and the action and
 * resource it names. The code comes from the error's type where the runtime reports one (ali-oss
 * `AccessDeniedError`, oss2 `AccessDenied`); a handler's error text is read only where no type says it, and
 * the action and resource only ever come from the text: parsed defensively (known field names, ARNs, OSS URLs),
 * and the report says so.
 */
import type { FunctionErrorBody } from './report';

/** Permission-denial codes of the services a function calls (OSS AccessDenied, POP NoPermission, SLS Unauthorized, ...). */
const DENIAL_CODES = ['AccessDenied', 'NoPermission', 'Forbidden.RAM', 'Forbidden', 'Unauthorized', 'InvalidAccessKeyId.Inactive'] as const;

export interface Denial {
  /** The denial code, e.g. AccessDenied. */
  code: string;
  /** `type`: from the error's type; `text`: recognised in the error text. */
  codeFrom: 'type' | 'text';
  /** e.g. oss:PutObject, when the text names it. */
  action?: string;
  /** e.g. acs:oss:*:*:my-bucket/hello.txt, when the text names it. */
  resource?: string;
}

/** `AccessDeniedError` / `AccessDeniedException` / `oss2.exceptions.AccessDenied` -> AccessDenied. */
function codeOfType(errorType: string | undefined): string | undefined {
  if (!errorType) return undefined;
  const bare = errorType.split('.').pop()?.replace(/(Error|Exception)$/, '') ?? '';
  return DENIAL_CODES.find((c) => c.replace('.', '') === bare || c === errorType);
}

function codeInText(text: string): string | undefined {
  return DENIAL_CODES.find((c) => new RegExp(`(^|[^A-Za-z.])${c.replace('.', '\\.')}([^A-Za-z.]|$)`).test(text));
}

/** `AuthAction: oss:PutObject`, `"AuthAction":"oss:PutObject"`, `<AuthAction>oss:PutObject</AuthAction>`. */
function field(text: string, name: string, value: string): string | undefined {
  const match = new RegExp(`${name}["'>]?\\s*[:=]?\\s*["']?(${value})`).exec(text);
  return match?.[1];
}

const ACTION = '[A-Za-z0-9-]+:[A-Za-z0-9_.-]+';
const ARN = 'acs:[a-z0-9-]+:[^\\s"\'<>,;()]*';

/** `PutObject oss://my-bucket/hello.txt` (how the example handlers name a refused OSS call). */
function ossCall(text: string): { action: string; resource: string } | undefined {
  const match = /\b([A-Z][A-Za-z]+) oss:\/\/([a-z0-9][a-z0-9-]{1,62})(?:\/(\S*))?/.exec(text);
  if (!match) return undefined;
  const key = match[3]?.replace(/[.,;:)]+$/, '');
  return { action: `oss:${match[1]}`, resource: key ? `acs:oss:*:*:${match[2]}/${key}` : `acs:oss:*:*:${match[2]}` };
}

/** The denial in a function's error, if it is one. */
export function findDenial(error: FunctionErrorBody): Denial | undefined {
  const text = [error.errorMessage, ...error.stackTrace].join('\n');
  const byType = codeOfType(error.errorType);
  const code = byType ?? codeInText(error.errorMessage);
  if (!code) return undefined;
  const call = ossCall(text);
  const action = field(text, 'AuthAction', ACTION) ?? call?.action ?? new RegExp(`\\b([a-z][a-z0-9-]*:[A-Z][A-Za-z0-9]+)\\b`).exec(text)?.[1];
  const resource = field(text, 'AuthResource', ARN) ?? call?.resource ?? new RegExp(ARN).exec(text)?.[0];
  return { code, codeFrom: byType ? 'type' : 'text', ...(action ? { action } : {}), ...(resource ? { resource } : {}) };
}
