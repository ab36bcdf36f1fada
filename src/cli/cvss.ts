/**
 * CVSS 3.1 base score from a base vector (FIRST's CVSS v3.1 specification, section 7.1 and
 * Appendix A's Roundup). Used to derive each rule's SARIF `security-severity` from the
 * vector kept as data in `src/knowledge/severity.ts`, so the number and its reasons cannot
 * drift apart.
 */
const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  C: { H: 0.56, L: 0.22, N: 0 },
  I: { H: 0.56, L: 0.22, N: 0 },
  A: { H: 0.56, L: 0.22, N: 0 },
} as const;

/** Privileges Required weighs more when the scope changes. */
const PRIVILEGES = { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } } as const;

const METRICS = ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'] as const;

/** The spec's Roundup: the smallest one-decimal number ≥ the input, robust to float error. */
function roundUp(value: number): number {
  const integer = Math.round(value * 100000);
  return integer % 10000 === 0 ? integer / 100000 : (Math.floor(integer / 10000) + 1) / 10;
}

/** Parses `AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N` (an optional `CVSS:3.1/` prefix is allowed). */
export function parseVector(vector: string): Record<(typeof METRICS)[number], string> {
  const parts = new Map<string, string>();
  for (const part of vector.replace(/^CVSS:3\.[01]\//, '').split('/')) {
    const [metric, value] = part.split(':');
    parts.set(metric, value);
  }
  const parsed = {} as Record<(typeof METRICS)[number], string>;
  for (const metric of METRICS) {
    const value = parts.get(metric);
    if (value === undefined) throw new Error(`CVSS vector ${vector} lacks ${metric}`);
    parsed[metric] = value;
  }
  return parsed;
}

function weight(table: Record<string, number>, value: string, metric: string): number {
  if (!Object.hasOwn(table, value)) throw new Error(`CVSS metric ${metric} has no value ${value}`);
  return table[value];
}

/** The CVSS 3.1 base score (0.0–10.0) of a base vector. */
export function baseScore(vector: string): number {
  const m = parseVector(vector);
  if (m.S !== 'U' && m.S !== 'C') throw new Error(`CVSS metric S has no value ${m.S}`);
  const changed = m.S === 'C';
  const iss = 1 - (1 - weight(WEIGHTS.C, m.C, 'C')) * (1 - weight(WEIGHTS.I, m.I, 'I')) * (1 - weight(WEIGHTS.A, m.A, 'A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability =
    8.22 *
    weight(WEIGHTS.AV, m.AV, 'AV') *
    weight(WEIGHTS.AC, m.AC, 'AC') *
    weight(PRIVILEGES[m.S], m.PR, 'PR') *
    weight(WEIGHTS.UI, m.UI, 'UI');
  if (impact <= 0) return 0;
  return roundUp(Math.min((changed ? 1.08 : 1) * (impact + exploitability), 10));
}

/** The score as SARIF's `security-severity` wants it: a string with one decimal. */
export function securitySeverity(vector: string): string {
  return baseScore(vector).toFixed(1);
}
