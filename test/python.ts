// The Python that tests and benchmarks run Django with: a venv of scripts/setup-python.sh, by
// default .venv (Django 5.2). SESSIONLENS_PYTHON names another interpreter for that default one
// (a machine whose Django lives elsewhere); the other venvs of a version matrix stay as named.
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The interpreter of `venv` (a folder at the repository root). */
export function venvPython(venv = '.venv'): string {
  const override = process.env.SESSIONLENS_PYTHON;
  if (venv === '.venv' && override) return override;
  return `${ROOT}${venv}/bin/python`;
}

/** The default Django's Python. */
export const PYTHON = venvPython();
