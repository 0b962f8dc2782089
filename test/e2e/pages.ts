import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Serves our own small test pages on 127.0.0.1 (never third-party pages). Each path maps to an HTML string.
 */
export async function servePages(
  pages: Record<string, string>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const body = pages[(req.url ?? '/').split('?')[0]!];
    if (body === undefined) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A signup form whose site refuses disposable addresses: it says so under the field when the form is sent. */
export const SIGNUP_REFUSING_PAGE = `<!doctype html><html><head><title>Join</title></head><body>
<h1>Create your account</h1>
<form id="join"><label for="email">Email</label><input id="email" name="email" type="email">
<p id="error" role="alert"></p>
<label for="pw">Password</label><input id="pw" type="password" autocomplete="new-password">
<button type="submit">Create account</button></form>
<script>
document.getElementById('join').addEventListener('submit', (event) => {
  event.preventDefault();
  setTimeout(() => {
    document.getElementById('error').textContent = 'Disposable email addresses are not allowed.';
  }, 100);
});
</script></body></html>`;

/** A signup form that asks for the address twice. */
export const SIGNUP_CONFIRM_PAGE = `<!doctype html><html><head><title>Register</title></head><body>
<h1>Register</h1>
<form><label for="email">Email address</label><input id="email" name="email" type="email">
<label for="email2">Confirm email address</label><input id="email2" name="email_confirm" type="email">
<label for="pw">Password</label><input id="pw" type="password" autocomplete="new-password">
<button>Register</button></form></body></html>`;

export const SIGNUP_PAGE = `<!doctype html><html><head><title>Sign up</title></head><body>
<h1>Create your account</h1>
<form id="signup"><label for="email">Email</label><input id="email" name="email" type="email" autocomplete="email">
<label for="pw">Password</label><input id="pw" type="password" autocomplete="new-password">
<label for="pw2">Confirm password</label><input id="pw2" type="password" autocomplete="new-password">
<button>Create account</button></form></body></html>`;
