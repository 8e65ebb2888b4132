// Minor units (cents) as the decimal an auditor reads, exactly: integer arithmetic, never floats.
// Every currency the simulated providers use has two decimals; a three-decimal currency would need
// the currency's exponent here.
export function decimalOfMinor(minor: number | bigint | null | undefined): string | null {
  if (minor === null || minor === undefined) return null;
  const value = BigInt(minor);
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}
