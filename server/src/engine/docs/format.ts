// Locale-independent number formatting: the same figures on every machine, so output is byte-stable.

export function formatCount(n: number): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}

export function percent(part: number, whole: number): string {
  if (whole === 0) return '100%';
  return `${((100 * part) / whole).toFixed(1).replace(/\.0$/, '')}%`;
}
