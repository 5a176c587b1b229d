"""Serial numbers and owner names: this reader beside ExifTool on a folder of real files.

    python -m benchmarks.photos.identity FOLDER

Runs `exiftool -r -json -G1 -a` for every serial-number and owner-name tag, reads the same
files with `analyse_path`, and prints per camera make: files where ExifTool shows such a field,
values we also report (compared without spaces, case or leading zeros, and ExifTool's own
print formatting such as Panasonic's "(S04) 2004:08:08 no. 0427"), values we miss, and values
we report that ExifTool does not show. Needs ExifTool.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from checks.photos.extract import analyse_path

_TAGS = ("-*Serial*", "-*OwnerName*", "-Make")
_IGNORED = ("Format", "Copyright", "Institution", "Filter")


def _norm(value: object) -> str:
    return re.sub(r"[^0-9a-z]", "", str(value).lower()).lstrip("0")


def _theirs(item: dict[str, object]) -> list[str]:
    return [str(v) for k, v in item.items()
            if ("Serial" in k or "OwnerName" in k) and not any(w in k for w in _IGNORED)
            and _norm(v) and str(v).strip().lower() not in ("unknown", "no lens")]


def _same(ours: str, theirs: str) -> bool:
    a, b = _norm(ours), _norm(theirs)
    return bool(a) and (a in b or b in a or set(re.findall(r"\d{4,}", ours)) ==
                        set(re.findall(r"\d{4,}", theirs)) != set())


def main() -> None:
    if len(sys.argv) != 2 or shutil.which("exiftool") is None:
        raise SystemExit("usage: python -m benchmarks.photos.identity FOLDER (needs exiftool)")
    folder = Path(sys.argv[1])
    out = subprocess.run(["exiftool", "-q", "-q", "-r", "-json", "-G1", "-a", *_TAGS,
                          str(folder)], capture_output=True, check=False).stdout
    shown, found, missed, extra = Counter(), Counter(), Counter(), Counter()
    examples: list[str] = []
    for item in json.loads(out or b"[]"):
        make = str(item.get("IFD0:Make", "?")).split(" ")[0].upper() or "?"
        theirs = _theirs(item)
        info = analyse_path(Path(str(item["SourceFile"])), str(item["SourceFile"]))
        ours = [v for k, v in info.identity.items() if "Serial" in k or "OwnerName" in k]
        for value in theirs:
            shown[make] += 1
            if any(_same(o, value) for o in ours):
                found[make] += 1
            else:
                missed[make] += 1
        for value in ours:
            if not any(_same(value, t) for t in theirs):
                extra[make] += 1
                examples.append(f"  extra: {item['SourceFile']}: {value!r}")
    print(f"{'make':12} {'ExifTool':>8} {'found':>6} {'missed':>6} {'extra':>6}")
    for make in sorted(shown | extra):
        print(f"{make:12} {shown[make]:8} {found[make]:6} {missed[make]:6} {extra[make]:6}")
    print(f"{'total':12} {sum(shown.values()):8} {sum(found.values()):6} "
          f"{sum(missed.values()):6} {sum(extra.values()):6}")
    print("\n".join(examples[:20]))


if __name__ == "__main__":
    main()
