/**
 * The component's one error class. Every error carries a code to branch on, a message that names
 * the action and the resource, a hint saying what to do, and the cause (with the cloud's RequestId).
 */
export interface ErrorDetails {
  hint?: string;
  cause?: unknown;
  /** The cloud's RequestId, when a cloud call failed. */
  requestId?: string;
  /** The cloud's error code, when a cloud call failed. */
  cloudCode?: string;
}

export class Fc3RoleError extends Error {
  override readonly name = 'Fc3RoleError';
  readonly hint?: string;
  readonly requestId?: string;
  readonly cloudCode?: string;

  constructor(readonly code: string, message: string, details: ErrorDetails = {}) {
    super(Fc3RoleError.compose(message, details), { cause: details.cause });
    this.hint = details.hint;
    this.requestId = details.requestId;
    this.cloudCode = details.cloudCode;
  }

  /** `s` drops everything but the message, so the hint and request id go into it. */
  private static compose(message: string, details: ErrorDetails): string {
    const parts = [message];
    const cloud = [details.cloudCode && `cloud code: ${details.cloudCode}`, details.requestId && `RequestId: ${details.requestId}`].filter(Boolean);
    if (cloud.length > 0) parts.push(`(${cloud.join(', ')})`);
    if (details.hint) parts.push(`Hint: ${details.hint}`);
    return parts.join('\n');
  }
}

export function isFc3RoleError(e: unknown, code?: string): e is Fc3RoleError {
  return e instanceof Fc3RoleError && (code === undefined || e.code === code);
}
