/** Italian. */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: [],
  identifier: [],
  search: ['cerca'],
  confirm: [],
  signup: ['crea (un )?account', 'iscriviti'],
  login: ['accedi'],
  forgot: ['dimenticat'],
  remember: [],
  terms: [],
  newsletter: [],
  checkout: [],
  haveAccount: [],
  noAccount: [],
  passwordRule: [],
  newPassword: [],
  aboutEmail: [],
  contact: [],
  socialWith: [],
  or: [],
  nameField: [],
  phoneField: [],
  lookup: [],
};

export const refusal: RefusalWords = {
  disposableAddress: [],
};

export const mail: MailWords = {
  codeLabels: [
    String.raw`codice\s+(?:di\s+)?(?:verifica|conferma|sicurezza|accesso|attivazione)`,
    String.raw`(?:il\s+tuo|tuo)\s+codice`,
  ],
  codeWords: ['codice'],
  genericLabels: [String.raw`^(?:il\s+tuo|tuo)\s`],
  confirmationLabels: ['conferma'],
  purposes: ['verifica', 'accedi', 'accesso'],
  handoverBefore: [],
  handoverAfter: [],
  copulas: ['è'],
  possessives: [],
  decoyWords: [],
  decoyStems: [],
  months: [],
  currencyAfter: [],
  currencyBefore: [],
  transactionThemes: [],
  linkVerify: ['verifica', 'attiva'],
  linkSignIn: ['accedi'],
  magicLinkContext: [],
  linkNegative: [],
  genericAnchors: [],
};

export const vocabulary: Vocabulary = { language: 'it', detector, refusal, mail };
