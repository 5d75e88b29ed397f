"""GB 32100-2015 统一社会信用代码 and GB 11714 organisation codes for the test fixtures,
written here independently of parkbrain's C code, so the tests compare two
implementations, not one with itself. code(n) is the fixtures' n-th enterprise."""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def uscc(body17):
    s = sum(CHARSET.index(c) * w for c, w in zip(body17, WEIGHTS))
    return body17 + CHARSET[(31 - s % 31) % 31]


def orgcode(body8):
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    v = lambda c: int(c) if c.isdigit() else ord(c) - 55
    c = 11 - sum(v(ch) * wi for ch, wi in zip(body8, w)) % 11
    return body8 + ("X" if c == 10 else "0" if c == 11 else str(c))


def code(n):
    return uscc("91500108" + orgcode("%08d" % (31415900 + n)))
