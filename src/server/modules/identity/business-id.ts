const WEIGHTS = [1, 2, 1, 2, 1, 2, 4, 1];

/**
 * 統一編號 (Taiwan business ID) checksum: multiply each digit by 1,2,1,2,1,2,4,1, add the digits of each
 * product, and the sum must be divisible by 5 (the Ministry of Finance's 2023 rule; divisible by 10 under
 * the old rule satisfies it too). When the 7th digit is 7 its product 28 may count as 10 or 11, so either
 * total may pass.
 */
export function isValidBusinessId(value: string): boolean {
  if (!/^\d{8}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const product = Number(value[i]) * WEIGHTS[i]!;
    sum += Math.floor(product / 10) + (product % 10);
  }
  if (sum % 5 === 0) return true;
  return value[6] === '7' && (sum + 1) % 5 === 0;
}
