/**
 * `s simulate`: would the role allow an action on a resource (`--action`, `--resource`), or every
 * `props.expect`? Allowed or denied, with the policy and statement that decide it. Reads only.
 */
import { observe } from '../apply/observe';
import type { CloudContext } from '../cloud/clients';
import type { SimulateFlags } from '../config/args';
import type { ResolvedConfig } from '../config/types';
import { configError } from '../config/problems';
import { formatExpectation, type Expectation } from '../expect/expectation';
import { currentGrants, describeAttachment, plannedGrants, type RoleGrants } from '../expect/grants';
import type { ComponentLogger } from '../logger';
import type { RoleIdentity } from '../output';
import type { StatementRef } from '../policy/evaluate';
import { describeRef, describeVerdict } from '../policy/explain';
import { evaluateScoped, type Outcome, type ScopedVerdict } from '../policy/scoped';
import { roleArnFor } from '../plan/identity';

export interface SimulationResult {
  action: string;
  resource: string;
  /** Where the request came from: `args` or `props.expect[i]`. */
  source: string;
  outcome: Outcome;
  /** For a resource in no resource group: Allow, Conditional, ExplicitDeny or ImplicitDeny. */
  decision: string;
  allowedBy: string[];
  deniedBy: string[];
  conditionKeys: string[];
  /** allowedInResourceGroups: where it is allowed. */
  resourceGroups: string[];
  explanation: string;
}

/** With the role's identity at the top, as deploy, plan, info and invoke return it. */
export interface SimulateOutput extends RoleIdentity {
  /** `deploy`: the role as deploy would leave it; `current`: as it is now. */
  basis: 'deploy' | 'current';
  results: SimulationResult[];
  /** Policies whose document could not be read (their permissions are not counted). */
  unreadable: string[];
}

/** What to simulate: --action on --resource, else every props.expect; InvalidConfiguration (before any cloud call) when neither. */
export function simulationRequests(config: ResolvedConfig, flags: SimulateFlags): Expectation[] {
  if (flags.action !== undefined && flags.resource !== undefined) return [{ action: flags.action, resource: flags.resource, path: 'args' }];
  const declared = config.expectations ?? [];
  if (declared.length > 0) return declared;
  throw configError([
    { path: 'args.--action', message: 'nothing to simulate: give --action and --resource, or declare props.expect', example: `--action oss:PutObject --resource 'acs:oss:*:*:my-bucket/*'` },
  ]);
}

function unique(refs: StatementRef[]): string[] {
  return [...new Set(refs.map(describeRef))];
}

function toResult(e: Expectation, verdict: ScopedVerdict): SimulationResult {
  const all = [verdict.everywhere, ...verdict.inGroups.map((g) => g.evaluation)];
  const relevant = verdict.outcome === 'allowedInResourceGroups'
    ? verdict.inGroups.filter((g) => verdict.groups.includes(g.resourceGroupId)).map((g) => g.evaluation)
    : all;
  return {
    action: e.action,
    resource: e.resource,
    source: e.path,
    outcome: verdict.outcome,
    decision: verdict.everywhere.decision,
    allowedBy: unique(relevant.flatMap((x) => x.allowedBy)),
    deniedBy: unique(all.flatMap((x) => x.deniedBy)),
    conditionKeys: [...new Set(all.flatMap((x) => x.conditionKeys))],
    resourceGroups: verdict.groups,
    explanation: describeVerdict(verdict),
  };
}

const LABEL: Record<Outcome, string> = { allowed: 'ALLOWED', denied: 'DENIED', conditional: 'DEPENDS', allowedInResourceGroups: 'ONLY IN GROUP' };

export async function runSimulate(
  cloud: CloudContext,
  config: ResolvedConfig,
  flags: SimulateFlags,
  wanted: readonly Expectation[],
  logger: ComponentLogger,
): Promise<SimulateOutput> {
  const roleName = config.desired.role.name;
  const basis = flags.current || config.desired.policies.length === 0 ? 'current' : 'deploy';
  let grants: RoleGrants;
  let arn = roleArnFor(cloud.accountId, roleName);
  if (basis === 'current') {
    const now = await currentGrants(cloud, roleName);
    if (!now.role) logger.warn(`Role ${roleName} does not exist: it holds no policy, so everything is denied.`);
    arn = now.role?.arn ?? arn;
    grants = now;
  } else {
    const observed = await observe(cloud, config.desired);
    arn = observed.role?.arn ?? arn;
    grants = await plannedGrants(cloud, config.desired, observed);
  }
  logger.write(`Simulating role ${roleName} ${basis === 'current' ? 'as it is now' : 'as deploy would leave it'} (${grants.policies.length} ${grants.policies.length === 1 ? 'policy' : 'policies'}):`);
  const results = wanted.map((e) => toResult(e, evaluateScoped(grants.policies, e)));
  for (const r of results) logger.write(`  ${LABEL[r.outcome]}: ${formatExpectation(r)}${r.source === 'args' ? '' : ` (${r.source})`}: ${r.explanation}`);
  const unreadable = grants.unreadable.map((u) => `${describeAttachment(u)}: ${u.reason}`);
  for (const u of unreadable) logger.warn(`Could not read policy ${u}; its permissions are not counted.`);
  return { roleName, arn, accountId: cloud.accountId, basis, results, unreadable };
}
