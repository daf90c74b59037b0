/**
 * RAM policy evaluation of one request against a set of policy documents, with the statements that decide it.
 *
 * Rules, from Alibaba Cloud's RAM documents:
 * - https://www.alibabacloud.com/help/en/ram/policy-evaluation-process — "Deny by default: RAM principals have no
 *   permissions by default. Unless a policy explicitly allows a request, it is implicitly denied." and "Explicit
 *   deny overrides allow: If any policy contains an explicit Deny statement, the request is denied regardless of
 *   any Allow statements in other policies."
 * - https://help.aliyun.com/en/ram/policy-elements — "NotAction: The operations that are exempt from the policy.
 *   When you use NotAction, all operations are allowed or denied except for those listed."; Action values "In most
 *   cases ... not case-sensitive" (https://www.alibabacloud.com/help/en/resource-management/resource-directory/user-guide/languages-of-access-control-policies).
 * - https://www.alibabacloud.com/help/ja/resource-access-management/latest/policy-structure-and-syntax — the grammar
 *   `<resource_block> = ("Resource" | "NotResource") : ("*" | [<resource_string>, ...])`.
 *   Choice: NotResource reaches every resource except those listed, as NotAction does for actions.
 * - wildcards: src/policy/match.ts; conditions: src/policy/conditions.ts.
 * Choice: resources match case-sensitively (the documents say actions are case-insensitive and name no such rule
 * for resources; OSS object names, for one, are case-sensitive).
 *
 * A request's resource is either one concrete resource (`concrete: true`, e.g. the one a function was denied) or
 * a pattern standing for every resource it matches (an expectation): then an Allow counts only when it covers
 * every one of them, and a Deny counts when it reaches any of them.
 */
import type { PolicyDocument, PolicyStatement, Scope } from '../model';
import { evaluateCondition, type RequestContext } from './conditions';
import { resourceCovers, resourcesOverlap, wildcardMatch } from './match';

export type { RequestContext } from './conditions';

/** A policy as the role holds it: its document and where it is attached. */
export interface HeldPolicy {
  type: 'System' | 'Custom';
  name: string;
  scope: Scope;
  document: PolicyDocument;
}

export interface AccessRequest {
  /** One action, e.g. `oss:PutObject` (no wildcards). */
  action: string;
  /** A resource ARN; with wildcards (unless `concrete`) it stands for every resource it matches. */
  resource: string;
  /** The request's condition keys; absent = unknown (conditions are reported, not guessed). */
  context?: RequestContext;
  /** `*` and `?` in `resource` are plain characters of one resource. */
  concrete?: boolean;
}

/** Which statement of which policy; `statement` counts from 1, as people read a document. */
export interface StatementRef {
  policyType: 'System' | 'Custom';
  policyName: string;
  scope: Scope;
  statement: number;
  effect: 'Allow' | 'Deny';
}

/**
 * - Allow: an Allow covers the whole request and no Deny reaches it;
 * - Conditional: the answer depends on condition keys (see `conditionKeys`);
 * - ExplicitDeny: a Deny applies (`partial`: to some of the resources only);
 * - ImplicitDeny: nothing allows all of it.
 */
export type Decision = 'Allow' | 'Conditional' | 'ExplicitDeny' | 'ImplicitDeny';

export interface Evaluation {
  decision: Decision;
  /** Allow statements covering the whole request (unconditionally, or under a condition for Conditional). */
  allowedBy: StatementRef[];
  /** Deny statements that apply, wholly, to part of the resources, or under a condition. */
  deniedBy: StatementRef[];
  /** ExplicitDeny that reaches only some of the resources a pattern stands for. */
  partial?: boolean;
  /** Conditional: the condition keys the answer depends on. */
  conditionKeys: string[];
  /** Allow statements for the action that cover only part of the resources (what comes close). */
  partlyAllowedBy: StatementRef[];
}

type Reach = 'all' | 'some' | 'none';

function actionApplies(stmt: PolicyStatement, action: string): boolean {
  if (stmt.Action) return stmt.Action.some((p) => wildcardMatch(p, action, true));
  if (stmt.NotAction) return !stmt.NotAction.some((p) => wildcardMatch(p, action, true));
  return false;
}

/** How much of the requested resource(s) a list of statement patterns reaches. */
function patternReach(patterns: readonly string[], request: AccessRequest): Reach {
  if (request.concrete) return patterns.some((p) => wildcardMatch(p, request.resource, false)) ? 'all' : 'none';
  if (patterns.some((p) => resourceCovers(p, request.resource))) return 'all';
  return patterns.some((p) => resourcesOverlap(p, request.resource)) ? 'some' : 'none';
}

function resourceReach(stmt: PolicyStatement, request: AccessRequest): Reach {
  if (stmt.Resource) return patternReach(stmt.Resource, request);
  if (stmt.NotResource) {
    const excluded = patternReach(stmt.NotResource, request);
    return excluded === 'all' ? 'none' : excluded === 'some' ? 'some' : 'all';
  }
  return 'none';
}

/** Evaluates `request` against every statement of `policies` (all assumed to apply to the request's resource). */
export function evaluatePolicies(policies: readonly HeldPolicy[], request: AccessRequest): Evaluation {
  const definiteAllows: StatementRef[] = [];
  const conditionalAllows: StatementRef[] = [];
  const definiteDenies: StatementRef[] = [];
  const possibleDenies: StatementRef[] = [];
  const partlyAllowedBy: StatementRef[] = [];
  const allowKeys = new Set<string>();
  const denyKeys = new Set<string>();
  let partial = false;
  for (const policy of policies) {
    policy.document.Statement.forEach((stmt, i) => {
      if (!actionApplies(stmt, request.action)) return;
      const reach = resourceReach(stmt, request);
      if (reach === 'none') return;
      const condition = evaluateCondition(stmt.Condition, request.context);
      if (condition.state === 'fails') return;
      const ref: StatementRef = { policyType: policy.type, policyName: policy.name, scope: policy.scope, statement: i + 1, effect: stmt.Effect };
      const unknownKeys = condition.state === 'unknown' ? condition.keys : [];
      if (stmt.Effect === 'Deny') {
        if (reach === 'all' && unknownKeys.length === 0) definiteDenies.push(ref);
        else {
          possibleDenies.push(ref);
          if (reach === 'some') partial = true;
          unknownKeys.forEach((k) => denyKeys.add(k));
        }
      } else if (reach === 'some') partlyAllowedBy.push(ref);
      else if (unknownKeys.length === 0) definiteAllows.push(ref);
      else {
        conditionalAllows.push(ref);
        unknownKeys.forEach((k) => allowKeys.add(k));
      }
    });
  }
  const base = { partlyAllowedBy, conditionKeys: [] as string[] };
  if (definiteDenies.length > 0) return { ...base, decision: 'ExplicitDeny', allowedBy: definiteAllows, deniedBy: definiteDenies };
  const allowedBy = definiteAllows.length > 0 ? definiteAllows : conditionalAllows;
  if (allowedBy.length === 0) return { ...base, decision: 'ImplicitDeny', allowedBy, deniedBy: [] };
  if (partial) return { ...base, decision: 'ExplicitDeny', allowedBy, deniedBy: possibleDenies, partial: true };
  if (definiteAllows.length === 0 || possibleDenies.length > 0) {
    const keys = definiteAllows.length === 0 ? [...allowKeys, ...denyKeys] : [...denyKeys];
    return { ...base, decision: 'Conditional', allowedBy, deniedBy: possibleDenies, conditionKeys: [...new Set(keys)] };
  }
  return { ...base, decision: 'Allow', allowedBy, deniedBy: [] };
}
