/** The token inside a wallboard device link (`http://host:port/#/wallboard?token=…`). */
export function deviceTokenOf(url: string): string {
  const hash = new URL(url).hash;
  const token = new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).get('token');
  if (token === null) throw new Error(`No token in the device link ${url}`);
  return token;
}
