/** Evaluations in words: which statements decide, and what is missing. */
import { scopeLabel } from '../plan/identity';
import type { Evaluation, StatementRef } from './evaluate';
import type { ScopedVerdict } from './scoped';

/** `AliyunOSSFullAccess statement 1 (System, account scope)`. */
export function describeRef(ref: StatementRef): string {
  return `${ref.policyName} statement ${ref.statement} (${ref.policyType}, ${scopeLabel(ref.scope)})`;
}

function refs(list: readonly StatementRef[]): string {
  return list.map(describeRef).join(', ');
}

function plural(list: readonly unknown[], one: string, many: string): string {
  return list.length === 1 ? one : many;
}

/** One evaluation (a resource in one place) in words. */
export function describeEvaluation(e: Evaluation): string {
  switch (e.decision) {
    case 'Allow':
      return `allowed by ${refs(e.allowedBy)}`;
    case 'Conditional': {
      const keys = `depends on condition ${e.conditionKeys.join(', ')}`;
      const allow = e.allowedBy.length > 0 ? `: allowed by ${refs(e.allowedBy)}` : '';
      const deny = e.deniedBy.length > 0 ? `${allow ? ', ' : ': '}denied by ${refs(e.deniedBy)} when it holds` : '';
      return `${keys}${allow}${deny}`;
    }
    case 'ExplicitDeny':
      return e.partial
        ? `explicitly denied for part of the resources by ${refs(e.deniedBy)}`
        : `explicitly denied by ${refs(e.deniedBy)} (a Deny beats every Allow)`;
    case 'ImplicitDeny': {
      const close = e.partlyAllowedBy.length > 0
        ? `; ${refs(e.partlyAllowedBy)} ${plural(e.partlyAllowedBy, 'allows', 'allow')} it on part of the resources only`
        : '';
      return `no policy allows it${close}`;
    }
  }
}

/** The verdict over every place the resource may be (outside any group, in each group holding grants). */
export function describeVerdict(v: ScopedVerdict): string {
  switch (v.outcome) {
    case 'allowed': {
      const exceptions = v.inGroups.filter((g) => g.evaluation.decision !== 'Allow');
      const but = exceptions.map((g) => `; if the resource is in resource group ${g.resourceGroupId}: ${describeEvaluation(g.evaluation)}`).join('');
      return `allowed: ${describeEvaluation(v.everywhere).replace(/^allowed by /, 'by ')}${but}`;
    }
    case 'allowedInResourceGroups': {
      const how = v.inGroups.filter((g) => v.groups.includes(g.resourceGroupId)).map((g) => describeEvaluation(g.evaluation).replace(/^allowed by /, ''));
      return `allowed only if the resource is in resource group ${v.groups.join(' or ')} (${[...new Set(how)].join('; ')}); outside: ${describeEvaluation(v.everywhere)}`;
    }
    case 'conditional': {
      const where = v.everywhere.decision === 'Conditional' ? v.everywhere : v.inGroups.find((g) => g.evaluation.decision === 'Conditional')?.evaluation ?? v.everywhere;
      return describeEvaluation(where);
    }
    case 'denied':
      return `denied: ${describeEvaluation(v.everywhere)}`;
  }
}
