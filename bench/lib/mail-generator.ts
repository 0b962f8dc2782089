import { createHash } from 'node:crypto';

/**
 * Real-looking HTML mail for benchmarks that need a lot of kept mail (bench:scale): newsletters, verification
 * codes, receipts, security alerts, shipping updates and social digests, built as table layouts with inline
 * styles the way mailing tools send them. Everything comes from a seeded generator, so a seed always gives the
 * same mails; nothing is taken from a corpus.
 */

export type MailKind = 'newsletter' | 'verification' | 'receipt' | 'security' | 'shipping' | 'digest';
const KINDS: readonly MailKind[] = [
  'newsletter',
  'verification',
  'receipt',
  'security',
  'shipping',
  'digest',
];

export interface GeneratedMail {
  kind: MailKind;
  from: { name: string; address: string };
  subject: string;
  html: string;
  /** A plain-text part, as senders put beside the HTML. */
  text: string;
  /** The verification code the mail carries, if any. */
  code?: string;
  /** The verification or sign-in link the mail carries, if any. */
  link?: string;
}

/** mulberry32: small, fast and good enough to vary text. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A stable 64-hex id, shaped like the ids Mayfly derives for TempMail.lol messages. */
export function stableMessageId(...parts: (string | number)[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

const BRANDS = [
  { name: 'Northwind Outfitters', domain: 'northwind-outfitters.example', color: '#1f6f5c' },
  { name: 'Lumen Cloud', domain: 'lumencloud.example', color: '#3b4cca' },
  { name: 'Parcelio', domain: 'parcelio.example', color: '#c2410c' },
  { name: 'The Weekly Ledger', domain: 'weeklyledger.example', color: '#111827' },
  { name: 'Fjord Fitness', domain: 'fjordfitness.example', color: '#0e7490' },
  { name: 'Bramble Books', domain: 'bramblebooks.example', color: '#7c2d12' },
  { name: 'Kettle & Crumb', domain: 'kettleandcrumb.example', color: '#9d174d' },
  { name: 'Orbit Social', domain: 'orbitsocial.example', color: '#6d28d9' },
  { name: 'Harbor Bank', domain: 'harborbank.example', color: '#1e3a8a' },
  { name: 'Pixel Forge', domain: 'pixelforge.example', color: '#b45309' },
  { name: 'Greenline Transit', domain: 'greenline.example', color: '#15803d' },
  { name: 'Atlas Travel', domain: 'atlastravel.example', color: '#0369a1' },
];

const NOUNS = [
  'release',
  'workshop',
  'collection',
  'update',
  'season',
  'guide',
  'feature',
  'community',
  'recipe',
  'route',
  'account',
  'dashboard',
  'playlist',
  'challenge',
  'discount',
  'report',
  'roadmap',
  'webinar',
  'catalogue',
  'trail',
  'library',
  'subscription',
  'offer',
  'story',
  'interview',
  'checklist',
  'template',
  'event',
];
const ADJECTIVES = [
  'new',
  'seasonal',
  'limited',
  'popular',
  'hand-picked',
  'weekly',
  'refreshed',
  'exclusive',
  'simple',
  'faster',
  'quiet',
  'bold',
  'classic',
  'local',
  'practical',
  'surprising',
  'early',
  'members-only',
];
const VERBS = [
  'explore',
  'discover',
  'try',
  'join',
  'read',
  'plan',
  'compare',
  'save on',
  'learn about',
  'catch up on',
  'browse',
  'book',
  'share',
  'review',
  'customise',
  'download',
];
const OPENERS = [
  'This week we have been busy behind the scenes.',
  'Thanks for being part of our community.',
  'A lot happened since our last note, so here is the short version.',
  'We read every reply you send us, and many of you asked for this.',
  'Spring is here, and so is a fresh batch of ideas.',
  'Here is what caught our attention over the past few days.',
  'Before the weekend, a few things worth your time.',
];
const PRODUCTS = [
  'Merino crew sweater',
  'Trail running socks (3 pack)',
  'Insulated bottle 750 ml',
  'Linen notebook A5',
  'Cast-iron skillet 26 cm',
  'Wireless earbuds',
  'Yoga mat, 4 mm',
  'Ceramic pour-over set',
  'Rain shell jacket',
  'Desk lamp with dimmer',
  'Annual plan upgrade',
  'Gift card',
  'Canvas tote bag',
  'Organic coffee beans 1 kg',
];
const CITIES = [
  'Oslo',
  'Lisbon',
  'Dhaka',
  'Amman',
  'Lyon',
  'Leipzig',
  'Valencia',
  'Bergen',
  'Porto',
  'Chittagong',
];

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function int(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function sentence(rand: () => number): string {
  const shapes = [
    () =>
      `${capitalize(pick(rand, VERBS))} our ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)} and see what changed since ${pick(rand, CITIES)}.`,
    () =>
      `The ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)} is now open to everyone, with ${int(rand, 2, 40)} more ${pick(rand, NOUNS)}s than last time.`,
    () =>
      `Readers in ${pick(rand, CITIES)} told us the ${pick(rand, NOUNS)} helped them ${pick(rand, VERBS)} a ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)}.`,
    () =>
      `You can ${pick(rand, VERBS)} the ${pick(rand, NOUNS)} from your phone, and it takes about ${int(rand, 2, 15)} minutes.`,
    () =>
      `We rebuilt the ${pick(rand, NOUNS)} from scratch so it loads ${int(rand, 2, 9)}× faster on slow connections.`,
    () =>
      `Members get ${int(rand, 5, 40)}% off every ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)} until the end of the month.`,
  ];
  return pick(rand, shapes)();
}

function paragraph(rand: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(rand)).join(' ');
}

const FONT = `font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Helvetica,Arial,sans-serif`;

function button(href: string, label: string, color: string): string {
  return `<table role="presentation" cellspacing="0" cellpadding="0" border="0" align="center" style="margin:16px auto"><tr><td style="border-radius:6px;background:${color}" bgcolor="${color}"><a href="${href}" target="_blank" style="display:inline-block;padding:12px 28px;${FONT};font-size:15px;font-weight:600;line-height:20px;color:#ffffff;text-decoration:none;border-radius:6px">${label}</a></td></tr></table>`;
}

function article(rand: () => number, brand: (typeof BRANDS)[number], n: number): string {
  const slug = `${pick(rand, ADJECTIVES)}-${pick(rand, NOUNS)}-${n}`.replace(/[^a-z0-9-]/g, '');
  const href = `https://www.${brand.domain}/articles/${slug}?utm_source=newsletter&utm_medium=email&utm_campaign=w${int(rand, 1, 52)}`;
  const img = `https://cdn.${brand.domain}/img/${slug}-${int(rand, 100, 999)}.jpg`;
  return `<tr><td style="padding:24px 32px 8px 32px">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" border="0"><tr>
<td width="180" valign="top" style="padding-right:16px"><a href="${href}"><img src="${img}" width="180" height="120" alt="${capitalize(pick(rand, NOUNS))}" style="display:block;border:0;border-radius:4px;width:180px;height:auto"></a></td>
<td valign="top" style="${FONT};font-size:15px;line-height:23px;color:#374151">
<h2 style="margin:0 0 8px 0;font-size:19px;line-height:25px;color:#111827">${capitalize(pick(rand, ADJECTIVES))} ${pick(rand, NOUNS)}: ${pick(rand, VERBS)} the ${pick(rand, NOUNS)}</h2>
<p style="margin:0 0 12px 0">${paragraph(rand, int(rand, 3, 6))}</p>
<p style="margin:0 0 12px 0">${paragraph(rand, int(rand, 2, 4))}</p>
<a href="${href}" style="color:${brand.color};font-weight:600;text-decoration:underline">Read more &rarr;</a>
</td></tr></table></td></tr>`;
}

function productRow(rand: () => number, brand: (typeof BRANDS)[number]): { html: string; price: number } {
  const name = pick(rand, PRODUCTS);
  const qty = int(rand, 1, 3);
  const price = int(rand, 5, 240) + int(rand, 0, 99) / 100;
  const sku = `${brand.name.slice(0, 2).toUpperCase()}-${int(rand, 10000, 99999)}`;
  return {
    price: price * qty,
    html: `<tr><td style="padding:10px 0;border-bottom:1px solid #e5e7eb"><img src="https://cdn.${brand.domain}/p/${sku}.png" width="56" height="56" alt="" style="border-radius:4px;vertical-align:middle"> <span style="${FONT};font-size:14px;color:#111827">${name}</span><br><span style="${FONT};font-size:12px;color:#6b7280">SKU ${sku} · Qty ${qty}</span></td><td align="right" style="padding:10px 0;border-bottom:1px solid #e5e7eb;${FONT};font-size:14px;color:#111827">€${(price * qty).toFixed(2)}</td></tr>`,
  };
}

function footer(rand: () => number, brand: (typeof BRANDS)[number], to: string): string {
  const token = stableMessageId(brand.domain, to, rand()).slice(0, 24);
  return `<tr><td style="padding:24px 32px;background:#f3f4f6;${FONT};font-size:12px;line-height:18px;color:#6b7280" align="center">
<p style="margin:0 0 8px 0">You are receiving this email because ${to} signed up at ${brand.domain}.</p>
<p style="margin:0 0 8px 0"><a href="https://www.${brand.domain}/email/preferences?u=${token}" style="color:#6b7280">Email preferences</a> · <a href="https://www.${brand.domain}/email/unsubscribe?u=${token}" style="color:#6b7280">Unsubscribe</a> · <a href="https://www.${brand.domain}/privacy" style="color:#6b7280">Privacy</a></p>
<p style="margin:0">${brand.name}, ${int(rand, 1, 220)} ${pick(rand, ['Harbour Street', 'Market Road', 'Station Lane', 'Mill Row'])}, ${pick(rand, CITIES)}</p>
<img src="https://t.${brand.domain}/open/${token}.gif" width="1" height="1" alt="" style="display:block;border:0">
</td></tr>`;
}

function shell(brand: (typeof BRANDS)[number], preheader: string, rows: string): string {
  return `<!DOCTYPE html>
<html lang="en" xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="x-apple-disable-message-reformatting"><title>${brand.name}</title>
<style type="text/css">
body{margin:0;padding:0;background:#eef0f3}table{border-collapse:collapse}img{border:0;line-height:100%;outline:none;text-decoration:none}
a{color:${brand.color}}.wrapper{width:100%;background:#eef0f3}.container{width:640px;max-width:640px}
@media only screen and (max-width:660px){.container{width:100%!important}.stack td{display:block!important;width:100%!important}}
</style></head>
<body style="margin:0;padding:0;background:#eef0f3">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all">${preheader}&#847;&zwnj;&nbsp;&#847;&zwnj;&nbsp;</div>
<table role="presentation" class="wrapper" width="100%" cellspacing="0" cellpadding="0" border="0" bgcolor="#eef0f3"><tr><td align="center" style="padding:24px 8px">
<table role="presentation" class="container" width="640" cellspacing="0" cellpadding="0" border="0" bgcolor="#ffffff" style="background:#ffffff;border-radius:8px">
<tr><td style="padding:20px 32px;background:${brand.color};border-radius:8px 8px 0 0"><a href="https://www.${brand.domain}/"><img src="https://cdn.${brand.domain}/brand/logo-white.png" width="140" height="32" alt="${brand.name}" style="display:block"></a></td></tr>
${rows}
</td></tr></table>
</td></tr></table></body></html>`;
}

/** Strips tags for the plain-text part, keeping link targets the way mailing tools write them. */
function textPart(html: string, maxChars: number): string {
  const text = html
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<a [^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/g, '$2 [$1]')
    .replace(/<(br|\/p|\/h2|\/tr)>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&rarr;/g, '→')
    .replace(/&nbsp;|&zwnj;|&#847;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n\n')
    .trim();
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * One mail of about `targetBytes` of HTML for `to`, deterministic from `seed`. Verification, security and
 * shipping mails carry their payload near the top and are padded with the brand's usual content blocks, as
 * real transactional mail is.
 */
export function generateMail(seed: number, to: string, targetBytes = 48_000): GeneratedMail {
  const rand = seededRandom(seed);
  const kind = pick(rand, KINDS);
  const brand = pick(rand, BRANDS);
  const rows: string[] = [];
  let subject: string;
  let preheader: string;
  let code: string | undefined;
  let link: string | undefined;
  const body = (inner: string) =>
    `<tr><td style="padding:24px 32px;${FONT};font-size:15px;line-height:23px;color:#374151">${inner}</td></tr>`;

  switch (kind) {
    case 'verification': {
      code = String(int(rand, 100000, 999999));
      link = `https://accounts.${brand.domain}/verify?email=${encodeURIComponent(to)}&token=${stableMessageId(seed, 'v').slice(0, 32)}`;
      subject = pick(rand, [
        `${code} is your ${brand.name} verification code`,
        `Confirm your email for ${brand.name}`,
        `Your ${brand.name} sign-up code`,
      ]);
      preheader = `Use this code to finish signing up. It expires in ${int(rand, 10, 30)} minutes.`;
      rows.push(
        body(
          `<h1 style="margin:0 0 12px 0;font-size:24px;color:#111827">Verify your email address</h1><p style="margin:0 0 16px 0">Hi there, enter this code in the ${brand.name} window to confirm ${to}:</p><p style="margin:0 0 16px 0;font-size:32px;font-weight:700;letter-spacing:6px;color:#111827;text-align:center">${code}</p><p style="margin:0 0 8px 0">Or confirm with one click:</p>${button(link, 'Confirm email address', brand.color)}<p style="margin:0;color:#6b7280;font-size:13px">If you did not create an account, you can ignore this email.</p>`,
        ),
      );
      break;
    }
    case 'security': {
      link = `https://secure.${brand.domain}/reset-password?t=${stableMessageId(seed, 's').slice(0, 40)}`;
      subject = pick(rand, [
        `New sign-in to your ${brand.name} account`,
        `Reset your ${brand.name} password`,
        `Security alert: new device in ${pick(rand, CITIES)}`,
      ]);
      preheader = `We noticed a sign-in from ${pick(rand, ['Chromium on Linux', 'Firefox on Windows', 'Safari on iPhone'])}.`;
      rows.push(
        body(
          `<h1 style="margin:0 0 12px 0;font-size:22px;color:#111827">Was this you?</h1><p style="margin:0 0 12px 0">Someone signed in to ${to} from ${pick(rand, CITIES)} at ${int(rand, 0, 23)}:${String(int(rand, 0, 59)).padStart(2, '0')} UTC using ${pick(rand, ['Chromium', 'Firefox', 'Safari'])}.</p><table role="presentation" cellpadding="6" style="${FONT};font-size:14px;color:#374151"><tr><td>IP address</td><td>203.0.113.${int(rand, 1, 254)}</td></tr><tr><td>Location</td><td>${pick(rand, CITIES)} (approximate)</td></tr></table>${button(link, 'Secure my account', brand.color)}`,
        ),
      );
      break;
    }
    case 'receipt': {
      const order = `${int(rand, 100, 999)}-${int(rand, 1000000, 9999999)}`;
      subject = pick(rand, [
        `Your ${brand.name} order #${order}`,
        `Receipt for order ${order}`,
        `Thanks for your order!`,
      ]);
      preheader = `Order ${order} is confirmed. We'll let you know when it ships.`;
      const items = Array.from({ length: int(rand, 2, 6) }, () => productRow(rand, brand));
      const total = items.reduce((sum, i) => sum + i.price, 0);
      rows.push(
        body(
          `<h1 style="margin:0 0 12px 0;font-size:22px;color:#111827">Order confirmed</h1><p style="margin:0 0 16px 0">Order <strong>#${order}</strong> · ${int(rand, 1, 28)} ${pick(rand, ['March', 'April', 'May', 'June'])}</p><table role="presentation" width="100%" cellspacing="0" cellpadding="0">${items.map((i) => i.html).join('')}<tr><td style="padding:12px 0;font-weight:700">Total</td><td align="right" style="padding:12px 0;font-weight:700">€${total.toFixed(2)}</td></tr></table>${button(`https://www.${brand.domain}/orders/${order}`, 'View order', brand.color)}`,
        ),
      );
      break;
    }
    case 'shipping': {
      const tracking = `PX${int(rand, 100000000, 999999999)}NO`;
      subject = pick(rand, [
        `Your parcel is on its way`,
        `Shipment ${tracking} out for delivery`,
        `Delivery update from ${brand.name}`,
      ]);
      preheader = `Expected ${pick(rand, ['tomorrow', 'on Friday', 'within 2 days'])}.`;
      const steps = Array.from(
        { length: int(rand, 3, 7) },
        (_, i) =>
          `<tr><td style="padding:6px 12px 6px 0;color:#6b7280;white-space:nowrap">${int(rand, 1, 28)}/${int(rand, 1, 12)} ${int(rand, 6, 22)}:${String(int(rand, 0, 59)).padStart(2, '0')}</td><td style="padding:6px 0">${i === 0 ? 'Out for delivery' : pick(rand, ['Arrived at sorting centre', 'Departed facility', 'In transit', 'Label created'])} · ${pick(rand, CITIES)}</td></tr>`,
      ).join('');
      rows.push(
        body(
          `<h1 style="margin:0 0 12px 0;font-size:22px;color:#111827">Tracking ${tracking}</h1><table role="presentation" style="${FONT};font-size:14px;color:#374151">${steps}</table>${button(`https://track.${brand.domain}/${tracking}`, 'Track parcel', brand.color)}`,
        ),
      );
      break;
    }
    case 'digest': {
      subject = `${int(rand, 2, 40)} new notifications on ${brand.name}`;
      preheader = `${pick(rand, ['Maya', 'Arif', 'Leila', 'Jonas', 'Inès'])} and others mentioned you.`;
      const items = Array.from(
        { length: int(rand, 4, 9) },
        () =>
          `<tr><td width="48" valign="top" style="padding:8px 12px 8px 0"><img src="https://avatars.${brand.domain}/u/${int(rand, 1000, 99999)}.jpg" width="40" height="40" alt="" style="border-radius:20px"></td><td style="padding:8px 0;${FONT};font-size:14px;color:#374151"><strong>${pick(rand, ['Maya', 'Arif', 'Leila', 'Jonas', 'Inès', 'Tariq', 'Sigrid'])}</strong> ${pick(rand, ['commented on your post', 'liked your photo', 'started following you', 'replied in a thread'])}: “${sentence(rand)}”</td></tr>`,
      ).join('');
      rows.push(body(`<table role="presentation" width="100%">${items}</table>`));
      break;
    }
    default: {
      subject = pick(rand, [
        `${brand.name} weekly: the ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)}`,
        `${capitalize(pick(rand, VERBS))} our ${pick(rand, ADJECTIVES)} ${pick(rand, NOUNS)}`,
        `Issue #${int(rand, 12, 340)}: ${pick(rand, NOUNS)}s, ${pick(rand, NOUNS)}s and more`,
      ]);
      preheader = pick(rand, OPENERS);
      rows.push(body(`<p style="margin:0 0 12px 0">${pick(rand, OPENERS)} ${paragraph(rand, 3)}</p>`));
    }
  }

  // Fill to the target size with the brand's usual content blocks, then the footer.
  const foot = footer(rand, brand, to);
  let length = shell(brand, preheader, rows.join('\n') + foot).length;
  for (let n = 0; length < targetBytes - 1_000; n++) {
    const block = article(rand, brand, n);
    rows.push(block);
    length += block.length + 1;
  }
  const html = shell(brand, preheader, rows.join('\n') + foot);
  return {
    kind,
    from: {
      name: brand.name,
      address: `${pick(rand, ['no-reply', 'hello', 'news', 'security', 'orders'])}@${brand.domain}`,
    },
    subject,
    html,
    text: textPart(html.slice(0, 12_000), 2_000),
    ...(code ? { code } : {}),
    ...(link ? { link } : {}),
  };
}
