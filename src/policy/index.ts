/** The policy value model: parse, normalize, compare, serialize and summarize RAM policy documents. */
export { parsePolicyDocument, readPolicyDocument, formatPathProblem, MAX_POLICY_DOCUMENT_LENGTH } from './parse';
export type { PolicyParseOptions, StructuredPolicyParse } from './parse';
export type { PolicyKind } from './statement';
export type { PathProblem } from './values';
export { normalizePolicyDocument, serializePolicyDocument, policyDocumentsEqual } from './normalize';
export { summarizeDocumentChange, describeDocument } from './diff';
export { trustPolicyForServices, trustedServices, DEFAULT_TRUSTED_SERVICES, FC_SERVICE, findOpenPrincipals, admitsService } from './trust';
export type { OpenPrincipal } from './trust';
