// Printing for `make bench`: fixed-width rows, and ratios shown beside their target.

export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** `2.31x (target ≥ 2x: met)`; without a target just the figure. */
export function ratio(value: number, target?: number, sense: 'at least' | 'at most' = 'at least'): string {
  const figure = `${value.toFixed(2)}x`;
  if (target === undefined) return figure;
  const met = sense === 'at least' ? value >= target : value <= target;
  return `${figure} (target ${sense === 'at least' ? '≥' : '≤'} ${target}x: ${met ? 'met' : 'MISSED'})`;
}

const WIDTHS = [58, 12, 12];

export function row(cells: ReadonlyArray<string | number>, header = false): void {
  const text = cells.map((cell, i) => {
    const s = typeof cell === 'number' ? Math.round(cell).toLocaleString('en-US') : cell;
    const width = WIDTHS[i];
    if (width === undefined) return `   ${s}`;
    return i === 0 ? s.padEnd(width) : s.padStart(width);
  });
  console.log(text.join(''));
  if (header) console.log('-'.repeat(110));
}

export function section(title: string): void {
  console.log(`\n${title}`);
}
