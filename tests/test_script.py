import re

import regex

from govnews_nlp.script import HAN


def test_han_class_is_regex_han_script():
    """HAN holds every character regex calls Han, and nothing else but code points this
    version of regex does not assign yet (HAN follows Unicode 17; an older regex knows less)."""
    ours = re.compile(HAN)
    theirs = regex.compile(r"\p{Han}")
    unassigned = regex.compile(r"\p{Cn}")
    missing, extra = [], []
    for code_point in range(0x110000):
        if 0xD800 <= code_point <= 0xDFFF:
            continue
        char = chr(code_point)
        in_ours, in_theirs = ours.match(char) is not None, theirs.match(char) is not None
        if in_theirs and not in_ours:
            missing.append(hex(code_point))
        elif in_ours and not in_theirs and not unassigned.match(char):
            extra.append(hex(code_point))
    assert missing == [] and extra == []


def test_han_class_in_a_pattern():
    assert re.findall(HAN + "{2,3}", "记者张建华、〇号") == ["记者张", "建华", "〇号"]
