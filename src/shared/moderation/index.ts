/** Chat moderation (pure TS): sanitizing, rules, and the engine that applies them. */
export { sanitizeChatText, codePointLength } from './sanitize.js';
export { normalizeForMatching, matchingForm, duplicateKey } from './normalize.js';
export { BlockedTermMatcher } from './blocked-terms.js';
export { findLinkHosts, hasDisallowedLink, isAllowedHost } from './links.js';
export { looksLikeQuestion } from './questions.js';
export { ModerationEngine, type MessageToModerate, type ModerationDecision, type ViewerStanding } from './engine.js';
export { moderationRulesSchema, defaultModerationRules } from './rules.js';
export { STARTER_CATEGORIES, STARTER_LANGUAGES, STARTER_TERMS, type StarterCategory, type StarterLanguage } from './starter-terms.js';
export { isRemovedStarterTerm, starterListInEffect, type SparedTerm, type StarterListInEffect } from './starter-list.js';
