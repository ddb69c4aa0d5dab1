// The few web globals that Node 20 and extension pages share, declared by hand because this
// tsconfig has `lib: ["ES2022"]` and `types: []` (no DOM, no @types/node): anything not listed
// here fails to typecheck, which is how the core stays browser-free.

interface CryptoKey {
  readonly type: string;
}

interface SubtleCrypto {
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
  importKey(
    format: 'raw',
    keyData: Uint8Array,
    algorithm: { name: 'HMAC'; hash: string },
    extractable: boolean,
    keyUsages: readonly 'sign'[],
  ): Promise<CryptoKey>;
  sign(algorithm: 'HMAC', key: CryptoKey, data: Uint8Array): Promise<ArrayBuffer>;
}

declare var crypto: { readonly subtle: SubtleCrypto };

declare class TextEncoder {
  encode(input?: string): Uint8Array;
}

declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}
