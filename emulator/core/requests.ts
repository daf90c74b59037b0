/** Every request the emulator received (auth failures and injected faults included), in order. */
import type { Product } from './types';

export interface RequestRecord {
  seq: number;
  time: number;
  /** 'unknown' for an RPC request naming a version no emulated product has. */
  product: Product | 'unknown';
  action: string;
  write: boolean;
  /** Caller ARN, or undefined when authentication failed. */
  caller?: string;
  accountId?: string;
  status: number;
  /** Error code when status >= 400 (or the fault injected). */
  code?: string;
  requestId: string;
  /** Set when a fault lost the answer AFTER the request was handled (status and code are the handler's). */
  lost?: 'reset' | 'hang';
}

export interface RequestFilter {
  product?: Product | 'unknown';
  /** Case-sensitive action name, e.g. 'CreateRole'. */
  action?: string;
  status?: number;
  /** true: only status >= 400 or dropped (status 0); false: only successes. */
  failed?: boolean;
  /** Caller ARN, compared case-insensitively. */
  caller?: string;
  accountId?: string;
  write?: boolean;
  /** true: only requests whose answer a fault lost after handling them; false: only answered ones. */
  lost?: boolean;
}

function matches(record: RequestRecord, filter: RequestFilter): boolean {
  if (filter.product !== undefined && record.product !== filter.product) return false;
  if (filter.action !== undefined && record.action !== filter.action) return false;
  if (filter.status !== undefined && record.status !== filter.status) return false;
  if (filter.failed !== undefined && (record.status >= 400 || record.status === 0) !== filter.failed) return false;
  if (filter.caller !== undefined && record.caller?.toLowerCase() !== filter.caller.toLowerCase()) return false;
  if (filter.accountId !== undefined && record.accountId !== filter.accountId) return false;
  if (filter.write !== undefined && record.write !== filter.write) return false;
  if (filter.lost !== undefined && (record.lost !== undefined) !== filter.lost) return false;
  return true;
}

export class RequestLog {
  readonly records: RequestRecord[] = [];
  private nextSeq = 1;

  /** Appends a record, numbering it. */
  add(record: Omit<RequestRecord, 'seq'>): RequestRecord {
    const full = { seq: this.nextSeq++, ...record };
    this.records.push(full);
    return full;
  }

  list(filter: RequestFilter = {}): RequestRecord[] {
    return this.records.filter((record) => matches(record, filter));
  }

  count(filter: RequestFilter = {}): number {
    return this.list(filter).length;
  }

  /** Requests whose action changes state (whether or not they succeeded; add `failed: false` for successful ones). */
  writes(filter: RequestFilter = {}): RequestRecord[] {
    return this.list({ ...filter, write: true });
  }

  clear(): void {
    this.records.length = 0;
    this.nextSeq = 1;
  }
}
