/** French. */
import type { DetectorWords, MailWords, RefusalWords, Vocabulary } from './types';

export const detector: DetectorWords = {
  email: ['courriel'],
  identifier: ['identifiant', "nom d'utilisateur"],
  search: ['recherch'],
  confirm: [],
  signup: ['inscri', 'créer (un |votre |mon )?compte'],
  login: ['connexion', 'connecte', 'bon retour'],
  forgot: ['oublié'],
  remember: ['se souvenir'],
  terms: [],
  newsletter: ['infolettre'],
  checkout: ['paiement', 'livraison', 'commande'],
  haveAccount: ['déjà (un compte|inscrit)'],
  noAccount: ['pas (encore )?de compte'],
  passwordRule: [String.raw`au moins \d+ caract`],
  newPassword: ['nouveau', 'choisi'],
  aboutEmail: [],
  contact: ['votre message'],
  socialWith: ['avec'],
  or: ['ou'],
  nameField: ['prénom'],
  phoneField: [],
  lookup: [],
};

export const refusal: RefusalWords = {
  disposableAddress: ['jetable'],
};

export const mail: MailWords = {
  codeLabels: [
    String.raw`code\s+(?:de\s+|d['’])?(?:vérification|confirmation|sécurité|connexion|validation|activation|accès|authentification)`,
    String.raw`code\s+(?:à\s+usage\s+unique|temporaire)`,
    String.raw`(?:votre|ton)\s+code`,
  ],
  codeWords: [],
  genericLabels: [String.raw`^(?:votre|ton)\s`],
  confirmationLabels: [],
  purposes: ['connexion', 'connecter', 'vérifi'],
  handoverBefore: [],
  handoverAfter: [],
  copulas: ['est'],
  possessives: ['votre'],
  decoyWords: ['tél', 'prix', 'remise', 'suivi'],
  decoyStems: ['commande', 'facture', 'montant', 'livraison', 'réduction', 'téléphone'],
  months: [],
  currencyAfter: [],
  currencyBefore: [],
  transactionThemes: [String.raw`numéro\s+de\s+commande`, 'réservation'],
  linkVerify: ['vérifi', 'activer', 'activez'],
  linkSignIn: [String.raw`se\s+connecter`, String.raw`réinitialiser\s+(?:le\s+|votre\s+)?mot\s+de\s+passe`],
  magicLinkContext: ['expire'],
  linkNegative: ['désabonne', 'désinscri', 'confidentialité'],
  genericAnchors: [],
};

export const vocabulary: Vocabulary = { language: 'fr', detector, refusal, mail };
