"""Compare two folders of vector files on what the core is tested against; print the names that differ.

    python test/generators/same_vectors.py FRESH_DIR test/vectors

Every field must match except the top-level "python" (the interpreter that ran the generator, kept
for the record): the vectors are the same whichever CPython patch release wrote them. Exit 1 when
a file differs or exists on one side only.
"""

import json
import sys
from pathlib import Path
from typing import Any

# Provenance only: no test reads it.
RECORD_ONLY = ("python",)


def normalised(path: Path) -> Any:
    doc = json.loads(path.read_text(encoding="ascii"))
    for field in RECORD_ONLY:
        doc.pop(field, None)
    return doc


def written(folder: Path) -> set[str]:
    """The generator's files: the vector groups and, one folder down, the fixtures."""
    return {
        str(p.relative_to(folder)) for pattern in ("*.json", "fixtures/*.json") for p in folder.glob(pattern)
    }


def main(fresh: Path, committed: Path) -> int:
    names = sorted(written(fresh) | written(committed))
    differ = [
        name
        for name in names
        if not (fresh / name).is_file()
        or not (committed / name).is_file()
        or normalised(fresh / name) != normalised(committed / name)
    ]
    for name in differ:
        print(name)
    return 1 if differ else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
