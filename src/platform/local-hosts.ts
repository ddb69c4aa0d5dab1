// The hosts granted at install (manifest host_permissions), shared by the manifest and the test fake.
//
// https:// is listed beside http:// for the loopback hosts although the demo serves plain http:
// Chrome's cookies API checks a Secure cookie's host permission against https://<domain>/, so with
// http:// alone every Secure cookie a local page sets is hidden from the extension (measured in
// Chromium 156 on http://127.0.0.1: `document.cookie` showed a `Secure; Partitioned` cookie and
// `cookies.getAll` did not, until https://127.0.0.1/* was granted). Loopback pages are a secure
// context, so browsers accept Secure (and therefore Partitioned) cookies there.
export const LOCAL_HOST_PERMISSIONS = [
  'http://localhost/*',
  'http://127.0.0.1/*',
  'https://localhost/*',
  'https://127.0.0.1/*',
];
