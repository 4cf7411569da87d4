import { useMemo } from 'react';
import { normalizeForMatching } from '../../shared/moderation/normalize.js';
import { isRemovedStarterTerm, starterListInEffect } from '../../shared/moderation/starter-list.js';
import { STARTER_CATEGORIES, STARTER_LANGUAGES, STARTER_TERMS, type StarterLanguage } from '../../shared/moderation/starter-terms.js';
import { RulesChoice } from './RulesChoice.js';
import type { RulesForm } from './rules-file.js';

type StarterFields = Pick<RulesForm, 'starterList' | 'starterListAction' | 'starterListRemoved'>;

export interface StarterListFieldsProps {
  readonly form: RulesForm;
  readonly onChange: (patch: Partial<StarterFields>) => void;
}

const LANGUAGES = Object.keys(STARTER_LANGUAGES) as StarterLanguage[];

/**
 * The starter list in the rules dialog: on or off, hold or block, every
 * term by category and language with a button to remove it, the removed
 * ones with a button to put them back, and the terms not applied because
 * they name one of the host's allowed domains.
 */
export function StarterListFields({ form, onChange }: StarterListFieldsProps) {
  const removed = form.starterListRemoved;
  const isRemoved = (term: string) => isRemovedStarterTerm(term, removed);
  const removedTerms = STARTER_TERMS.filter(isRemoved);
  const domainsText = form.allowedDomains;
  const spared = useMemo(() => {
    const allowedDomains = domainsText.split(/\r?\n/).map((l) => l.trim().toLowerCase()).filter((l) => l !== '');
    return starterListInEffect({ starterList: true, starterListRemoved: removed, allowedDomains }).spared;
  }, [domainsText, removed]);

  const remove = (term: string) => onChange({ starterListRemoved: [...removed, term] });
  const putBack = (term: string) => {
    const folded = normalizeForMatching(term);
    onChange({ starterListRemoved: removed.filter((r) => normalizeForMatching(r) !== folded) });
  };

  return (
    <fieldset className="chat-rules-starter">
      <legend>Starter list</legend>
      <label className="chat-rules-check">
        <input type="checkbox" checked={form.starterList} onChange={(e) => onChange({ starterList: e.target.checked })} />
        <span>Use the starter list</span>
      </label>
      <p className="field-hint">
        {STARTER_TERMS.length} words and phrases in English, Spanish and French that scams, spam, slurs and other shops&apos; plugs use.
        They are found as whole words, also written &ldquo;s c a m&rdquo;, &ldquo;sc4m&rdquo; or &ldquo;scaaam&rdquo;, so &ldquo;scampi&rdquo; and
        &ldquo;Scunthorpe&rdquo; are fine. Remove any your shows need; add your own above.
      </p>
      {form.starterList && (
        <>
          <RulesChoice
            legend="Messages with a starter term"
            value={form.starterListAction}
            options={[
              ['hold', 'Hold for review'],
              ['block', 'Block'],
            ]}
            onChange={(starterListAction) => onChange({ starterListAction })}
          />
          <p className="field-hint">Held messages never reach viewers; you approve the odd innocent one, such as &ldquo;is this a scam?&rdquo;.</p>
          {STARTER_CATEGORIES.map((category) => {
            const total = LANGUAGES.reduce((n, lang) => n + category.terms[lang].length, 0);
            const kept = LANGUAGES.reduce((n, lang) => n + category.terms[lang].filter((t) => !isRemoved(t)).length, 0);
            return (
              <details key={category.id} className="starter-category">
                <summary>
                  {category.label} ({kept === total ? `${total} terms` : `${kept} of ${total} terms`})
                </summary>
                {LANGUAGES.map((lang) => {
                  const name = `${category.label}, ${STARTER_LANGUAGES[lang]}`;
                  return (
                    <div key={lang} className="starter-language">
                      <span className="starter-language-name">{STARTER_LANGUAGES[lang]}</span>
                      <ul className="starter-terms" aria-label={name}>
                        {category.terms[lang]
                          .filter((t) => !isRemoved(t))
                          .map((term) => (
                            <li key={term} className="starter-term" lang={lang}>
                              {term}
                              <button type="button" className="starter-term-remove" aria-label={`Remove ${term}`} title="Remove from the starter list" onClick={() => remove(term)}>
                                ×
                              </button>
                            </li>
                          ))}
                      </ul>
                    </div>
                  );
                })}
              </details>
            );
          })}
          {removedTerms.length > 0 && (
            <div className="starter-language">
              <span className="starter-language-name">Removed</span>
              <ul className="starter-terms" aria-label="Removed from the starter list">
                {removedTerms.map((term) => (
                  <li key={term} className="starter-term is-removed">
                    {term}
                    <button type="button" className="starter-term-remove" aria-label={`Put back ${term}`} title="Put back in the starter list" onClick={() => putBack(term)}>
                      ↺
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {spared.length > 0 && (
            <p className="field-hint" data-testid="starter-spared">
              Not applied, as they name your allowed domains: {spared.map((s) => `${s.term} (${s.domain})`).join(', ')}.
            </p>
          )}
        </>
      )}
    </fieldset>
  );
}
