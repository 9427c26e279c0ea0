"""Build data/common_characters.txt: the most frequent Chinese characters, both scripts.

Source: the word frequencies of jieba's own dictionary (a dependency), summed per
character; the top N simplified characters plus their traditional forms (OpenCC s2t).
Used only to tell GB18030 from Big5 when decoding bytes.

    python scripts/build_common_characters.py
"""
from collections import Counter
from pathlib import Path

import jieba
import opencc

TOP_N = 3000
OUT = Path(__file__).resolve().parents[1] / "src" / "govnews_nlp" / "data" / "common_characters.txt"


def build() -> str:
    dict_path = Path(jieba.__file__).parent / "dict.txt"
    freq: Counter[str] = Counter()
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word, count, *_ = line.split(" ")
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                freq[ch] += int(count)
    simplified = "".join(ch for ch, _ in freq.most_common(TOP_N))
    traditional = opencc.OpenCC("s2t").convert(simplified)
    chars = sorted(set(simplified) | set(traditional))
    lines = ["".join(chars[i:i + 80]) for i in range(0, len(chars), 80)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    OUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUT}")
