import { randomBytes, randomInt } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

function pick(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** A 46-character hashid-like message id, as tempmailg hands out. */
export function hashId(): string {
  return pick(ALPHANUMERIC, 46);
}

/** A random lowercase alphanumeric local part. */
export function randomLocalPart(length = 10): string {
  return pick(LOWER_ALPHANUMERIC, length);
}

/** Random lowercase hex of the given length. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length);
}

/** 64 random bytes in base64url (86 characters), like a TempMail.lol inbox token. */
export function lolToken(): string {
  return randomBytes(64).toString('base64url');
}

/** An opaque secret shaped like tempmailg's encrypted `email_token`. */
export function emailToken(): string {
  return randomBytes(48).toString('base64url');
}
