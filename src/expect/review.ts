/**
 * The least-privilege review plan and deploy run before any write: every expectation evaluated against the
 * role as deploy would leave it, and the lint. An expectation that is denied stops the command; lint findings
 * and expectations met only under a condition or in a resource group are warnings (`--strict`: errors).
 */
import type { CloudContext } from '../cloud/clients';
import type { ResolvedConfig } from '../config/types';
import { Fc3RoleError } from '../errors';
import type { ComponentLogger } from '../logger';
import type { ObservedState } from '../model';
import { describeVerdict } from '../policy/explain';
import { lintPermissions, type Finding } from '../policy/lint';
import { evaluateScoped, type ScopedVerdict } from '../policy/scoped';
import { formatExpectation, type Expectation } from './expectation';
import { describeAttachment, plannedGrants, type UnreadablePolicy } from './grants';

export interface ExpectationResult {
  expectation: Expectation;
  verdict: ScopedVerdict;
}

export interface PermissionReview {
  results: ExpectationResult[];
  findings: Finding[];
  unreadable: UnreadablePolicy[];
}

export interface ReviewOptions {
  /** `Plan` or `Deploy`, for messages. */
  action: string;
  /** `--strict`: warnings are errors. */
  strict: boolean;
}

/** `met`, `NOT MET` or `uncertain`, and the verdict in words. */
export function describeResult(r: ExpectationResult): string {
  const label = r.verdict.outcome === 'allowed' ? 'met' : r.verdict.outcome === 'denied' ? 'NOT MET' : 'uncertain';
  return `${label}: ${formatExpectation(r.expectation)} (${r.expectation.path}): ${describeVerdict(r.verdict)}`;
}

/** What would meet a denied expectation. */
function missing(r: ExpectationResult): string {
  const e = r.verdict.everywhere;
  if (e.decision === 'ExplicitDeny') return 'remove or narrow the Deny named above (a Deny beats every Allow)';
  return `an Allow of ${r.expectation.action} on ${r.expectation.resource} at account scope`;
}

function lines(f: Finding): string[] {
  return [`${f.path ? `${f.path}: ` : ''}${f.message}`, ...(f.detail ?? []).map((l) => `  ${l}`)];
}

/** Evaluates, logs, and throws ExpectationNotMet (or StrictCheckFailed) before any write. */
export async function reviewPermissions(
  cloud: CloudContext,
  config: ResolvedConfig,
  observed: ObservedState,
  logger: ComponentLogger,
  opts: ReviewOptions,
): Promise<PermissionReview> {
  const expectations = config.expectations ?? [];
  const roleName = config.desired.role.name;
  // Documents are read only when there is something to evaluate.
  const grants = expectations.length > 0 ? await plannedGrants(cloud, config.desired, observed) : undefined;
  const results = grants ? expectations.map((expectation) => ({ expectation, verdict: evaluateScoped(grants.policies, expectation) })) : [];
  const findings = lintPermissions({
    desired: config.desired,
    accountId: observed.accountId,
    needs: expectations,
    policies: grants?.policies,
    results: results.map((r) => ({ need: r.expectation, verdict: r.verdict })),
  });
  const unreadable = grants?.unreadable ?? [];

  if (results.length > 0) {
    logger.write(`Expectations of role ${roleName} (as deploy would leave it):`);
    for (const r of results) logger.write(`  ${describeResult(r)}`);
  }
  for (const u of unreadable) logger.warn(`Could not read policy ${describeAttachment(u)}: ${u.reason}; its permissions are not counted.`);
  for (const f of findings) {
    const [first, ...rest] = lines(f);
    logger.warn(`Least privilege: ${first}`);
    for (const l of rest) logger.write(l);
  }

  const unmet = results.filter((r) => r.verdict.outcome === 'denied');
  if (unmet.length > 0) {
    const list = unmet.map((r) => `  - ${describeResult(r)}; missing: ${missing(r)}`).join('\n');
    throw new Fc3RoleError(
      'ExpectationNotMet',
      `${opts.action} stopped before any change: ${unmet.length} of ${results.length} expectations ${unmet.length === 1 ? 'is' : 'are'} not met by role ${roleName} as deploy would leave it:\n${list}`,
      { hint: 'Give the role a policy that allows what is missing (props.policies), or correct props.expect. `s simulate` shows the statements that decide.' },
    );
  }
  const uncertain = results.filter((r) => r.verdict.outcome === 'conditional' || r.verdict.outcome === 'allowedInResourceGroups');
  if (opts.strict && (findings.length > 0 || uncertain.length > 0 || unreadable.length > 0)) {
    const all = [
      ...uncertain.map(describeResult),
      ...unreadable.map((u) => `policy ${describeAttachment(u)} could not be read: ${u.reason}`),
      ...findings.map((f) => lines(f)[0]),
    ];
    throw new Fc3RoleError('StrictCheckFailed', `${opts.action} stopped before any change (--strict): ${all.length} least-privilege warning${all.length === 1 ? '' : 's'}:\n${all.map((l) => `  - ${l}`).join('\n')}`, {
      hint: 'Fix the warnings above, or run without --strict to let them pass as warnings.',
    });
  }
  return { results, findings, unreadable };
}
