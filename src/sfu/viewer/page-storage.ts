/**
 * What the watch page remembers in this browser (localStorage). Storage can
 * be unavailable (private mode, blocked cookies): then a value lasts for
 * this page only and nothing throws.
 */

export function readStored(item: string): string | null {
  try {
    return localStorage.getItem(item);
  } catch {
    return null;
  }
}

export function writeStored(item: string, value: string): void {
  try {
    localStorage.setItem(item, value);
  } catch {
    // private mode: the value lasts for this page only
  }
}
