/** The shared evaluation table (test/fixtures/policy-cases.ts) through the component's evaluator. */
import { readPolicyDocument } from '../../src/policy';
import { evaluatePolicies, type HeldPolicy } from '../../src/policy/evaluate';
import { POLICY_CASES } from '../fixtures/policy-cases';

function held(document: object, i: number): HeldPolicy {
  const parsed = readPolicyDocument(document, { kind: 'permission' });
  if (!parsed.document) throw new Error(`case document ${i} does not parse: ${JSON.stringify(parsed.problems)}`);
  return { type: 'Custom', name: `policy-${i}`, scope: { kind: 'account' }, document: parsed.document };
}

test.each(POLICY_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
  const evaluation = evaluatePolicies(c.documents.map(held), {
    action: c.action,
    resource: c.resource,
    context: c.context ?? {},
    concrete: true,
  });
  expect(evaluation.decision).toBe(c.expected);
});
