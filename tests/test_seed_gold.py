"""The hand-made seed gold stays usable: valid TimeML whose text is the seed's, verbatim.

If an edit to a seed or a gold file drifts, the evaluation would silently score against text the
extractor never sees; these checks catch that.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from chronology.dates import DateValue

ROOT = Path(__file__).parent.parent
GOLD = sorted((ROOT / "tests" / "data" / "seed_gold").glob("*.tml"))
TYPES = {"DATE", "TIME", "DURATION", "SET"}
MODS = {"START", "MID", "END", "APPROX", "MORE_THAN", "LESS_THAN", "BEFORE", "AFTER"}


def _parse(path: Path) -> tuple[ET.Element, str, list[ET.Element]]:
    root = ET.parse(path).getroot()
    text_el = root.find("TEXT")
    assert text_el is not None
    return root, "".join(text_el.itertext()), text_el.findall("TIMEX3")


def test_there_is_enough_gold():
    assert len(GOLD) >= 6
    assert sum(len(_parse(p)[2]) for p in GOLD) >= 150


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name)
def test_gold_text_is_a_verbatim_excerpt_of_its_seed(path: Path):
    root, text, _ = _parse(path)
    info = root.findtext("EXTRAINFO") or ""
    match = re.search(r"(\S+\.txt) \[(\d+), (\d+)\)", info)
    assert match, info
    seed = (ROOT / "seeds" / match.group(1)).read_text(encoding="utf-8")
    assert seed[int(match.group(2)) : int(match.group(3))] == text


@pytest.mark.parametrize("path", GOLD, ids=lambda p: p.name)
def test_gold_timexes_are_well_formed(path: Path):
    root, _, timexes = _parse(path)
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.get("functionInDocument") == "CREATION_TIME"
    assert DateValue.from_timex(dct.get("value", "")) is not None
    tids = [t.get("tid") for t in timexes]
    assert len(set(tids)) == len(tids)
    for timex in timexes:
        assert timex.get("type") in TYPES, timex.attrib
        assert timex.text and timex.text.strip() == timex.text, timex.attrib
        assert timex.get("mod") in MODS | {None}, timex.attrib
        value = timex.get("value", "")
        if timex.get("type") == "DATE" and not value.endswith("_REF") and "W" not in value:
            assert DateValue.from_timex(value, timex.get("mod")) is not None, timex.attrib
