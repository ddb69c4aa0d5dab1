// What the Decode tab's user typed. Apart from PasteTab.tsx so the panel shell can hold the draft
// (kept across tab switches) without loading the tab itself, which loads when first shown.
import type { PasteFields } from './paste-options';

const EMPTY_FIELDS: PasteFields = {
  kind: 'auto',
  salt: '',
  cookieName: '',
  sessionClass: '',
  maxAge: '',
  algorithm: '',
};

/** What the user typed: held by the shell, so switching tabs does not lose it. */
export interface PasteDraft {
  text: string;
  fields: PasteFields;
}

export const EMPTY_DRAFT: PasteDraft = { text: '', fields: EMPTY_FIELDS };
