import { useId } from 'react';

export interface RulesChoiceProps<T extends string> {
  readonly legend: string;
  readonly value: T;
  readonly options: ReadonlyArray<readonly [T, string]>;
  readonly onChange: (value: T) => void;
}

/** A row of radio buttons under a legend (the chat rules dialog's choices). */
export function RulesChoice<T extends string>({ legend, value, options, onChange }: RulesChoiceProps<T>) {
  const name = useId();
  return (
    <fieldset className="chat-rules-choice">
      <legend>{legend}</legend>
      {options.map(([id, label]) => (
        <label key={id} className="field-inline">
          <input type="radio" name={name} checked={value === id} onChange={() => onChange(id)} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
