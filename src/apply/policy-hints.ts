/**
 * A way out for a declared system policy RAM does not know: the nearest name in RAM's list of system
 * policies ("did you mean AliyunOSSFullAccess?"), or, when the name is a custom policy's, how to attach
 * that instead (the old devsapp/ram component looked a plain name up as a system policy, then as a
 * custom one; fc3-role reads a plain name as a system policy only). Reads only, and only when needed.
 */
import type { CloudContext } from '../cloud/clients';
import { listSystemPolicyNames } from '../cloud/ram-catalog';
import { findPolicy } from '../cloud/ram-policy';
import { closest } from '../config/text';
import type { DesiredState, ObservedState } from '../model';
import { findSystemPolicyName } from '../plan/policies';

export interface PolicyNameHint {
  /** Appended to the blocker's message, e.g. ` (did you mean AliyunOSSFullAccess?)`. */
  guess: string;
  /** What to write instead. */
  hint: string;
}

/** Hints by lower-cased name, for each declared system policy RAM does not know (empty when all are known: no call). */
export async function findPolicyNameHints(ctx: CloudContext, desired: DesiredState, observed: ObservedState): Promise<Record<string, PolicyNameHint>> {
  const unknown = [...new Set(desired.policies.filter((p) => p.type === 'System' && findSystemPolicyName(observed, p.name) === undefined).map((p) => p.name))];
  const hints: Record<string, PolicyNameHint> = {};
  if (unknown.length === 0) return hints;
  // Choice: a refused or failed ListPolicies costs only the guess; the unknown policy is still reported.
  const catalog = await listSystemPolicyNames(ctx).catch(() => [] as string[]);
  for (const name of unknown) {
    const guess = closest(name, catalog);
    if (guess !== undefined) {
      hints[name.toLowerCase()] = { guess: ` (did you mean ${guess}?)`, hint: `write ${guess} (the name in RAM's list of system policies)` };
      continue;
    }
    const custom = await findPolicy(ctx, 'Custom', name).catch(() => undefined);
    if (custom) {
      hints[name.toLowerCase()] = {
        guess: `, but custom policy ${custom.name} exists`,
        hint:
          `a plain name is a system policy in fc3-role (the old devsapp/ram component also tried custom policies): ` +
          `attach the custom one with { name: ${custom.name}, type: Custom }`,
      };
    }
  }
  return hints;
}
