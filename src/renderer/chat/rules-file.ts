import type { z } from 'zod';
import type { ModerationRules } from '../../shared/domain/chat.js';
import { moderationRulesSchema } from '../../shared/moderation/rules.js';

/**
 * The chat rules as the dialog edits them (text fields hold what the host
 * typed) and as the JSON settings file carries them (the schema's names).
 */
export interface RulesForm {
  readonly blockedTerms: string;
  readonly blockedTermsAction: ModerationRules['blockedTermsAction'];
  readonly starterList: boolean;
  readonly starterListAction: ModerationRules['starterListAction'];
  /** Edited with buttons, never typed: kept as the list it is. */
  readonly starterListRemoved: readonly string[];
  readonly links: ModerationRules['links'];
  readonly allowedDomains: string;
  readonly capsPercent: string;
  readonly maxLength: string;
  readonly duplicateWindowSeconds: string;
  readonly slowModeSeconds: string;
  readonly maxMessagesPer10s: string;
  readonly holdFirstMessage: boolean;
}

export type NumberField = 'capsPercent' | 'maxLength' | 'duplicateWindowSeconds' | 'slowModeSeconds' | 'maxMessagesPer10s';

interface NumberSpec {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly whole: boolean;
}

export const NUMBER_FIELDS: Readonly<Record<NumberField, NumberSpec>> = {
  capsPercent: { label: 'Max capitals (%)', min: 0, max: 100, whole: false },
  maxLength: { label: 'Max length (characters)', min: 1, max: 5000, whole: true },
  duplicateWindowSeconds: { label: 'Duplicate window (seconds)', min: 0, max: 86400, whole: false },
  slowModeSeconds: { label: 'Slow mode (seconds, 0 = off)', min: 0, max: 86400, whole: false },
  maxMessagesPer10s: { label: 'Max messages per 10 s', min: 1, max: 1000, whole: true },
};

export type RulesCheck = { readonly ok: true; readonly rules: ModerationRules } | { readonly ok: false; readonly problems: string[] };

const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function toForm(rules: ModerationRules): RulesForm {
  return {
    blockedTerms: rules.blockedTerms.join('\n'),
    blockedTermsAction: rules.blockedTermsAction,
    starterList: rules.starterList,
    starterListAction: rules.starterListAction,
    starterListRemoved: rules.starterListRemoved,
    links: rules.links,
    allowedDomains: rules.allowedDomains.join('\n'),
    capsPercent: String(Math.round(rules.maxCapsRatio * 10000) / 100),
    maxLength: String(rules.maxLength),
    duplicateWindowSeconds: String(rules.duplicateWindowSeconds),
    slowModeSeconds: String(rules.slowModeSeconds),
    maxMessagesPer10s: String(rules.maxMessagesPer10s),
    holdFirstMessage: rules.holdFirstMessage,
  };
}

/** The form as rules, or the problems in the form's own labels. */
export function fromForm(form: RulesForm): RulesCheck {
  const problems: string[] = [];
  const num = (field: NumberField): number => {
    const spec = NUMBER_FIELDS[field];
    const text = form[field].trim();
    const value = text === '' ? NaN : Number(text);
    if (!Number.isFinite(value)) problems.push(`${spec.label}: enter a number.`);
    else if (value < spec.min || value > spec.max) problems.push(`${spec.label}: must be between ${spec.min} and ${spec.max}.`);
    else if (spec.whole && !Number.isInteger(value)) problems.push(`${spec.label}: must be a whole number.`);
    return value;
  };
  const candidate = {
    blockedTerms: lines(form.blockedTerms),
    blockedTermsAction: form.blockedTermsAction,
    starterList: form.starterList,
    starterListAction: form.starterListAction,
    starterListRemoved: form.starterListRemoved,
    links: form.links,
    allowedDomains: lines(form.allowedDomains),
    maxCapsRatio: num('capsPercent') / 100,
    maxLength: num('maxLength'),
    duplicateWindowSeconds: num('duplicateWindowSeconds'),
    slowModeSeconds: num('slowModeSeconds'),
    maxMessagesPer10s: num('maxMessagesPer10s'),
    holdFirstMessage: form.holdFirstMessage,
  };
  if (problems.length > 0) return { ok: false, problems };
  return check(candidate, FORM_LABELS);
}

const FORM_LABELS: Partial<Record<keyof ModerationRules, string>> = { blockedTerms: 'Your blocked terms', allowedDomains: 'Allowed domains' };

/** The settings file's text: pretty JSON with exactly the schema's field names. */
export function rulesFileText(rules: ModerationRules): string {
  return `${JSON.stringify(moderationRulesSchema.parse(rules), null, 2)}\n`;
}

/** Reads a settings file's text (missing fields take their defaults, as on the API). */
export function parseRulesFile(text: string): RulesCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, problems: ['This file is not a rules file (it is not JSON).'] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, problems: ['This file is not a rules file (it holds no rules object).'] };
  }
  return check(data, {});
}

const MAX_PROBLEMS = 5;

function check(data: unknown, labels: Partial<Record<string, string>>): RulesCheck {
  const parsed = moderationRulesSchema.safeParse(data);
  if (parsed.success) return { ok: true, rules: parsed.data };
  const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => describeIssue(issue, labels));
  const more = parsed.error.issues.length - MAX_PROBLEMS;
  if (more > 0) problems.push(`…and ${more} more.`);
  return { ok: false, problems };
}

/** One schema complaint in host words, e.g. "maxCapsRatio: must be between 0 and 1". */
export function describeIssue(issue: z.core.$ZodIssue, labels: Partial<Record<string, string>> = {}): string {
  const [field, index] = issue.path;
  const key = typeof field === 'string' ? field : '';
  const name = labels[key] ?? (key || 'The file');
  const entry = typeof index !== 'number' ? '' : labels[key] ? ` (line ${index + 1})` : `[${index}]`;
  const bounds = RANGES[key];
  switch (issue.code) {
    case 'unrecognized_keys':
      return `Unknown ${issue.keys.length === 1 ? 'field' : 'fields'}: ${issue.keys.join(', ')}.`;
    case 'invalid_value':
      return `${name}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'array') return `${name}: too many entries (at most ${String(issue.code === 'too_big' ? issue.maximum : '')}).`;
      if (issue.origin === 'string') return issue.code === 'too_small' ? `${name}${entry}: is empty.` : `${name}${entry}: is too long.`;
      return bounds ? `${name}: must be between ${bounds[0]} and ${bounds[1]}.` : `${name}: is out of range.`;
    case 'invalid_type':
      if (issue.expected === 'int') return `${name}: must be a whole number.`;
      return `${name}${entry}: must be ${EXPECTED[issue.expected] ?? issue.expected}.`;
    default:
      return `${name}${entry}: is not valid.`;
  }
}

const RANGES: Partial<Record<string, readonly [number, number]>> = {
  maxCapsRatio: [0, 1],
  maxLength: [1, 5000],
  duplicateWindowSeconds: [0, 86400],
  slowModeSeconds: [0, 86400],
  maxMessagesPer10s: [1, 1000],
};

const EXPECTED: Partial<Record<string, string>> = {
  number: 'a number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};
