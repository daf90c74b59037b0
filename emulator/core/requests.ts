// STUB: replaced by the core owner.
import type { Product } from './types';

export interface RequestRecord {
  seq: number;
  time: number;
  product: Product;
  action: string;
  write: boolean;
  /** Caller ARN, or undefined when authentication failed. */
  caller?: string;
  accountId?: string;
  status: number;
  /** Error code when status >= 400 (or the fault injected). */
  code?: string;
  requestId: string;
}

export class RequestLog {
  readonly records: RequestRecord[] = [];
}
