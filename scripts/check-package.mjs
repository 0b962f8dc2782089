// The store checks that can run here, on the built packages (run `npx wxt build && npx wxt build -b firefox`
// first): a valid manifest whose version is package.json's, resolvable names and descriptions within the
// Chrome Web Store's lengths in every locale, icons that exist at their declared sizes, every referenced page
// present, no remote code (scripts, modules, styles or workers from the network, eval, new Function), no
// loosened CSP, and a justification in store/PERMISSIONS.md for every permission and host. Exit 1 on any
// finding; each is printed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { catalogLocales } from './lib/catalog-locales.mjs';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const justifications = readFileSync(join(root, 'store/PERMISSIONS.md'), 'utf8');
const targets = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['.output/chrome-mv3', '.output/firefox-mv2'];

const problems = [];
const fail = (dir, text) => problems.push(`${relative(root, dir) || dir}: ${text}`);

function filesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

/** Width and height from a PNG's IHDR chunk, or null when the file is not a PNG. */
function pngSize(path) {
  const bytes = readFileSync(path);
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function resolveMessage(dir, value, locale) {
  const match = /^__MSG_(\w+)__$/.exec(value ?? '');
  if (!match) return value;
  const file = join(dir, '_locales', locale, 'messages.json');
  const messages = JSON.parse(readFileSync(file, 'utf8'));
  const key = Object.keys(messages).find((k) => k.toLowerCase() === match[1].toLowerCase());
  return key ? messages[key].message : undefined;
}

// Code loaded from anywhere but the package. Checked in every .js, .html and .css file.
const REMOTE_CODE = [
  [/<script[^>]+src\s*=\s*["']?(?:https?:)?\/\//i, 'a <script> from the network'],
  [/<link[^>]+href\s*=\s*["']?(?:https?:)?\/\/[^>]*>/i, 'a <link> to the network'],
  [/\bimport\s*\(\s*["'`](?:https?:)?\/\//, 'import() of a remote module'],
  [/\bimport\s*[^;()]*?from\s*["'`](?:https?:)?\/\//, 'a static import of a remote module'],
  [/\bimportScripts\s*\(/, 'importScripts'],
  [/(?<![\w$.])eval\s*\(/, 'eval'],
  [/\bnew\s+Function\s*\(/, 'new Function'],
  [/@import\s+(?:url\()?\s*["']?(?:https?:)?\/\//i, 'a remote CSS @import'],
  [/\bnew\s+(?:Shared)?Worker\s*\(\s*["'`](?:https?:)?\/\//, 'a remote worker'],
];

function checkCsp(dir, csp) {
  const policies = typeof csp === 'string' ? [csp] : Object.values(csp ?? {});
  for (const policy of policies) {
    if (
      /unsafe-eval|unsafe-inline|wasm-unsafe-eval|https?:|\*/.test(policy.replace(/\bobject-src[^;]*/, ''))
    ) {
      fail(dir, `content_security_policy allows more than the package: ${policy}`);
    }
  }
}

for (const target of targets) {
  const dir = join(root, target);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    fail(dir, 'no manifest.json: build first');
    continue;
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const chrome = manifest.manifest_version === 3;

  if (target.includes('chrome') && !chrome) fail(dir, 'the Chrome package must be manifest_version 3');
  if (manifest.version !== pkg.version)
    fail(dir, `version ${manifest.version} is not package.json's ${pkg.version}`);
  if (!/^\d+(\.\d+){0,3}$/.test(manifest.version ?? ''))
    fail(dir, `version "${manifest.version}" is not 1-4 numbers`);

  // Names and descriptions in every locale, within the store limits (name 75, description 132 characters).
  const locales = readdirSync(join(dir, '_locales'));
  if (!locales.includes(manifest.default_locale))
    fail(dir, `default_locale ${manifest.default_locale} has no messages`);
  for (const locale of locales) {
    const name = resolveMessage(dir, manifest.name, locale);
    const description = resolveMessage(dir, manifest.description, locale);
    if (!name || [...name].length > 75) fail(dir, `${locale}: name missing or over 75 characters`);
    if (!description || [...description].length > 132)
      fail(dir, `${locale}: description missing or over 132 characters`);
    for (const command of Object.values(manifest.commands ?? {})) {
      if (command.description && !resolveMessage(dir, command.description, locale)) {
        fail(dir, `${locale}: command description ${command.description} has no message`);
      }
    }
  }

  // Icons at their declared sizes.
  const icons = { ...manifest.icons };
  for (const [size, path] of Object.entries(icons)) {
    const file = join(dir, path);
    const found = existsSync(file) ? pngSize(file) : null;
    if (!found || found.width !== Number(size) || found.height !== Number(size)) {
      fail(dir, `icon ${size}: ${path} is missing or not a ${size}×${size} PNG`);
    }
  }
  if (!icons['128']) fail(dir, 'no 128×128 icon (the stores ask for one)');

  // Every page and script the manifest names is in the package.
  const referenced = [
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    manifest.background?.page,
    (manifest.action ?? manifest.browser_action)?.default_popup,
    manifest.options_ui?.page,
  ].filter(Boolean);
  for (const path of referenced)
    if (!existsSync(join(dir, path))) fail(dir, `manifest names ${path}, which is missing`);

  // No remote code, no loosened CSP.
  checkCsp(dir, manifest.content_security_policy);
  for (const file of filesUnder(dir)) {
    if (!/\.(m?js|html|css)$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const [pattern, what] of REMOTE_CODE) {
      if (pattern.test(text)) fail(dir, `${relative(dir, file)}: ${what}`);
    }
  }

  // A justification for every permission and host.
  const asked = [
    ...(manifest.permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
  ];
  for (const permission of asked) {
    if (!justifications.includes(`\`${permission}\``))
      fail(dir, `${permission} has no justification in store/PERMISSIONS.md`);
  }
  console.log(
    `${target}: manifest v${manifest.manifest_version} ${manifest.version}, ${locales.length} locales, ${asked.length} permissions and hosts`,
  );
}

// The store listings: a short description within the Chrome Web Store's 132 characters in each shipped
// language (LOCALES of lib/i18n/catalog.ts).
const shipped = catalogLocales(root);
if (shipped.length === 0) fail(join(root, 'lib/i18n'), 'no LOCALES found in catalog.ts');
for (const locale of shipped) {
  const path = join(root, 'store', `${locale}.md`);
  if (!existsSync(path)) {
    fail(join(root, 'store'), `no listing ${locale}.md`);
    continue;
  }
  const short = /## [^\n]+\n\n([^\n]+)\n/.exec(readFileSync(path, 'utf8'))?.[1] ?? '';
  if (!short || [...short].length > 132)
    fail(join(root, 'store'), `${locale}.md: short description missing or over 132 characters`);
}

for (const p of problems) console.error(`package check: ${p}`);
console.log(`package check: ${problems.length} problems`);
if (problems.length > 0) process.exit(1);
