export function deflatedZeros(bytes: number): Promise<{ data: Buffer; crc32: number }>;
