// PyValue helpers: Python float text, exact JSON, tagged JSON, repr.

// Python's float repr(): the shortest text that round-trips (as JavaScript's), but laid out by
// CPython's float_repr_style 'short' rules (Objects/floatobject.c, Python/pystrtod.c): scientific
// notation when the decimal point position is below -4 or above 16, a two-digit exponent with an
// explicit sign, and '.0' on integral values.

export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  // toExponential() without an argument gives the shortest round-trip digits.
  const [mantissa = '', exp = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const e = Number(exp);
  const decpt = e + 1;
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) return `${sign}0.${'0'.repeat(-decpt)}${digits}`;
    if (decpt >= digits.length) return `${sign}${digits}${'0'.repeat(decpt - digits.length)}.0`;
    return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  }
  const frac = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const expText = String(Math.abs(e)).padStart(2, '0');
  return `${sign}${digits[0]}${frac}e${e < 0 ? '-' : '+'}${expText}`;
}

/** float(text) for the forms Python's repr()/str() and the pickle FLOAT opcode write. */
export function parsePyFloat(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === 'nan' || t === '+nan' || t === '-nan') return Number.NaN;
  if (t === 'inf' || t === '+inf' || t === 'infinity' || t === '+infinity') return Number.POSITIVE_INFINITY;
  if (t === '-inf' || t === '-infinity') return Number.NEGATIVE_INFINITY;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}
