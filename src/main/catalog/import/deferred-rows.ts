/**
 * Holds a generic CSV's rows back while a price in them could be read two
 * ways ("1,299": 1299 or 1.299) and the file has not shown its decimal mark
 * yet. Every row's price cells teach the mark as they arrive; once one does,
 * the held rows go to the importer in file order, so "1,299" reads the same
 * whether "19.99" comes before or after it. Rows still undecided at the end
 * of the file are read then, and reported on their lines as ambiguous.
 */
import { cellText } from './columns.js';
import type { PriceCells } from './price-cells.js';
import type { RowImporter } from './product-draft.js';
import type { ImportedProduct } from './types.js';

export class DeferredRows implements RowImporter {
  private held: { row: readonly string[]; line: number }[] = [];

  constructor(
    private readonly importer: RowImporter,
    private readonly prices: PriceCells,
    /** Indexes of the price cells in a row (-1 for an unmapped column). */
    private readonly priceColumns: readonly number[],
  ) {}

  addRow(row: readonly string[], line: number): void {
    const cells = this.priceColumns.map((c) => cellText(row, c));
    for (const cell of cells) this.prices.learn(cell);
    if (!this.prices.markKnown && (this.held.length > 0 || cells.some((cell) => this.prices.mightBeAmbiguous(cell)))) {
      this.held.push({ row, line });
      return;
    }
    this.release();
    this.importer.addRow(row, line);
  }

  finish(): ImportedProduct[] {
    this.release();
    return this.importer.finish();
  }

  private release(): void {
    const held = this.held;
    this.held = [];
    for (const { row, line } of held) this.importer.addRow(row, line);
  }
}
