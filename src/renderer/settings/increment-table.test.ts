import { describe, expect, it } from 'vitest';
import { checkIncrementRows, COMMON_ROWS, nextRow, sameTable } from './increment-table.js';

describe('the bid increment table as the host edits it', () => {
  it('saves the common table and reads "$" and spaces away', () => {
    expect(checkIncrementRows(COMMON_ROWS)).toMatchObject({ ok: true });
    expect(checkIncrementRows([{ from: ' $0', step: '$1 ' }, { from: '$1,000', step: '25' }])).toEqual({
      ok: true,
      table: [
        { from: '0', step: '1' },
        { from: '1000', step: '25' },
      ],
    });
  });

  it('says which row is wrong and why', () => {
    expect(checkIncrementRows([{ from: '5', step: '1' }])).toEqual({ ok: false, message: 'Row 1, the “from” price: The increment table starts from 0.' });
    expect(checkIncrementRows([{ from: '0', step: '1' }, { from: '0', step: '2' }])).toEqual({
      ok: false,
      message: 'Row 2, the “from” price: Each row of the increment table starts above the one before.',
    });
    expect(checkIncrementRows([{ from: '0', step: '0' }])).toEqual({ ok: false, message: 'Row 1, the step: Must be more than 0.' });
    expect(checkIncrementRows([{ from: '0', step: 'five' }])).toMatchObject({ ok: false, message: expect.stringContaining('Row 1, the step: A price is a decimal number') });
    expect(checkIncrementRows([])).toEqual({ ok: false, message: 'The increment table needs at least one row.' });
  });

  it('adds a row above the last one and compares tables as saved', () => {
    expect(nextRow([{ from: '50', step: '5' }])).toEqual({ from: '100', step: '5' });
    expect(nextRow([])).toEqual({ from: '0', step: '1' });
    expect(sameTable([{ from: '$50', step: '5' }], [{ from: '50', step: '5' }])).toBe(true);
    expect(sameTable([{ from: '50', step: '5' }], [{ from: '50', step: '10' }])).toBe(false);
  });
});
