/**
 * Capturing what the real SDKs throw, with the fields tests assert on; and the emulator's own
 * ApiError for unit tests of its state and validation.
 */
import { ApiError } from '../../emulator/core/types';

export interface SdkError {
  name: string;
  message: string;
  /** @alicloud: body Code; ali-oss: XML Code; Node: e.g. ECONNRESET. */
  code?: string;
  /** @alicloud clients. */
  statusCode?: number;
  /** ali-oss. */
  status?: number;
  requestId?: string;
  data?: Record<string, unknown>;
  accessDeniedDetail?: Record<string, unknown> | null;
}

/** Awaits `promise`, expecting it to reject; returns the error (fails the test when it resolves). */
export async function captureError(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (err) {
    // Not `instanceof Error`: Node's own errors come from another realm under jest.
    if (typeof err === 'object' && err !== null && 'message' in err) return err as SdkError;
    throw new Error(`rejected with a non-Error: ${String(err)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const RPC_REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;
export const FC_REQUEST_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;
export const OSS_REQUEST_ID = /^[0-9A-F]{24}$/;

/** Expects the RPC `call` to reject with `code`, `statusCode` and an RPC request id. */
export async function expectApiError(call: Promise<unknown>, code: string, statusCode: number): Promise<void> {
  const err: unknown = await call.then(
    () => new Error(`expected ${code}, but the call succeeded`),
    (e: unknown) => e,
  );
  expect(err).toMatchObject({ code, statusCode, requestId: expect.stringMatching(RPC_REQUEST_ID) });
}

/** `"<status> <code>"` of the emulator ApiError `fn` throws; undefined when it returns (other errors propagate). */
export function apiErrorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError) return `${err.status} ${err.code}`;
    throw err;
  }
  return undefined;
}
