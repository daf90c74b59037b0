/**
 * The test event: which source wins (pure), then its bytes (reads a file or stdin).
 * The text is sent as-is: an invalid JSON string is a valid payload (FC receives bytes).
 */
import { readFile } from 'fs/promises';
import { isAbsolute, resolve } from 'path';
import { Fc3RoleError } from '../errors';
import type { EventSource } from './types';

/** The event-related flags and props, already parsed. */
export interface EventInputs {
  flagEvent?: string;
  flagEventFile?: string;
  flagEventStdin?: boolean;
  /** props.invoke.event / eventFile, already resolved to text by config validation. */
  propsEvent?: { source: 'inline' | 'file'; text: string; path?: string };
  /** Where `-f <path>` is resolved (the cwd of `s`). */
  cwd: string;
}

/** Precedence: -e, -f (`-` = stdin), -s, props (inline event or event file); nothing = empty body. */
export function planEventSource(i: EventInputs): EventSource {
  if (i.flagEvent !== undefined) return { kind: 'inline', text: i.flagEvent, origin: '--event' };
  if (i.flagEventFile !== undefined && i.flagEventFile !== '') {
    if (i.flagEventFile === '-') return { kind: 'stdin', origin: '--event-file -' };
    return { kind: 'file', path: absolute(i.cwd, i.flagEventFile), origin: '--event-file' };
  }
  if (i.flagEventStdin) return { kind: 'stdin', origin: '--event-stdin' };
  if (i.propsEvent) {
    const origin = i.propsEvent.source === 'file' ? 'props.invoke.eventFile' : 'props.invoke.event';
    return { kind: 'inline', text: i.propsEvent.text, origin };
  }
  return { kind: 'none' };
}

function absolute(base: string, p: string): string {
  return isAbsolute(p) ? p : resolve(base, p);
}

/** The event's bytes; an unreadable or missing event file is an error (EventFileUnreadable). */
export async function readEventBytes(source: EventSource, stdin: NodeJS.ReadableStream): Promise<Buffer> {
  switch (source.kind) {
    case 'none':
      return Buffer.alloc(0);
    case 'inline':
      return Buffer.from(source.text, 'utf8');
    case 'stdin':
      return readAll(stdin);
    case 'file':
      try {
        return await readFile(source.path);
      } catch (e) {
        const reason = e instanceof Error ? e.message : String(e);
        throw new Fc3RoleError('EventFileUnreadable', `Failed to read the event file ${source.path} (${source.origin}): ${reason}`, {
          hint: 'Check the path: `-f/--event-file` is relative to the current directory; `-f -` reads stdin.',
          cause: e,
        });
      }
  }
}

/** Reads a stream to its end. */
export function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer | string) => chunks.push(typeof c === 'string' ? Buffer.from(c, 'utf8') : c));
    stream.once('end', () => resolvePromise(Buffer.concat(chunks)));
    stream.once('error', reject);
    stream.resume();
  });
}

/** A short description of the source for the debug log (never the event's content). */
export function describeEventSource(source: EventSource): string {
  switch (source.kind) {
    case 'none':
      return 'no event (empty body)';
    case 'inline':
      return `event from ${source.origin}`;
    case 'file':
      return `event from ${source.origin} ${source.path}`;
    case 'stdin':
      return `event from stdin (${source.origin})`;
  }
}
