/** German. Compounds are matched by their stems ("Bestätigungs-code", "Bestellnummer"). */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: [],
  identifier: ['benutzer', 'telefon', 'handy', 'mobil'],
  search: ['suche'],
  confirm: ['bestätig', 'wiederhol'],
  signup: ['konto (erstellen|anlegen)', 'jetzt mitglied'],
  login: ['anmeld', 'willkommen zurück'],
  forgot: ['zurücksetz', 'verge(ss|t)en'],
  remember: ['angemeldet bleiben'],
  terms: ['datenschutz', 'agb', 'akzeptier'],
  newsletter: ['abonnieren'],
  checkout: ['kasse', 'zahlung', 'versand'],
  haveAccount: ['bereits (ein )?(konto|registriert)', 'schon ein konto'],
  noAccount: [String.raw`kein \S*konto`, 'noch nicht registriert'],
  passwordRule: [String.raw`mindestens \d+ zeichen`],
  newPassword: ['neues', 'wählen', 'bestätig', 'wiederhol'],
  aboutEmail: [],
  contact: ['kontakt', 'nachricht'],
  socialWith: ['mit'],
  or: ['oder'],
  nameField: ['vorname', 'nachname'],
  phoneField: ['telefon'],
  lookup: [],
};

export const refusal: RefusalWords = {
  disposableAddress: ['wegwerf'],
};

export const mail: MailWords = {
  codeLabels: [
    '(?:bestätigungs|verifizierungs|verifikations|sicherheits|anmelde|login|einmal|zugangs|aktivierungs|authentifizierungs)-?code',
    'einmal-?passwort',
    String.raw`(?:ihr|dein)\s+code`,
  ],
  codeWords: [],
  genericLabels: [String.raw`^(?:ihr|dein)\s`],
  confirmationLabels: ['bestätigung'],
  purposes: ['bestätig', 'anmeld', 'einlogg'],
  handoverBefore: [],
  handoverAfter: [],
  copulas: ['lautet', 'ist'],
  possessives: ['dein', 'ihr'],
  decoyWords: ['preis', 'gesamt', 'summe'],
  decoyStems: ['bestell', 'rechnung', 'betrag', 'gutschein', 'liefer', 'sendungs', 'kundennummer'],
  months: [],
  currencyAfter: [],
  currencyBefore: [],
  transactionThemes: ['bestellnummer', 'buchung', 'rechnung'],
  linkVerify: ['bestätig', 'bestaetig', 'verifizier', 'aktivier'],
  linkSignIn: ['anmelden', 'einloggen', String.raw`passwort\s+zurücksetzen`],
  magicLinkContext: ['ablaufen', 'läuft'],
  linkNegative: ['abmelden', 'abbestellen', 'datenschutz', 'impressum'],
  genericAnchors: [],
};

export const vocabulary: Vocabulary = { language: 'de', detector, refusal, mail };
