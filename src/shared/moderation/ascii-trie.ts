import { FIRST_SPELLING } from './normalize.js';

/**
 * Plain-ASCII keys as a trie: the child of node k by char code c is at
 * k * 128 + c (0: none; the root, node 0, is nobody's child). Keys with a
 * character beyond ASCII are left out: a word with one is never walked.
 */
export class AsciiTrie {
  private readonly next: Int32Array;
  /** Per node, the OR of the marks of the keys ending there. */
  private readonly ends: Uint8Array;

  constructor(keys: readonly (readonly [string, number])[]) {
    const ascii = keys.filter(([key]) => key.length > 0 && [...key].every((c) => c.charCodeAt(0) < 0x80));
    let nodes = 1;
    for (const [key] of ascii) nodes += key.length;
    this.next = new Int32Array(nodes * 128);
    this.ends = new Uint8Array(nodes);
    let used = 1;
    for (const [key, mark] of ascii) {
      let node = 0;
      for (let i = 0; i < key.length; i++) {
        const at = node * 128 + key.charCodeAt(i);
        if (this.next[at] === 0) this.next[at] = used++;
        node = this.next[at]!;
      }
      this.ends[node]! |= mark;
    }
  }

  /**
   * The marks of the key equal to the spelling of text[start, end), an ASCII
   * word, squeezed (l33t undone unless the word is a number); 0: none.
   */
  find(text: string, start: number, end: number, number: boolean): number {
    const next = this.next;
    let node = 0;
    let last = -1;
    for (let k = start; k < end; k++) {
      const c = number ? text.charCodeAt(k) : FIRST_SPELLING[text.charCodeAt(k)]!;
      if (c === last) continue;
      last = c;
      node = next[node * 128 + c]!;
      if (node === 0) return 0;
    }
    return this.ends[node]!;
  }

  /** The marks of the key equal to text[start, end) exactly, an ASCII word; 0: none. */
  exactly(text: string, start: number, end: number): number {
    const next = this.next;
    let node = 0;
    for (let k = start; k < end; k++) {
      node = next[node * 128 + text.charCodeAt(k)]!;
      if (node === 0) return 0;
    }
    return this.ends[node]!;
  }
}
