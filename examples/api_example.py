"""Extract the records of the bundled example article and print a short report.

    python examples/api_example.py
"""
from pathlib import Path

import govnews_nlp

raw = (Path(__file__).parent / "tongzhou.txt").read_text(encoding="utf-8")
doc = govnews_nlp.extract(raw)

print(f"{doc.title}  ({doc.source}, {doc.published_at})")
print("authors:", ", ".join(f"{a.name} ({a.role})" for a in doc.authors))
for official in doc.officials:
    titles = "、".join(t.text for t in official.titles) or "-"
    print(f"  {official.first_mention_order:>2}. {official.name}  {titles}  {' '.join(official.roles)}")
for place in doc.places:
    print(f"place: {place.name} → {place.canonical_name} {place.adcode}")
for count in doc.counts:
    print(f"count: {count.text} → {count.value} {count.item}")
print("slogans:", " / ".join(s.text for s in doc.slogans))
print("dates:", ", ".join(f"{d.text}={d.date}" for d in doc.dates))

# Every record points back into the raw input, which here is traditional script with scraping noise:
first = doc.officials[0].mentions[0] if doc.officials else None
if first:
    raw_span = doc.raw_span(first)
    print(f"{doc.text[first.start:first.end]} is written {raw[raw_span.start:raw_span.end]} in the raw input")
