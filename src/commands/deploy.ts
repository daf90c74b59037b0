/** `s deploy`: read -> plan -> apply -> read back. A second run with no change writes nothing. */
import { applyChanges } from '../apply/apply';
import { observe } from '../apply/observe';
import { readBack } from '../apply/read-back';
import { findPolicyNameHints } from '../apply/policy-hints';
import { FC_SERVICE } from '../apply/readiness';
import { isCreatedByUs } from '../cloud/ownership';
import type { ResolvedConfig } from '../config/types';
import type { CloudContext } from '../cloud/clients';
import type { ComponentLogger } from '../logger';
import type { Change, ObservedState } from '../model';
import { outputFromObserved, type RoleOutput } from '../output';
import { blockersError, describeChange, findDeployBlockers, formatBlocker, planDeploy } from '../plan';
import { planDeployNotes } from '../plan/deploy';
import { observedFunctionRecord } from '../plan/function-record';
import { formatDeploySummary, summarizeDeploy } from '../plan/summary';
import { arnsEqual } from '../plan/identity';
import { reviewPermissions } from '../expect/review';
import { isFcRoleNotAssumable, isRoleNotVisible, type RetryInfo } from '../retry';
import { confirm } from './confirm';

/** Reads and plans; throws DeployBlocked (before any write) when a declared thing is missing. */
export async function readAndPlan(cloud: CloudContext, config: ResolvedConfig, action: string): Promise<{ observed: ObservedState; changes: Change[] }> {
  const observed = await observe(cloud, config.desired);
  const blockers = findDeployBlockers(config.desired, observed, await findPolicyNameHints(cloud, config.desired, observed));
  if (blockers.length > 0) throw blockersError(action, config.desired.role.name, blockers.map(formatBlocker));
  return { observed, changes: planDeploy(config.desired, observed) };
}

/**
 * A declared function whose role is not ours although fc3-role's own record (the role tag
 * `fc3-role:functions`) says that it used the role at the end of the last deploy: something else changed
 * it since (typically an fc3 deploy with another `role`, or none). Without that record (a first deploy,
 * an interrupted one, an adopted role) nothing is said: fc3-role never set that role.
 */
function warnAboutFunctionDrift(changes: Change[], observed: ObservedState, logger: ComponentLogger, resourceName: string): void {
  const record = observedFunctionRecord(observed);
  if (!record) return;
  const pairing = `If fc3 deploys this function, give fc3 the role with \`role: \${resources.${resourceName}.output.arn}\` in the fc3 resource (see README, "Using it with fc3") so the two agree.`;
  for (const c of changes) {
    if (c.kind !== 'setFunctionRole' || c.to === '' || !record.has({ region: c.region, name: c.functionName })) continue;
    const what = c.from === '' ? 'has no role' : `uses role ${c.from} instead of ${c.to}`;
    const how = c.from === '' ? 'cleared it (an fc3 deploy without `role` does)' : 'changed it';
    logger.warn(
      `Function ${c.region}/${c.functionName} ${what}: fc3-role set that role at the last deploy (its record on the role says so), so something else ${how} since. ` +
        `fc3-role sets it again now. ${pairing}`,
    );
  }
}

/**
 * Changes that take something away: a detach, replacing another role on a function, or rewriting a
 * role fc3-role did not create (its trust policy, description or session duration are someone else's).
 */
export function destructiveChanges(changes: readonly Change[], observed: ObservedState): string[] {
  const adopted = observed.role !== undefined && !isCreatedByUs(observed.role.tags);
  return changes
    .filter(
      (c) =>
        c.kind === 'detachPolicy' ||
        (c.kind === 'setFunctionRole' && c.from !== '' && !arnsEqual(c.from, c.to)) ||
        (c.kind === 'updateRole' && adopted),
    )
    .map((c) => {
      const line = describeChange(c, { observed });
      return c.kind === 'updateRole' ? `${line} (role not created by fc3-role)` : line;
    });
}

