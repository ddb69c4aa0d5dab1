// Django SECRET_KEYs published in permissively licensed code: a site that copied one signs its
// sessions with a key anyone can read. Each entry was read from its repository at the commit
// recorded here, as a literal (or a literal fallback of an environment variable: used whenever
// the variable is unset); the licence was read from the same repository's licence file. Template
// variables ("{{ secret_key }}") and keys generated at install time are not listed: they are
// per-site. Copyleft lists such as badsecrets (AGPL) are deliberately not reused.

export type PermissiveLicense = 'MIT' | 'BSD-2-Clause' | 'BSD-3-Clause' | 'Apache-2.0' | 'CC0-1.0';

export interface KnownKey {
  key: string;
  /** GitHub owner/name. */
  repo: string;
  /** The file holding the key, at `commit`. */
  path: string;
  /** The commit the key was read at (some keys were later removed, so not always the newest). */
  commit: string;
  license: PermissiveLicense;
  note: string;
}

export const KNOWN_KEYS: readonly KnownKey[] = [
  {
    key: 'django_tests_secret_key',
    repo: 'django/django',
    path: 'tests/test_sqlite.py',
    commit: '0537b1854f09d8b3cad68bfe2c3900943f14ee4b',
    license: 'BSD-3-Clause',
    note: "Django's own test-suite settings, copied by many backends' test settings",
  },
  {
    key: 'predictable-secret',
    repo: 'django/django',
    path: 'tests/signing/tests.py',
    commit: '06be092582991369372fe7072dc94cf593dee3f2',
    license: 'BSD-3-Clause',
    note: "Django's signing tests (TestSigner: Signer(key='predictable-secret'))",
  },
  {
    key: 'predictable-key',
    repo: 'django/django',
    path: 'tests/signing/tests.py',
    commit: '06be092582991369372fe7072dc94cf593dee3f2',
    license: 'BSD-3-Clause',
    note: "Django's signing tests (TestTimestampSigner)",
  },
  {
    key: 'not very secret in tests',
    repo: 'encode/django-rest-framework',
    path: 'tests/conftest.py',
    commit: '751a19fe1b237beca9af7d587fce55d3e09d3741',
    license: 'BSD-3-Clause',
    note: 'Django REST framework test settings',
  },
  {
    key: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ1234567890',
    repo: 'django-commons/django-debug-toolbar',
    path: 'example/settings.py',
    commit: '9e9ebf974765308de1550002192782a50e64e969',
    license: 'BSD-3-Clause',
    note: 'django-debug-toolbar example project (also tests/settings.py)',
  },
  {
    key: 't8_)kj3v!au0!_i56#gre**mkg0&z1df%3bw(#5^#^5e_64!$_',
    repo: 'pennersr/django-allauth',
    path: 'examples/regular-django/example/settings.py',
    commit: '20f4bded2fd2e12d0d172d1321626a94c17ac97e',
    license: 'MIT',
    note: 'django-allauth example project',
  },
  {
    key: 'dummy-secret-key',
    repo: 'pennersr/django-allauth',
    path: 'examples/react-spa/backend/backend/settings.py',
    commit: '20f4bded2fd2e12d0d172d1321626a94c17ac97e',
    license: 'MIT',
    note: 'django-allauth React SPA example backend',
  },
  {
    key: 'psst',
    repo: 'pennersr/django-allauth',
    path: 'tests/projects/regular/settings.py',
    commit: '20f4bded2fd2e12d0d172d1321626a94c17ac97e',
    license: 'MIT',
    note: "django-allauth test projects' settings",
  },
  {
    key: 'c6u0-9c!7nilj_ysatsda0(f@e_2mws2f!6m0n^o*4#*q#kzp)',
    repo: 'wagtail/bakerydemo',
    path: 'bakerydemo/settings/base.py',
    commit: '8e2b625755d8942412d5b7627b146a795933b8b2',
    license: 'BSD-3-Clause',
    note: "Wagtail's bakerydemo site",
  },
  {
    key: 'not needed',
    repo: 'wagtail/wagtail',
    path: 'wagtail/test/settings.py',
    commit: 'c2ae43b9265d085c95142cd1a1f8563ad2eb4de9',
    license: 'BSD-3-Clause',
    note: "Wagtail's test settings",
  },
  {
    key: 'UajFCuyjDKmWHe29neauXzHi9eZoRXr6RMbT5JyAdPiACBP6Cra2',
    repo: 'django-oscar/django-oscar',
    path: 'sandbox/settings.py',
    commit: 'cdbfc4412c87dd9037d62b04755780b76490373c',
    license: 'BSD-3-Clause',
    note: 'django-oscar sandbox, the fallback when the SECRET_KEY environment variable is unset',
  },
  {
    key: '$)a7n&o80u!6y5t-+jrd3)3!%vh&shg$wqpjpxc!ar&p#!)n1a',
    repo: 'django-oscar/django-oscar',
    path: 'sandbox/settings.py',
    commit: '01775f5966f4f899eb8af3fc320054a537ceb3c7',
    license: 'BSD-3-Clause',
    note: 'an early django-oscar sandbox',
  },
  {
    key: 'notverysecret',
    repo: 'django-oscar/django-oscar',
    path: 'tests/settings.py',
    commit: 'cdbfc4412c87dd9037d62b04755780b76490373c',
    license: 'BSD-3-Clause',
    note: 'django-oscar test settings',
  },
  {
    key: 'cg#p$g+j9tax!#a3cup@1$8obt2_+&k3q+pmu)5%asj6yjpkag',
    repo: 'mdn/django-locallibrary-tutorial',
    path: 'locallibrary/settings.py',
    commit: '3dfbf459ad0b97e00eafcc38d95674bfdb9e1ccd',
    license: 'CC0-1.0',
    note: "MDN's LocalLibrary tutorial (2016-2022), the fallback when DJANGO_SECRET_KEY is unset",
  },
  {
    key: 'django-insecure-&psk#na5l=p3q8_a+-$4w1f^lt3lx1c@d*p4x$ymm_rn7pwb87',
    repo: 'mdn/django-locallibrary-tutorial',
    path: 'locallibrary/settings.py',
    commit: '3dbedbed216386e068723f5d3fefeae63bcfe16d',
    license: 'CC0-1.0',
    note: "MDN's LocalLibrary tutorial, the fallback when DJANGO_SECRET_KEY is unset",
  },
  {
    key: '*xq7m@)*f2awoj!spa0(jibsrz9%c0d=e(g)v*!17y(vx0ue_3',
    repo: 'django-cms/django-cms',
    path: 'example/settings.py',
    commit: '91e8cd1cbf07ae66700bc58b3c368e72cf66c13f',
    license: 'BSD-3-Clause',
    note: 'the django CMS example project (2008-2012, later tests/project/settings.py)',
  },
  {
    key: 'Welcome to django CMS',
    repo: 'django-cms/django-cms',
    path: 'cms/tests/settings.py',
    commit: '22f01b69b9bf49756e9e39b0cfe687f807053866',
    license: 'BSD-3-Clause',
    note: 'django CMS test settings (also testserver.py)',
  },
  {
    key: '5tve)^cpj9gsdfg54445364TW#$%u=!p2aqwtjiwxzzt%g6p',
    repo: 'stephenmcd/mezzanine',
    path: 'mezzanine/project_template/settings.py',
    commit: 'bfd93559208c40b3733882b876d6543c7fd09974',
    license: 'BSD-2-Clause',
    note: "Mezzanine's 2010 project template",
  },
  {
    key: '5tve)^cpj9gsdfg54445364TW#$%u#@$%3sdfqwtjiwxzzt%g6p',
    repo: 'stephenmcd/mezzanine',
    path: 'mezzanine/project_template/settings.py',
    commit: 'e8d95bbb680fe6659cdd82cabb3e5ef6b5b5e588',
    license: 'BSD-2-Clause',
    note: "Mezzanine's 2010 project template",
  },
  {
    key: 'NOTREALLY',
    repo: 'saleor/saleor',
    path: 'saleor/tests/settings.py',
    commit: '723cd4eba87dfc72822ade45dc08a3caa548428d',
    license: 'BSD-3-Clause',
    note: 'Saleor test settings',
  },
  {
    key: '2n6)=vnp8@bu0om9d05vwf7@=5vpn%)97-!d*t4zq1mku%0-@j',
    repo: 'django-import-export/django-import-export',
    path: 'tests/settings.py',
    commit: '29f5c5d97bb679fe79f94616f1a9ae42a4979604',
    license: 'BSD-2-Clause',
    note: 'django-import-export test settings',
  },
  {
    key: 'verysecret',
    repo: 'django-tastypie/django-tastypie',
    path: 'tests/settings.py',
    commit: 'bd07c587c86c03592dde35910585f2212719fc6d',
    license: 'BSD-3-Clause',
    note: 'django-tastypie test settings',
  },
  {
    key: '_$=$%eqxk$8ss4n7mtgarw^5$8^d5+c83!vwatr@i_81myb=e4',
    repo: 'graphql-python/graphene-django',
    path: 'examples/cookbook/cookbook/settings.py',
    commit: '0e6ef22a87dfaa3c22fce62ddcd7d91d6fe1a830',
    license: 'MIT',
    note: 'graphene-django cookbook examples (also examples/cookbook-plain)',
  },
  {
    key: 'django-insecure-vri27@j_q62e2it4$xiy9ca!7@qgjkhhan(*zs&lz0k@yukbb3',
    repo: 'jazzband/django-oauth-toolkit',
    path: 'tests/app/idp/idp/settings.py',
    commit: '0a5ffdbca596d1b21e7f98ea56ead2cec76192c7',
    license: 'BSD-2-Clause',
    note: 'django-oauth-toolkit example identity provider, the fallback when SECRET_KEY is unset',
  },
  {
    key: 'django-insecure-9$j0^ot%41l5r(nj9hg02up-n+$59kld!0%l6pvqbd()u%z2as',
    repo: 'jazzband/django-oauth-toolkit',
    path: 'tests/mig_settings.py',
    commit: '0a5ffdbca596d1b21e7f98ea56ead2cec76192c7',
    license: 'BSD-2-Clause',
    note: 'django-oauth-toolkit migration settings',
  },
  {
    key: '1234567890jazzband',
    repo: 'jazzband/django-oauth-toolkit',
    path: 'tests/settings.py',
    commit: '0a5ffdbca596d1b21e7f98ea56ead2cec76192c7',
    license: 'BSD-2-Clause',
    note: 'django-oauth-toolkit test settings',
  },
  {
    key: 'ey5!m&h-uj6c7dzp@(o1%96okkq4!&bjja%oi*v3r=2t(!$7os',
    repo: 'jazzband/django-silk',
    path: 'project/project/settings.py',
    commit: 'e015b288f2b8757253f4b7a23d48923e97662846',
    license: 'MIT',
    note: 'django-silk example project',
  },
  {
    key: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
    repo: 'netbox-community/netbox',
    path: 'netbox/netbox/configuration_testing.py',
    commit: '43fe81f9e833228c9869f7ddadb67e6c5f145060',
    license: 'Apache-2.0',
    note: 'NetBox test configuration',
  },
  {
    key: 'replace-this-please',
    repo: 'readthedocs/readthedocs.org',
    path: 'readthedocs/settings/base.py',
    commit: '7937196123747181054d4c2361ec81f93c37f8f2',
    license: 'MIT',
    note: 'Read the Docs base settings',
  },
  {
    key: '=ug_ucl@yi6^mrcjyz%(u0%&g2adt#bz3@yos%#@*t#t!ypx=a',
    repo: 'HackSoftware/Django-Styleguide-Example',
    path: 'config/django/base.py',
    commit: 'a70ef43d7df03706c1211d4fcfd70b4b0120ba1e',
    license: 'MIT',
    note: 'HackSoft Django styleguide example project',
  },
  {
    key: 'django-insecure-0peo@#x9jur3!h$ryje!$879xww8y1y66jx!%*#ymhg&jkozs2',
    repo: 'wsvincent/djangox',
    path: 'django_project/settings.py',
    commit: '56aa62e0e2e9d9070c2df23e3394de3850b9d294',
    license: 'MIT',
    note: 'DjangoX starter project',
  },
  {
    key: 'foo',
    repo: 'testdrivenio/django-on-docker',
    path: '.env.dev-sample',
    commit: '26be9cd5f891734425e4fe754d6340b92180b471',
    license: 'MIT',
    note: "TestDriven.io's Django on Docker tutorial, development environment file",
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
