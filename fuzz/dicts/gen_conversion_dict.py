#!/usr/bin/env python3
"""Writes dicts/conversion.dict from the bundled catalog: every code, and every status as the
two little-endian bytes the `conversion` target reads. Run from fuzz/."""
import csv

rows = list(csv.DictReader(open("../kms-errors-catalog/catalog.csv", encoding="utf-8")))
codes = sorted({r["code"] for r in rows})
statuses = sorted({int(r["status"].split()[0].split("/")[0]) for r in rows})


def esc(s):
    out = []
    for c in s:
        if ord(c) >= 128 or (32 <= ord(c) < 127 and c not in '"\\'):
            out.append(c)
        else:
            out.append("\\x%02X" % ord(c))
    return "".join(out)


with open("dicts/conversion.dict", "w", encoding="utf-8") as f:
    f.write("# Generated from kms-errors-catalog/catalog.csv by dicts/gen_conversion_dict.py: every\n")
    f.write("# code, and every status as two little-endian bytes.\n")
    for s in statuses:
        f.write('status_%d="\\x%02X\\x%02X"\n' % (s, s & 255, s >> 8))
    for c in codes:
        f.write('"%s"\n' % esc(c))
