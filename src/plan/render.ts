/** Plans as text: one terraform-like line per change ("+" create/attach, "~" update, "-" detach/delete). */
import { DEFAULT_MAX_SESSION_DURATION, type Change, type ObservedState, type PolicyDocument } from '../model';
import { describeDocument, summarizeDocumentChange, trustedServices } from '../policy';
import { scopeLabel } from './identity';
import { findObservedPolicy } from './policies';

export interface RenderOptions {
  /** What the cloud holds: lets update lines show old -> new values. */
  observed?: ObservedState;
}

function roleValue(value: string): string {
  return value === '' ? '(none)' : value;
}

function trustSummary(doc: PolicyDocument): string {
  const services = trustedServices(doc);
  return services.length > 0 ? `trusts ${services.join(', ')}` : `trust: ${describeDocument(doc)}`;
}

function describeRoleUpdate(change: Extract<Change, { kind: 'updateRole' }>, observed?: ObservedState): string {
  const was = observed?.role;
  const parts: string[] = [];
  if (change.description !== undefined) {
    parts.push(`description ${was ? `${JSON.stringify(was.description)} -> ` : '-> '}${JSON.stringify(change.description)}`);
  }
  if (change.maxSessionDuration !== undefined) {
    parts.push(`maxSessionDuration ${was ? `${was.maxSessionDuration} -> ` : '-> '}${change.maxSessionDuration}`);
  }
  if (change.trustPolicy !== undefined) {
    const diff = was ? summarizeDocumentChange(was.trustPolicy, change.trustPolicy) : '';
    const before = was?.trustPolicy ? trustSummary(was.trustPolicy) : '(unreadable)';
    parts.push(`trust policy ${was ? `${before} -> ` : '-> '}${trustSummary(change.trustPolicy)}${diff && diff !== 'statements changed' ? ` (${diff})` : ''}`);
  }
  return `~ update role ${change.roleName}: ${parts.join('; ')}`;
}

/** One readable line for a change (also used for deploy's progress logs). */
export function describeChange(change: Change, opts: RenderOptions = {}): string {
  switch (change.kind) {
    case 'createRole':
      return `+ create role ${change.role.name} (${trustSummary(change.role.trustPolicy)}; maxSessionDuration ${change.role.maxSessionDuration ?? DEFAULT_MAX_SESSION_DURATION}${change.role.description ? `; description ${JSON.stringify(change.role.description)}` : ''})`;
    case 'updateRole':
      return describeRoleUpdate(change, opts.observed);
    case 'createServiceLinkedRole':
      return '+ create service-linked role AliyunServiceRoleForFC';
    case 'createPolicy':
      return `+ create policy ${change.name}: ${describeDocument(change.document)}`;
    case 'createPolicyVersion': {
      const current = opts.observed ? findObservedPolicy(opts.observed, change.name) : undefined;
      const diff = opts.observed ? summarizeDocumentChange(current?.document, change.document) : describeDocument(change.document);
      const rotation = change.rotatesOut ? `; rotates out ${change.rotatesOut}` : '';
      return `~ update policy ${change.name}: new default version (${diff})${rotation}`;
    }
    case 'updatePolicyDescription': {
      const current = opts.observed ? findObservedPolicy(opts.observed, change.name) : undefined;
      return `~ update custom policy ${change.name}: description ${current ? `${JSON.stringify(current.description)} -> ` : '-> '}${JSON.stringify(change.description)}`;
    }
    case 'attachPolicy':
      return `+ attach ${change.policyType} policy ${change.policyName} (${scopeLabel(change.scope)})`;
    case 'detachPolicy': {
      const kept = change.keepMark ? '; created by fc3-role and no longer declared: kept, `s remove` deletes it' : '';
      return `- detach ${change.policyType} policy ${change.policyName} (${scopeLabel(change.scope)}${kept})`;
    }
    case 'forgetAttachment':
      return `- forget mark of ${change.policyType} policy ${change.policyName} (${scopeLabel(change.scope)}; already detached)`;
    case 'setFunctionRole': {
      const marker = change.to === '' ? '- unset' : '~ set';
      return `${marker} role of function ${change.region}/${change.functionName}: ${roleValue(change.from)} -> ${roleValue(change.to)}`;
    }
    case 'recordFunctions':
      return change.value === undefined
        ? '- drop the record of the functions that use the role (role tag fc3-role:functions)'
        : `~ record the ${change.functions} function(s) that use the role (role tag fc3-role:functions)`;
    case 'deletePolicy':
      return `- delete policy ${change.name} (all versions)`;
    case 'deleteRole':
      return `- delete role ${change.roleName}`;
  }
}

/** The plan as lines; `No changes.` when there is nothing to do. */
export function renderPlan(changes: readonly Change[], opts: RenderOptions = {}): string[] {
  if (changes.length === 0) return ['No changes.'];
  return changes.map((c) => describeChange(c, opts));
}
