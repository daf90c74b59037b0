/** One request on its way through the server: what it was classified as, and how to run it. */
import type { IncomingHttpHeaders } from 'http';
import type { Protocol, WireResponse } from './errors';
import type { ApiError, Caller, Product } from './types';
import type { World } from './world';

/** The raw request, body fully read. */
export interface RawRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The FC region whose endpoint (port) the request came in on; undefined on the shared endpoint. */
  endpointRegion?: string;
}

/** Filled in while a request runs, for the request log. */
export interface Trace {
  caller?: Caller;
  /** The protocol handler may name the action more precisely once it has run (OSS). */
  action?: string;
  write?: boolean;
}

export interface Exchange {
  protocol: Protocol;
  product: Product | 'unknown';
  action: string;
  write: boolean;
  requestId: string;
  /** Named in RPC/OSS error bodies. */
  hostId: string;
  /** Set when routing already failed (unknown version, action or path): answered as is, after logging. */
  routingError?: ApiError;
  /** Authenticates and runs the handler. ApiErrors it throws are serialized by the server. */
  execute(world: World, trace: Trace): Promise<WireResponse>;
}
