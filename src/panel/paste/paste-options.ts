// The Decode tab's optional fields, as typed, and the DecodeOptions they stand for.
import type { Algorithm, DecodeOptions, Kind, Secret } from '../../core/index';

export interface PasteFields {
  kind: Kind | 'auto';
  salt: string;
  cookieName: string;
  sessionClass: string;
  maxAge: string;
  algorithm: Algorithm | '';
}

/** Only what the user filled in: an empty field means "let the core decide". */
export function pasteOptions(fields: PasteFields, keys: readonly Secret[], now: number): DecodeOptions {
  const options: DecodeOptions = { kind: fields.kind, keys, now };
  if (fields.salt) options.salt = fields.salt;
  if (fields.cookieName.trim()) options.cookieName = fields.cookieName.trim();
  if (fields.sessionClass.trim()) options.sessionClass = fields.sessionClass.trim();
  if (fields.algorithm) options.algorithm = fields.algorithm;
  const maxAge = Number(fields.maxAge);
  if (fields.maxAge.trim() && Number.isFinite(maxAge)) options.maxAge = maxAge;
  return options;
}
