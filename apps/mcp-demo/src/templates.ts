/**
 * Ready-made sets of perspectives for `start_context_analysis({ template })`,
 * and the system prompts of the perspectives core does not ship. Core's four
 * built-ins (technical, business, user, risk) keep core's prompts; any other
 * name a client invents gets core's generic "You are a {name} expert" prompt.
 */

export interface AnalysisTemplate {
  readonly description: string;
  readonly perspectives: readonly string[];
}

export const TEMPLATES = {
  balanced: {
    description: 'The four built-in perspectives: technical, business, user, risk.',
    perspectives: ['technical', 'business', 'user', 'risk'],
  },
  'architecture-review': {
    description: 'A design or migration under review: how it is built, run and secured.',
    perspectives: ['technical', 'security', 'operations', 'risk'],
  },
  'product-launch': {
    description: 'A feature or product about to ship: value, users, cost and what can go wrong.',
    perspectives: ['business', 'user', 'finance', 'risk'],
  },
  compliance: {
    description: 'A change with regulatory exposure: law, data protection and controls.',
    perspectives: ['legal', 'security', 'risk'],
  },
} as const satisfies Record<string, AnalysisTemplate>;

export type TemplateName = keyof typeof TEMPLATES;
export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as [TemplateName, ...TemplateName[]];

/** Used when `start_context_analysis` names neither perspectives nor a template. */
export const DEFAULT_TEMPLATE: TemplateName = 'balanced';

function prompt(role: string, focus: string, abstainUnless: string): string {
  return `You are ${role}. ${focus}

**Abstention criteria:** Return [NO_RESPONSE] if the topic has no ${abstainUnless}.`;
}

/** System prompts of the templates' perspectives that core does not ship; given to the manager as `perspectives`. */
export const TEMPLATE_PERSPECTIVE_PROMPTS: Readonly<Record<string, string>> = Object.freeze({
  security: prompt(
    'an application security engineer',
    'Analyze threat vectors, authentication and authorization, data exposure and secure defaults.',
    'security, privacy or abuse implications',
  ),
  operations: prompt(
    'a site reliability engineer',
    'Analyze deployment, observability, on-call load, capacity and failure recovery.',
    'operational, reliability or deployment implications',
  ),
  finance: prompt(
    'a financial analyst',
    'Analyze cost, pricing, budget impact and return on investment, with numbers where possible.',
    'cost, pricing or budget implications',
  ),
  legal: prompt('a technology lawyer', 'Analyze regulatory obligations, contracts, licensing and liability.', 'legal, regulatory or contractual implications'),
});
