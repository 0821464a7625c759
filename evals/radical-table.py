#!/usr/bin/python3
"""Writes domain/radicals.ts: what each radical code point stands for in a simplified-Chinese gazette.

PDF fonts (Type 3 fonts and subsets above all) often map a glyph to a radical code point, Kangxi
Radicals (U+2F00-2FDF) or CJK Radicals Supplement (U+2E80-2EFF), where the page prints an
ideograph: ⺠ for 民, ⻔ for 门, ⼾ for 户. An extractor confuses the two when one font glyph serves
both code points, so the truth is in the fonts: the table is made from

  1. the cmaps of the installed simplified-Chinese fonts (every "… CJK SC" face of Noto Sans/Serif
     CJK, read with fontTools): a radical and a unified ideograph that share one glyph id are what
     an extractor confuses; where the SC faces disagree, most of them win;
  2. else Unicode's EquivalentUnifiedIdeograph.txt (else CJKRadicals.txt), which for the Kangxi
     radicals is their NFKC form, a traditional one in places (⼾ → 戶, ⾨ → 門);
  3. that character made standard: kept when it is in the 通用规范汉字表 (Unihan kTGH), else its
     kSimplifiedVariant (門 → 门; a component too: 飠 → 饣), else for the five Japanese forms the
     standard one (EXTRA below), else kept as drawn (component forms such as 亻 氵 讠 are in no standard list, and stay).

Only targets in the Basic Multilingual Plane are written: foldCharacters replaces one UTF-16 unit
with one, so offsets into a text stay valid. Radicals with no such target are left out (not folded).

Run with the system Python (python3-fonttools, unicode-data, fonts-noto-cjk):
    /usr/bin/python3 evals/radical-table.py > domain/radicals.ts
It is not run at run time; its output is committed.
"""
import bz2
import glob
import os
import sys
import unicodedata
from collections import Counter

from fontTools.ttLib import TTCollection, TTFont

UCD = '/usr/share/unicode'
FONTS = sorted(glob.glob('/usr/share/fonts/opentype/noto/Noto*CJK*.tt[cf]') + glob.glob('/usr/share/fonts/opentype/noto/Noto*CJK*SC*.otf'))
# The assigned code points of the two blocks (U+2E9A is unassigned).
RADICALS = [cp for cp in [*range(0x2E80, 0x2EF4), *range(0x2F00, 0x2FD6)] if unicodedata.category(chr(cp)) != 'Cn']
# Japanese forms (the J-SIMPLIFIED radicals' and ⾭'s), neither traditional nor standard in China, and
# what the 通用规范汉字表 prints for them. Unihan has no simplified variant for them (斉 and 竜 only
# reach 齐 and 龙 through semantic variants, a road that would also take component forms such as
# 亻 卩 厶 to whole characters such as 人 节 某; 亀 and 靑 are related to nothing).
EXTRA = {'斉': '齐', '竜': '龙', '亀': '龟', '歯': '齿', '靑': '青'}


def unified(cp):
    """A unified ideograph: URO, extension A, or the supplementary planes (compatibility ideographs are not)."""
    return 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x3FFFF


def preference(cp):
    return (0 if 0x4E00 <= cp <= 0x9FFF else 1 if 0x3400 <= cp <= 0x4DBF else 2, cp)


def sc_faces():
    for path in FONTS:
        fonts = TTCollection(path, lazy=True).fonts if path.endswith('.ttc') else [TTFont(path, lazy=True)]
        for font in fonts:
            name = font['name'].getDebugName(4) or ''
            if name.endswith(' SC') or ' SC ' in name:
                yield name, font.getBestCmap()


def font_equivalents():
    """Radical → the unified ideograph sharing its glyph, by a vote of the SC faces; and the faces read."""
    votes = {}
    faces = []
    for name, cmap in sc_faces():
        faces.append(name)
        by_glyph = {}
        for cp, glyph in cmap.items():
            if unified(cp):
                by_glyph.setdefault(glyph, []).append(cp)
        for r in RADICALS:
            if r in cmap and by_glyph.get(cmap[r]):
                votes.setdefault(r, Counter())[min(by_glyph[cmap[r]], key=preference)] += 1
    return {r: min(c.items(), key=lambda kv: (-kv[1], preference(kv[0])))[0] for r, c in votes.items()}, faces


