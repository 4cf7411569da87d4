/** "10 seconds", "1 minute", "24 hours": how a timeout reads in the notice the viewer gets. */
export function describeTimeout(seconds: number): string {
  const units: Array<[number, string]> = [
    [3600, 'hour'],
    [60, 'minute'],
    [1, 'second'],
  ];
  for (const [size, unit] of units) {
    if (seconds >= size && seconds % size === 0) {
      const n = seconds / size;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${seconds} seconds`;
}
