/**
 * Least-privilege lint (warnings; `--strict` makes them errors): wildcards in the custom policies s.yaml
 * defines, documents near RAM's size limit, unknown service prefixes and condition operators, full-access
 * system policies where `expect` shows a narrower need (with a custom policy to use instead), and the trust
 * policy (src/policy/lint-trust.ts). Pure: it reads values only.
 */
import type { DesiredPolicy, DesiredState, PolicyStatement } from '../model';
import { closest } from '../config/text';
import { CONDITION_OPERATORS } from './conditions';
import type { HeldPolicy } from './evaluate';
import { serializePolicyDocument } from './normalize';
import { MAX_POLICY_DOCUMENT_LENGTH } from './parse';
import type { ScopedVerdict } from './scoped';
import { lintTrust } from './lint-trust';
import { isKnownService, KNOWN_SERVICE_CODES, serviceOf } from './services';
import { renderPolicyYaml, statementsFor, suggestedPolicyName, type Need } from './suggest';

export interface Finding {
  /** What kind, to branch on: WildcardAction, WildcardResource, NearSizeLimit, UnknownService, UnknownConditionOperator, FullAccessPolicy, Trust*. */
  code: string;
  /** Where, when it is in s.yaml (e.g. `props.policies[1]`). */
  path?: string;
  message: string;
  /** Extra lines shown under the message (e.g. the suggested policy). */
  detail?: string[];
}

/** A document this close to RAM's limit gets a warning (90 %). */
export const NEAR_LIMIT = Math.floor(MAX_POLICY_DOCUMENT_LENGTH * 0.9);

/** `*`, or an ARN whose every part after the service is `*`: every resource (of the service). */
function isEveryResource(resource: string): boolean {
  if (resource === '*') return true;
  const parts = resource.split(':');
  return parts[0] === 'acs' && parts.length >= 3 && parts.slice(2).every((p) => p === '*');
}

function lintStatement(stmt: PolicyStatement, where: string, path: string): Finding[] {
  if (stmt.Effect !== 'Allow') return [];
  const out: Finding[] = [];
  const wildcards = (stmt.Action ?? []).filter((a) => /[*?]/.test(a));
  if (wildcards.length > 0) {
    out.push({ code: 'WildcardAction', path, message: `${where} allows wildcard actions ${wildcards.join(', ')}: every action they match, today's and future ones; list the actions the function calls` });
  }
  if (stmt.NotAction) {
    out.push({ code: 'WildcardAction', path, message: `${where} allows every action except ${stmt.NotAction.join(', ')} (NotAction); list the actions the function calls` });
  }
  const everything = (stmt.Resource ?? []).filter(isEveryResource);
  if (everything.length > 0) {
    out.push({ code: 'WildcardResource', path, message: `${where} allows its actions on every resource (${everything.join(', ')}); name the buckets, projects or other resources` });
  }
  if (stmt.NotResource) {
    out.push({ code: 'WildcardResource', path, message: `${where} allows its actions on every resource except ${stmt.NotResource.join(', ')} (NotResource); name the resources` });
  }
  const operators = Object.keys(stmt.Condition ?? {}).filter((op) => !CONDITION_OPERATORS.includes(op));
  for (const op of operators) {
    const guess = closest(op, CONDITION_OPERATORS);
    out.push({ code: 'UnknownConditionOperator', path, message: `${where} uses condition operator ${op}, which RAM does not document (operators are case-sensitive)${guess ? `; did you mean ${guess}?` : ''}: the statement never applies` });
  }
  return out;
}

function unknownServices(actions: readonly string[], where: string, path: string): Finding[] {
  const services = [...new Set(actions.map(serviceOf).filter((s): s is string => s !== undefined && !isKnownService(s)))];
  return services.map((service) => {
    const guess = closest(service, KNOWN_SERVICE_CODES);
    return { code: 'UnknownService', path, message: `${where} names service "${service}", which is not a RAM code fc3-role knows${guess ? `; did you mean "${guess}"?` : ''}` };
  });
}

