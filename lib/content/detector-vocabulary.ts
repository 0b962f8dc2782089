/**
 * The signup-field detector's vocabulary: the words and name patterns it looks for, in every language it
 * knows, kept apart from the matching code (detector.ts holds the weights and rules). Latin-script entries are
 * mostly word starts; other scripts are matched as substrings.
 */

export const EMAIL_WORDS =
  /e-?mail|courriel|correo|e-?post(?!al)|epost|mail ?address|邮箱|电子邮件|メール|이메일|ই-?মেই?ল|بريد|почт|электронн/i;
export const OTHER_IDENTIFIER_WORDS =
  /user ?name|login|benutzer|brukernavn|usuario|identifiant|nom d'utilisateur|phone|telefon|teléfono|handy|mobil|لهاتف|اسم المستخدم|ফোন|মোবাইল|ব্যবহারকারী|логин|телефон|\bid\b/i;
export const SEARCH_WORDS = /search|\bsøk|suche|recherch|busca|cerca|بحث|অনুসন্ধান|খুঁজ|поиск|検索|搜索/i;
export const SEARCH_NAMES = /^(q|s|query|search|keywords?|term|searchterm|search_query)$/i;
export const CONFIRM_WORDS =
  /confirm|repeat|retype|re-?enter|verify|again|bekreft|gjenta|bestätig|wiederhol|repetir|تأكيد|নিশ্চিত/i;

export const SIGNUP_WORDS =
  /sign ?(me )?up|regist|rejestr|kayıt|create (\S+ ){0,3}account|new account|open an account|join|get started|start (your )?free|opprett|bli medlem|lag (en )?konto|konto (erstellen|anlegen)|jetzt mitglied|inscri|créer (un |votre |mon )?compte|crear (una |tu )?cuenta|regístr|únete|criar conta|cadastr|crea (un )?account|iscriviti|aanmaken|[إا]نشاء حساب|حساب جديد|سجل الآن|التسجيل|اشتراك|নিবন্ধন|সাইন আপ|অ্যাকাউন্ট (তৈরি|খুলুন)|регистрац|зарегистр|создать|新規|登録|[注註][册冊]|가입/i;
export const LOGIN_WORDS =
  /log ?[io]n|sign ?in|logg inn|innlogging|anmeld|connexion|connecte|iniciar? sesi|acc[eé]de|entrar|accedi|inloggen|zaloguj|giriş|دخول|লগ ?ইন|সাইন ইন|প্রবেশ|войти|вход|ログイン|登[录入]|로그인|welcome back|velkommen tilbake|willkommen zurück|bon retour|bienvenid[oa] de nuevo|بعودتك|আবার স্বাগতম/i;
export const FORGOT_WORDS =
  /forgot|reset|zurücksetz|tilbakestill|trouble (signing|logging)|glemt|verge(ss|t)en|oublié|olvid|esquec|dimenticat|نسيت|ভুলে গেছেন|забыли|忘/i;
export const REMEMBER_WORDS =
  /remember me|(keep me|stay) (signed|logged)|husk meg|angemeldet bleiben|se souvenir|recordarme|mantener sesi|تذكرني|মনে রাখুন|запомнить/i;
export const TERMS_WORDS =
  /terms|privacy|agree|accept|vilkår|personvern|godtar|datenschutz|agb|akzeptier|conditions|acepto|términos|privacidad|الشروط|الخصوصية|শর্ত|গোপনীয়তা|соглас/i;
export const NEWSLETTER_WORDS =
  /newsletter|subscri|mailing list|e-?mail updates|latest news|stay (in touch|informed|up to date)|nyhetsbrev|abonner|abonnieren|infolettre|boletín|suscrib|النشرة|اشترك|নিউজলেটার|সাবস্ক্রাইব|рассылк|подпис/i;
export const CHECKOUT_WORDS =
  /check ?out|billing|shipping|delivery|place (your )?order|payment|guest|kasse|bestilling|betaling|levering|zahlung|versand|paiement|livraison|commande|pago|envío|pedido|الدفع|الشحن|চেকআউট|অর্থপ্রদান|оплат|доставк/i;

