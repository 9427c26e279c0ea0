"""Print how much extract() costs on adversarial strings, as a ratio to a plain regex scan.

    python benchmarks/adversarial.py            # every case of tests/adversarial_inputs.py
    python benchmarks/adversarial.py --patterns # also the worst module regexes, scanned alone

The baseline is a regex pass visiting every character once, timed on the same string (best of 3).
tests/test_adversarial.py asserts every ratio stays under MAX_RATIO; this prints the table.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.adversarial_inputs import (  # noqa: E402
    CASES, MAX_RATIO, baseline_seconds, extract_ratio, seconds,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", action="store_true", help="also scan each module regex over the probes")
    args = parser.parse_args()

    import govnews_nlp

    seed = (ROOT / "examples" / "tongzhou.txt").read_text(encoding="utf-8")
    govnews_nlp.extract(seed)
    cases = {"seed article (examples/tongzhou.txt)": lambda: seed, **CASES}
    print(f"{'input':34} {'chars':>9} {'extract ms':>11} {'scan ms':>8} {'ratio':>6}")
    worst = 0.0
    for name, build in cases.items():
        text = build()
        took, base, ratio = extract_ratio(text, limit_seconds=300)
        worst = max(worst, ratio)
        print(f"{name:34} {len(text):9,} {took * 1000:11.1f} {base * 1000:8.2f} {ratio:6.1f}")
    print(f"worst ratio {worst:.1f} (limit {MAX_RATIO:.0f})")

    if args.patterns:
        from tests.test_adversarial import MODULE_PATTERNS, PATTERN_PROBES

        rows = []
        for name, pattern in MODULE_PATTERNS:
            ratios = []
            for probe_name, text in PATTERN_PROBES.items():
                base = baseline_seconds(text)
                subject = text.encode("utf-8") if isinstance(pattern.pattern, bytes) else text
                took = seconds(lambda: sum(1 for _ in pattern.finditer(subject)), repeats=2)
                ratios.append((took / base, probe_name))
            rows.append((max(ratios), name))
        print(f"\n{len(rows)} module regexes, worst probe each (20,000 characters), highest first:")
        for (ratio, probe_name), name in sorted(rows, reverse=True)[:15]:
            print(f"  {name:40} {ratio:6.1f}  on {probe_name}")
    return 0 if worst <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