def unicode_equivalents():
    out = {}
    path = os.path.join(UCD, 'EquivalentUnifiedIdeograph.txt')
    if os.path.exists(path):
        for line in open(path, encoding='utf-8'):
            line = line.split('#')[0].strip()
            if not line:
                continue
            span, target = (s.strip() for s in line.split(';'))
            lo, _, hi = span.partition('..')
            for r in range(int(lo, 16), int(hi or lo, 16) + 1):
                out[r] = int(target, 16)
        return out, 'EquivalentUnifiedIdeograph.txt'
    for line in open(os.path.join(UCD, 'CJKRadicals.txt'), encoding='utf-8'):
        line = line.split('#')[0].strip()
        if not line:
            continue
        _, radical, ideograph = (s.strip() for s in line.split(';'))
        if radical:
            out[int(radical, 16)] = int(ideograph, 16)
    return out, 'CJKRadicals.txt'


def ucd_version():
    for line in open(os.path.join(UCD, 'ReadMe.txt'), encoding='utf-8'):
        if 'Version' in line and 'Unicode Standard' in line:
            return 'Unicode ' + line.split('Version')[1].split()[0]
    return 'Unicode version unknown'


def unihan(files, fields):
    out = {}
    for name in files:
        with bz2.open(os.path.join(UCD, name), 'rt', encoding='utf-8') as f:
            for line in f:
                if line.startswith('#') or not line.strip():
                    continue
                cp, field, value = line.rstrip('\n').split('\t', 2)
                if field in fields:
                    values = [chr(int(v.split('<')[0][2:], 16)) for v in value.split()] if field.endswith('Variant') else value
                    out.setdefault(field, {})[chr(int(cp[2:], 16))] = values
    return out


def main():
    by_font, faces = font_equivalents()
    by_unicode, unicode_file = unicode_equivalents()
    data = unihan(['Unihan_OtherMappings.txt.bz2'], {'kTGH'})
    data.update(unihan(['Unihan_Variants.txt.bz2'], {'kSimplifiedVariant'}))
    standard_set = set(data.get('kTGH', {}))
    if not standard_set:
        sys.exit('no kTGH field in the Unihan files: cannot tell a standard character')
    simplified = data['kSimplifiedVariant']

    def standard(ch):
        if ch in standard_set:
            return ch, None
        forms = [s for s in simplified.get(ch, []) if s != ch and ord(s) <= 0xFFFF]
        for s in sorted(forms, key=lambda s: s not in standard_set):
            return s, 'kSimplifiedVariant'
        if ch in EXTRA:
            return EXTRA[ch], 'EXTRA'
        return ch, None

    rows = []
    for r in RADICALS:
        base = by_font.get(r) or by_unicode.get(r)
        if base is None:
            continue
        source = 'font' if r in by_font else 'unicode'
        target, how = standard(chr(base))
        if ord(target) > 0xFFFF:
            continue
        note = []
        if by_unicode.get(r) is not None and by_unicode[r] != ord(target):
            note.append(f'Unicode: {chr(by_unicode[r])}')
        if source == 'font' and by_font[r] != ord(target):
            note.append(f'SC font: {chr(by_font[r])}')
        if how:
            note.append(how)
        rows.append((r, target, note))

    out = sys.stdout
    out.write('// GENERATED by evals/radical-table.py; do not edit. Regenerate with\n')
    out.write('//   /usr/bin/python3 evals/radical-table.py > domain/radicals.ts\n')
    out.write(f'// Sources: the cmaps of {", ".join(faces)} (a radical and an ideograph sharing one glyph);\n')
    out.write(f'// else /usr/share/unicode/{unicode_file} ({ucd_version()}); made standard by\n')
    out.write('// Unihan kTGH (通用规范汉字表) and kSimplifiedVariant, never a traditional form.\n')
    out.write('\n')
    out.write('/**\n * What each Kangxi radical (U+2F00–2FD5) and CJK radical supplement (U+2E80–2EF3) stands for in a\n')
    out.write(' * simplified-Chinese gazette, one UTF-16 unit for one. Radicals missing here have no such character\n')
    out.write(' * in the Basic Multilingual Plane and are left as they are.\n */\n')
    out.write('export const RADICAL_FOLD: Readonly<Record<string, string>> = {\n')
    for r, target, note in rows:
        comment = f' // {unicodedata.name(chr(r))}' + (f'; {", ".join(note)}' if note else '')
        out.write(f"  '{chr(r)}': '{target}',{comment}\n")
    out.write('};\n')


if __name__ == '__main__':
    main()
