/** The error of a batch of function-role changes that stopped at its first failure: what was done and what was not. */
import { Fc3RoleError } from '../errors';
import type { Change } from '../model';
import type { Settled } from '../cloud/concurrency';

type FunctionRoleChange = Extract<Change, { kind: 'setFunctionRole' }>;

const where = (c: FunctionRoleChange): string => `${c.region}/${c.functionName}`;

function list(items: ReadonlyArray<{ item: FunctionRoleChange }>): string {
  return items.length === 0 ? 'none' : items.map((i) => where(i.item)).join(', ');
}

function codeOf(e: unknown): string {
  return e instanceof Fc3RoleError ? e.code : 'CloudError';
}

/**
 * Names every function of the batch: done, failed (with each error), not started. The code is the
 * first failure's; the first failure is the cause. A batch of one function fails with its own error.
 */
export function functionBatchError(settled: Settled<FunctionRoleChange, void>): unknown {
  const first = settled.failed[0];
  if (settled.done.length + settled.failed.length + settled.notStarted.length === 1) return first.error;
  const failures = settled.failed.map((f) => `- ${where(f.item)}: ${f.error instanceof Error ? f.error.message : String(f.error)}`);
  const message = [
    `Setting the role of ${settled.done.length + settled.failed.length + settled.notStarted.length} functions stopped at the first failure ` +
      `(no function was started after it; those in flight were waited for).`,
    `Done: ${list(settled.done)}.`,
    `Failed: ${list(settled.failed)}.`,
    `Not started: ${list(settled.notStarted)}.`,
    ...failures,
  ].join('\n');
  return new Fc3RoleError(codeOf(first.error), message, {
    hint: 'Fix the cause above and run deploy again: it sets the role on the functions that do not have it yet and changes nothing else.',
    cause: first.error,
  });
}
