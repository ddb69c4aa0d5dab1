import { describe, expect, it } from 'vitest';
import vectors from '../../../test/vectors/signed-cookie.5.2.19.json' with { type: 'json' };
import { decode } from '../decode';
import type { DecodeOptions } from '../types';

// set_signed_cookie values real Django 5.2 wrote (test/generators/group_signed_cookie.py).
const vector = (name: string) => {
  const v = vectors.vectors.find((x) => x.id === `signed-cookie/5.2.19/${name}`);
  if (!v) throw new Error(`no vector ${name}`);
  return { value: v.value, options: v.options as DecodeOptions };
};

describe('set_signed_cookie read without its salt (issue 10)', () => {
  const { value, options } = vector('with_salt');

  it('verifies with the salt the view used', async () => {
    expect((await decode(value, options)).verified).toBe(true);
    expect(options.salt).not.toBe('');
  });

  it('with the right key but no salt entered, says the salt may be the only unknown', async () => {
    const report = await decode(value, { ...options, salt: '' });
    expect(report.code).toBe('bad-signature');
    const [warning, ...rest] = report.warnings.filter((w) => w.code === 'salt-unknown');
    expect(rest).toEqual([]);
    expect(warning?.message).toBe(
      `None of your keys verifies it as set_signed_cookie("${options.cookieName}", …, salt=""): if the view passes a salt=, enter it; only with the right salt does a failure mean the key is wrong.`,
    );
  });

  it('with a salt entered, a failure is a bad signature and says which call it tried', async () => {
    const report = await decode(value, { ...options, salt: 'not-the-salt' });
    expect(report.code).toBe('bad-signature');
    expect(report.warnings.map((w) => w.code)).not.toContain('salt-unknown');
    expect(report.message).toBe(
      `none of your keys verifies it as set_signed_cookie("${options.cookieName}", …, salt="not-the-salt")`,
    );
  });
});

describe('set_signed_cookie read with a salt it was not signed with', () => {
  it('says the key verifies it with no salt, so the salt entered is wrong', async () => {
    const { value, options } = vector('basic');
    expect(options.salt).toBe('');
    const report = await decode(value, { ...options, salt: 'themesalt' });
    expect(report.code).toBe('bad-signature');
    expect(report.verified).toBe(false);
    const warning = report.warnings.find((w) => w.code === 'salt-mismatch');
    expect(warning?.message).toBe(
      `SECRET_KEY verifies it as set_signed_cookie("${options.cookieName}", …) with no salt: the salt entered ("themesalt") is not the view's.`,
    );
  });

  it('says nothing of the kind when the key is wrong too', async () => {
    const { value, options } = vector('basic');
    const report = await decode(value, { ...options, salt: 'themesalt', keys: ['not-the-key'] });
    expect(report.code).toBe('bad-signature');
    expect(report.warnings.map((w) => w.code)).not.toContain('salt-mismatch');
  });
});
