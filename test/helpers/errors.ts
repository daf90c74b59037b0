/** Capturing what the real SDKs throw, with the fields tests assert on. */

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