/** The one line that says a role made by someone else is being adopted, and what that means. */
export function adoptionLine(roleName: string): string {
  return (
    `Adopting role ${roleName}: fc3-role did not create it, so it changes its description and session duration only where s.yaml declares them, ` +
    'asks before rewriting it, and `s remove` keeps it (detaching only what fc3-role attached).'
  );
}

/** Progress of a retried change: "not visible yet" answers say what is awaited. */
function retryLine(roleName: string, line: string, change: Change, info?: RetryInfo): string {
  const next = info ? ` (next try in ${Math.round(info.delayMs)} ms)` : '';
  if (info && change.kind === 'attachPolicy' && isRoleNotVisible(info.error)) {
    return `waiting for Resource Manager to see role ${roleName}${next}: ${line}`;
  }
  if (info && change.kind === 'setFunctionRole' && isFcRoleNotAssumable(info.error)) {
    return `waiting for Function Compute to see role ${roleName}${next}: ${line}`;
  }
  return `retrying${next}: ${line}`;
}

/**
 * No declared function proved that FC sees a role created in this run, and nothing else can (STS
 * refuses AssumeRole from the account itself, and a RAM user cannot assume a role trusting only
 * fc.aliyuncs.com). Whoever uses the ARN next (fc3 through the output reference, the plugin) may meet
 * FC's 400 InvalidArgument for a while.
 */
function newRoleNote(arn: string): string {
  return (
    `Role ${arn} was created in this run. ${FC_SERVICE} usually sees a new role within a minute; until then Function Compute ` +
    'refuses to set it on a function (400 InvalidArgument, "failed to assume role"). If the next step (e.g. fc3 creating the function ' +
    'with this role) fails that way, run `s deploy` again: fc3-role makes no second change.'
  );
}

export interface DeployOptions {
  /** `-y`: do not ask before destructive changes. The plugin passes true (its args are the user's intent). */
  assumeYes: boolean;
  /** `--strict`: least-privilege warnings stop the deploy (before any write). Default: false. */
  strict?: boolean;
}

export async function runDeploy(
  cloud: CloudContext,
  config: ResolvedConfig,
  logger: ComponentLogger,
  resourceName: string,
  opts: DeployOptions,
): Promise<RoleOutput> {
  const { observed, changes } = await readAndPlan(cloud, config, 'Deploy');
  await reviewPermissions(cloud, config, observed, logger, { action: 'Deploy', strict: opts.strict ?? false });
  if (observed.role && !isCreatedByUs(observed.role.tags)) logger.info(adoptionLine(observed.role.name));
  if (changes.length > 0) {
    warnAboutFunctionDrift(changes, observed, logger, resourceName);
    const risky = destructiveChanges(changes, observed);
    if (risky.length > 0) await confirm({ title: 'Deploy will:', lines: risky }, opts.assumeYes, logger);
    const applied = await applyChanges(cloud, changes, {
      roleName: config.desired.role.name,
      roleTrustPolicy: config.desired.role.trustPolicy,
      onProgress: (change, phase, info) => {
        const line = describeChange(change, { observed });
        if (phase === 'start') logger.info(line);
        else if (phase === 'retrying') logger.info(retryLine(config.desired.role.name, line, change, info));
        else logger.debug(`done: ${line}`);
      },
    });
    // The ARN is handed out (output reference, plugin): say that FC may not see a new role yet.
    if (applied.createdRoleArn && !applied.createdRoleSeenByFc) logger.info(newRoleNote(applied.createdRoleArn));
  }
  for (const note of planDeployNotes(config.desired, observed)) logger.info(note);
  const after = await readBack(cloud, config.desired, observed, changes);
  logger.info(formatDeploySummary(summarizeDeploy(config.desired, observed, changes)));
  return outputFromObserved(config.desired, after);
}
