"""Check the companion's built wheel and sdist hold what a user and a packager need.

    .venv/bin/python scripts/check-companion-dist.py dist/companion

twine check --strict covers the metadata's rendering; this covers the contents: the licence in
both, the suite (conftest, settings, urls, models, the redis-server plugin) in the sdist and not
in the wheel, nothing else of the repository in the sdist, classifiers PyPI accepts,
`__version__` agreeing with the metadata, and a README (PyPI's page) whose links all work from
PyPI — absolute, never relative to this repository.
Prints one line per problem; exit 1 if there is any.
"""

import re
import sys
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path

from trove_classifiers import classifiers as known_classifiers

SDIST_MUST_HOLD = [
    "LICENSE",
    "README.md",
    "pyproject.toml",
    "src/sessionlens/__init__.py",
    "src/sessionlens/py.typed",
    "tests/__init__.py",
    "tests/conftest.py",
    "tests/settings.py",
    "tests/urls.py",
    "tests/models.py",
    "testing/redis_server.py",
]
# Everything the sdist may hold at its top: the package, its suite and the build's own files. The
# repository's test infrastructure (the vector generator, test/generators/) is not the package's.
SDIST_TOPS = {"LICENSE", "MANIFEST.in", "PKG-INFO", "README.md", "pyproject.toml", "setup.cfg"}
SDIST_TOPS |= {"src", "tests", "testing"}
# Markdown links and images: [text](target) / ![alt](target).
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)")


def one(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise SystemExit(f"expected one {pattern} in {folder}, found {[p.name for p in found]}")
    return found[0]


def check(folder: Path) -> list[str]:
    problems: list[str] = []
    wheel = one(folder, "django_sessionlens-*.whl")
    sdist = one(folder, "django_sessionlens-*.tar.gz")

    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        metadata_name = next(n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = Parser().parsestr(zf.read(metadata_name).decode())
        init = zf.read("sessionlens/__init__.py").decode()
    if not any(n.endswith(".dist-info/licenses/LICENSE") for n in names):
        problems.append(f"{wheel.name}: no LICENSE under .dist-info/licenses/")
    if any(n.startswith(("tests/", "testing/")) for n in names):
        problems.append(f"{wheel.name}: ships the test suite (it belongs in the sdist only)")

    with tarfile.open(sdist) as tf:
        root = tf.getnames()[0].split("/")[0]
        held = {name.removeprefix(root + "/") for name in tf.getnames()}
    problems += [f"{sdist.name}: missing {name}" for name in SDIST_MUST_HOLD if name not in held]
    tops = {name.split("/")[0] for name in held if name != root}
    problems += [f"{sdist.name}: ships {top}, not the package's" for top in sorted(tops - SDIST_TOPS)]

    version = metadata["Version"]
    if f'__version__ = "{version}"' not in init:
        problems.append(f"sessionlens.__version__ does not say {version}, the metadata's version")
    if metadata.get("License-Expression") != "MIT":
        problems.append(f"License-Expression is {metadata.get('License-Expression')!r}, not 'MIT'")
    for classifier in metadata.get_all("Classifier") or []:
        if classifier not in known_classifiers:
            problems.append(f"classifier PyPI would refuse: {classifier}")
    if not metadata.get_all("Project-URL"):
        problems.append("no Project-URL")
    readme = metadata.get_payload()
    assert isinstance(readme, str), "a wheel's METADATA body is the README text"
    for target in LINK.findall(readme):
        if not target.startswith(("https://", "http://", "#")):
            problems.append(f"README link {target!r} does not work on PyPI (not absolute)")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    found = check(Path(sys.argv[1]))
    for problem in found:
        print(problem)
    if not found:
        print("wheel and sdist: licence, suite, classifiers, version and README links in order")
    sys.exit(1 if found else 0)