/** Findings in the custom policies s.yaml defines (`props.policies[i]` with statements or a document). */
export function lintCustomPolicies(policies: readonly DesiredPolicy[]): Finding[] {
  const out: Finding[] = [];
  policies.forEach((p, i) => {
    if (!p.document) return;
    const path = `props.policies[${i}]`;
    p.document.Statement.forEach((stmt, k) => {
      const where = `custom policy ${p.name} statement ${k + 1}`;
      out.push(...lintStatement(stmt, where, path), ...unknownServices([...(stmt.Action ?? []), ...(stmt.NotAction ?? [])], where, path));
    });
    const length = serializePolicyDocument(p.document).length;
    if (length >= NEAR_LIMIT) {
      out.push({ code: 'NearSizeLimit', path, message: `custom policy ${p.name} is ${length} characters, near RAM's limit of ${MAX_POLICY_DOCUMENT_LENGTH}; split it into two policies before it grows past it` });
    }
  });
  return out;
}

export function lintExpectations(needs: ReadonlyArray<Need & { path: string }>): Finding[] {
  return needs.flatMap((n) => unknownServices([n.action], `expectation ${n.action} on ${n.resource}`, n.path));
}

/** A statement granting a whole service (or everything) on every resource. */
function isFullAccess(stmt: PolicyStatement): boolean {
  return stmt.Effect === 'Allow' && !stmt.Condition && (stmt.Resource ?? []).some(isEveryResource)
    && (stmt.Action ?? []).some((a) => a === '*' || /^[A-Za-z0-9-]+:\*$/.test(a));
}

/**
 * System policies granting whole services, where the expectations they serve need less: one finding naming
 * them, with a custom policy granting exactly the expectations.
 */
export function lintFullAccess(roleName: string, policies: readonly HeldPolicy[], results: ReadonlyArray<{ need: Need; verdict: ScopedVerdict }>): Finding[] {
  const full = policies.filter((p) => p.type === 'System' && p.document.Statement.some(isFullAccess));
  const serving = full.filter((p) =>
    results.some((r) => [r.verdict.everywhere, ...r.verdict.inGroups.map((g) => g.evaluation)].some((e) => e.allowedBy.some((ref) => ref.policyName === p.name))),
  );
  if (serving.length === 0) return [];
  const names = [...new Set(serving.map((p) => p.name))];
  const grants = serving.flatMap((p) => p.document.Statement.filter(isFullAccess).flatMap((s) => s.Action ?? [])).join(', ');
  const needs = results.map((r) => r.need);
  return [{
    code: 'FullAccessPolicy',
    message:
      `${names.join(', ')} ${names.length === 1 ? 'grants' : 'grant'} ${grants} on every resource, but expect needs only ${needs.map((n) => `${n.action} on ${n.resource}`).join('; ')}. ` +
      `Replace ${names.join(' and ')} in props.policies with this custom policy, which grants exactly the expectations:`,
    detail: renderPolicyYaml(suggestedPolicyName(roleName), statementsFor(needs)),
  }];
}

export interface LintInput {
  desired: DesiredState;
  /** The deploying account (trust findings tell it from other accounts). */
  accountId: string;
  needs: ReadonlyArray<Need & { path: string }>;
  /** The role's policies as deploy would leave them, when expectations were evaluated. */
  policies?: readonly HeldPolicy[];
  results?: ReadonlyArray<{ need: Need; verdict: ScopedVerdict }>;
}

/** Every finding for plan and deploy, in s.yaml order: custom policies, expectations, full access, trust. */
export function lintPermissions(input: LintInput): Finding[] {
  return [
    ...lintCustomPolicies(input.desired.policies),
    ...lintExpectations(input.needs),
    ...(input.policies && input.results ? lintFullAccess(input.desired.role.name, input.policies, input.results) : []),
    ...lintTrust(input.desired, input.accountId),
  ];
}