/** "Already have an account?" sits under signup forms; "No account yet?" under login forms. */
export const HAVE_ACCOUNT_WORDS =
  /already (have an account|registered|a member)|have an account\?|by (creating an account|signing up|registering|clicking (sign up|register|create))|har du allerede|allerede (en )?konto|bereits (ein )?(konto|registriert)|schon ein konto|déjà (un compte|inscrit)|ya tienes (una )?cuenta|ya estás registrado|لديك حساب بالفعل|ইতিমধ্যে (একটি )?অ্যাকাউন্ট|уже есть аккаунт|уже зарегистр/i;
export const NO_ACCOUNT_WORDS =
  /(don.?t|do not) have an account|no account|not (a member|registered)|new (here|to [^?]{1,30}|customer)\?|ingen konto|har du ikke (en )?konto|kein \S*konto|noch nicht registriert|pas (encore )?de compte|no tienes (una )?cuenta|ليس لديك حساب|অ্যাকাউন্ট নেই|нет аккаунта/i;
/** Password rules are shown while choosing a password, not while typing an existing one. */
export const PASSWORD_RULE_WORDS =
  /at least \d+ (char|letter)|minimum \d+ char|\d+ \S+ minimum|\d+ or more char|must (contain|include|have)|(one|1) (number|special|uppercase|digit)|minst \d+ tegn|mindestens \d+ zeichen|au moins \d+ caract|al menos \d+ caracteres|\d+ أحرف على الأقل|কমপক্ষে \d+/i;
export const NEW_PASSWORD_WORDS =
  /new|choose|create|set a|pick a|confirm|repeat|retype|re-?enter|again|ny|velg|opprett|bekreft|gjenta|neues|wählen|bestätig|wiederhol|nouveau|choisi|nueva|elige|repet|جديد|تأكيد|নতুন|নিশ্চিত|нов|придумай|повтор/i;
/** Fields about an email rather than for an address: "email subject", "email verification code". */
export const ABOUT_EMAIL_WORDS = /\b(code|title|subject|template|body|content|signature|frequency|format)\b/i;
/** An example address ("you@example.com") or an address pattern: a hint, never enough alone. */
export const ADDRESS_HINT = /\S@\S/;
/** Short names for an address field that the word list above does not cover: `mail`, `Member.Mail`. */
export const MAIL_NAME = /(^|[^a-z])mail([^a-z]|$)/i;
export const CONTACT_WORDS =
  /contact|feedback|[ei]nquir|your message|support request|kontakt|tilbakemelding|nachricht|votre message|mensaje|تواصل|اتصل|যোগাযোগ|обратн/i;
/** Decoy fields some sites add to trap browser autofill or bots. */
export const DECOY_NAMES =
  /fake|dummy|honey|trap|^hp[-_]|[-_]hp$|do[-_]?not[-_]?fill|leave[-_]?(this[-_]?)?(blank|empty)/i;
export const SOCIAL_BUTTON =
  /\b(with|via|med|mit|avec|con) (google|facebook|apple|microsoft|twitter|github|linkedin|amazon|yahoo|x)\b/i;
export const IDENTIFIER_SEPARATOR = /\b(or|eller|oder|ou|o|или)\b|\/|أو|বা/i;

export const NAME_HINTS =
  /(^|[^a-z])(first|last|full|given|family|sur|display|profile|your)[-_ ]?name|fname|lname|(?<!user[-_ ]?)\bname\b|fornavn|etternavn|vorname|nachname|prénom|nombre|apellido/i;
export const PHONE_HINTS = /phone|mobile|tel\b|telefon|teléfono/i;
export const CARD_AUTOCOMPLETE = /\bcc-(number|csc|exp)/;
export const ADDRESS_AUTOCOMPLETE = /\b(address-line1|postal-code|street-address|address-level2)\b/;

/** Forms that look something up by the email a person already used: "Track your order", "Find my order". */
export const LOOKUP_WORDS =
  /track(?:ing)? (?:your |my |an )?(?:order|package|parcel|shipment)|find my order|order (?:number|status|lookup)|spor (?:pakke|bestilling|ordre)|finn (?:min )?bestilling|تتبع|رقم الطلب|অর্ডার (?:ট্র্যাক|নম্বর)/i;
