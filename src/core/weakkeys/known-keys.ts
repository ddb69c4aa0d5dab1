// Django SECRET_KEYs published in permissively licensed code: a site that copied one signs its
// sessions with a key anyone can read. Each entry names its primary source; only MIT/BSD sources
// are listed (copyleft lists such as badsecrets, AGPL, are deliberately not reused).

export interface KnownKey {
  key: string;
  repo: string;
  path: string;
  license: string;
  note: string;
}

export const KNOWN_KEYS: readonly KnownKey[] = [
  {
    key: 'django_tests_secret_key',
    repo: 'django/django',
    path: 'tests/test_sqlite.py',
    license: 'BSD-3-Clause',
    note: "Django's own test-suite settings",
  },
  {
    key: 'predictable-secret',
    repo: 'django/django',
    path: 'tests/signing/tests.py',
    license: 'BSD-3-Clause',
    note: "Django's signing tests (test_custom_algorithm, test_verify_with_non_default_key)",
  },
  {
    key: 'not very secret in tests',
    repo: 'encode/django-rest-framework',
    path: 'tests/conftest.py',
    license: 'BSD-3-Clause',
    note: 'Django REST framework test settings',
  },
  {
    key: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890',
    repo: 'django-commons/django-debug-toolbar',
    path: 'example/settings.py',
    license: 'BSD-3-Clause',
    note: 'django-debug-toolbar example project',
  },
  {
    key: 't8_)kj3v!au0!_i56#gre**mkg0&z1df%3bw(#5^#^5e_64!$_',
    repo: 'pennersr/django-allauth',
    path: 'examples/regular-django/example/settings.py',
    license: 'MIT',
    note: 'django-allauth example project',
  },
];

/** Placeholders people paste from docs and never replace: not anyone's work, listed by their text. */
export const PLACEHOLDER_KEYS: readonly string[] = [
  'secret',
  'secret-key',
  'secretkey',
  'your-secret-key',
  'your-secret-key-here',
  'changeme',
  'change-me',
  'change_me',
  'SECRET_KEY',
  'django',
  'test',
  'development',
];
