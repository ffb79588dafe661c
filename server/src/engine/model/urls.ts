/** `scheme://localhost`, `*.localhost`, `127.x.x.x` or `[::1]`: traffic to it never leaves the machine. */
const LOOPBACK_URL = /^[a-z][a-z0-9+.-]*:\/\/(localhost|[^/:?#]*\.localhost|127(\.\d{1,3}){3}|\[::1\])(?=[/:?#]|$)/i;

export function isLoopbackUrl(url: string): boolean {
  return LOOPBACK_URL.test(url);
}
