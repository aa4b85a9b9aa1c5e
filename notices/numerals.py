"""Numbers as notices write them: 1,819 / 3.7 / 二十 / 两 / 一千八百一十九 / 30万 / 1.2亿 / 三分之一.

Small and dependency-free on purpose: cn2an does the same but costs 0.3 s at import, a sixth of
the start-up budget, for the few forms notices use.
"""
from __future__ import annotations

import re

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6,
             "柒": 7, "捌": 8, "玖": 9}
CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_UNITS) + "".join(CN_BIG)

EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12,
}
EN_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
EN_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
                "fifth": 5, "fifths": 5}

#: numbers written with more characters than this are out of range (parsed as None, never raised)
MAX_NUMBER_CHARS = 24

_ARABIC = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$")


def parse_cn_int(s: str) -> int | None:
    """二十 → 20, 一千八百一十九 → 1819, 三十万 → 300000, 二〇一八 → 2018 (digit by digit)."""
    if not s or any(ch not in CN_CHARS for ch in s):
        return None
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1:
        return int("".join(str(CN_DIGITS[ch]) for ch in s))
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (1 if digit is None else digit) * CN_UNITS[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            if section == 0:
                section = 1
            total = (total + section) * CN_BIG[ch] if CN_BIG[ch] > 10_000 else total + section * CN_BIG[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_number(s: str) -> float | int | None:
    """Any single number as written: Arabic (with separators), Chinese, or mixed (1.2万)."""
    s = s.strip().replace("，", ",")
    if not s or len(s) > MAX_NUMBER_CHARS:
        return None
    if "分之" in s:
        den, _, num = s.partition("分之")
        d, n = parse_number(den), parse_number(num)
        if d and n is not None:
            return round(n / d, 4)
        return None
    mult = 1
    while s and s[-1] in CN_BIG and not all(ch in CN_CHARS for ch in s):
        mult *= CN_BIG[s[-1]]
        s = s[:-1]
    if _ARABIC.match(s):
        value = float(s.replace(",", ""))
    else:
        v = parse_cn_int(s)
        if v is None:
            return None
        value = float(v)
    value *= mult
    return int(value) if value.is_integer() else round(value, 6)


def parse_en_words(words: list[str]) -> int | None:
    """["twenty", "five"] → 25, ["three", "hundred"] → 300; None when not all number words."""
    total, current = 0, 0
    if not words or len(words) > MAX_NUMBER_CHARS:
        return None
    for w in words:
        w = w.lower()
        if w in ("and", "-"):
            continue
        if "-" in w:
            parts = [parse_en_words([p]) for p in w.split("-")]
            if None in parts:
                return None
            current += sum(p for p in parts if p is not None)
        elif w == "hundred":
            current = (current or 1) * 100
        elif w in EN_WORDS:
            current += EN_WORDS[w]
        elif w in EN_SCALES:
            total += (current or 1) * EN_SCALES[w]
            current = 0
        else:
            return None
    return total + current
