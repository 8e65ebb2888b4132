// The test identity provider's own pages (test/support/oidc-provider.ts): the package's development
// pages have no labels, and a browser test types into a labelled field.
import type { IncomingMessage, ServerResponse } from 'node:http';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The sign-in page: a labelled field, a button, a cancel; an error as an alert. `uid` is the
 *  interaction's id, already checked to be [A-Za-z0-9_-]. */
export function signInPage(res: ServerResponse, uid: string, error: string | null): void {
  const alert = error ? `<p role="alert">${escape(error)}</p>` : '';
  res.writeHead(error ? 422 : 200, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in · Test identity provider</title></head>
<body><main>
<h1>Test identity provider</h1>${alert}
<form method="post" action="/interaction/${uid}/login">
<label for="login">Login</label>
<input id="login" name="login" autocomplete="username" required autofocus>
<button type="submit">Continue</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`);
}

/** A request body as text, at most 10 kB. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      text += chunk;
      if (text.length > 10_000) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(text));
    req.on('error', reject);
  });
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
