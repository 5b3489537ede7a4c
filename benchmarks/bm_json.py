"""A pure-Python JSON encoder and decoder.

Seeded generator builds nested documents (objects, arrays, strings with
escapes and non-ASCII characters, integers, floats, true/false/null); the
encoder writes them with escaping and a stable key order, the recursive-
descent decoder parses them back, and the round trip must be exact.

usage: bm_json.py [SIZE]   (SIZE = documents)
"""

import zlib

DEFAULT_SIZE = 800

ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
           "\b": "\\b", "\f": "\\f"}
UNESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n",
             "r": "\r", "t": "\t"}


class DecodeError(ValueError):
    pass


def encode_string(s):
    out = ['"']
    for ch in s:
        esc = ESCAPES.get(ch)
        if esc is not None:
            out.append(esc)
        elif ch < " " or ch > "~":
            code = ord(ch)
            if code > 0xFFFF:
                code -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF)))
            else:
                out.append("\\u%04x" % code)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def encode(value, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, float):
        out.append(repr(value))
    elif isinstance(value, str):
        out.append(encode_string(value))
    elif isinstance(value, list):
        out.append("[")
        first = True
        for item in value:
            if not first:
                out.append(",")
            first = False
            encode(item, out)
        out.append("]")
    elif isinstance(value, dict):
        out.append("{")
        first = True
        for key in sorted(value):
            if not first:
                out.append(",")
            first = False
            out.append(encode_string(key))
            out.append(":")
            encode(value[key], out)
        out.append("}")
    else:
        raise TypeError("cannot encode %r" % (value,))


def dumps(value):
    out = []
    encode(value, out)
    return "".join(out)


class Decoder:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip_ws(self):
        text = self.text
        pos = self.pos
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        self.pos = pos

    def value(self):
        self.skip_ws()
        if self.pos >= len(self.text):
            raise DecodeError("unexpected end at %d" % self.pos)
        ch = self.text[self.pos]
        if ch == "{":
            return self.obj()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        if ch == "t" and self.text.startswith("true", self.pos):
            self.pos += 4
            return True
        if ch == "f" and self.text.startswith("false", self.pos):
            self.pos += 5
            return False
        if ch == "n" and self.text.startswith("null", self.pos):
            self.pos += 4
            return None
        return self.number()

    def obj(self):
        self.pos += 1
        result = {}
        self.skip_ws()
        if self.text[self.pos] == "}":
            self.pos += 1
            return result
        while True:
            self.skip_ws()
            if self.text[self.pos] != '"':
                raise DecodeError("expected key at %d" % self.pos)
            key = self.string()
            self.skip_ws()
            if self.text[self.pos] != ":":
                raise DecodeError("expected ':' at %d" % self.pos)
            self.pos += 1
            result[key] = self.value()
            self.skip_ws()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "}":
                return result
            if ch != ",":
                raise DecodeError("expected ',' or '}' at %d" % (self.pos - 1))

    def array(self):
        self.pos += 1
        result = []
        self.skip_ws()
        if self.text[self.pos] == "]":
            self.pos += 1
            return result
        while True:
            result.append(self.value())
            self.skip_ws()
            ch = self.text[self.pos]
            self.pos += 1
            if ch == "]":
                return result
            if ch != ",":
                raise DecodeError("expected ',' or ']' at %d" % (self.pos - 1))

    def string(self):
        text = self.text
        pos = self.pos + 1
        chunks = []
        start = pos
        while True:
            ch = text[pos]
            if ch == '"':
                chunks.append(text[start:pos])
                self.pos = pos + 1
                return "".join(chunks)
            if ch == "\\":
                chunks.append(text[start:pos])
                esc = text[pos + 1]
                if esc == "u":
                    code = int(text[pos + 2:pos + 6], 16)
                    pos += 6
                    if 0xD800 <= code < 0xDC00 and text.startswith("\\u", pos):
                        low = int(text[pos + 2:pos + 6], 16)
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        pos += 6
                    chunks.append(chr(code))
                else:
                    chunks.append(UNESCAPES[esc])
                    pos += 2
                start = pos
            else:
                pos += 1

    def number(self):
        text = self.text
        start = self.pos
        pos = start
        if text[pos] == "-":
            pos += 1
        while pos < len(text) and text[pos] in "0123456789":
            pos += 1
        is_float = False
        while pos < len(text) and text[pos] in ".eE+-0123456789":
            is_float = True
            pos += 1
        self.pos = pos
        literal = text[start:pos]
        if not literal or literal == "-":
            raise DecodeError("bad value at %d" % start)
        return float(literal) if is_float else int(literal)


def loads(text):
    dec = Decoder(text)
    value = dec.value()
    dec.skip_ws()
    if dec.pos != len(text):
        raise DecodeError("trailing data at %d" % dec.pos)
    return value


class Gen:
    def __init__(self, seed):
        self.seed = seed

    def next(self, n):
        self.seed = (self.seed * 25214903917 + 11) % 281474976710656
        return (self.seed >> 17) % n

    def string(self):
        alphabet = "abcdefghij KLMNOP\"\\\n\t/\u00e9\u4e2d\U0001f600"
        return "".join(alphabet[self.next(len(alphabet))] for _ in range(self.next(12)))

    def value(self, depth):
        k = self.next(10 if depth < 4 else 6)
        if k == 0:
            return None
        if k == 1:
            return self.next(2) == 0
        if k == 2:
            return self.next(2000000) - 1000000
        if k == 3:
            return (self.next(1000000) - 500000) / 64.0 + self.next(1000) * 1e-7
        if k in (4, 5):
            return self.string()
        if k in (6, 7):
            return [self.value(depth + 1) for _ in range(self.next(6))]
        return {"k%d_%s" % (i, self.string()): self.value(depth + 1) for i in range(self.next(6))}


def run(size):
    gen = Gen(31337)
    crc = 0
    total_len = 0
    for _ in range(size):
        doc = {"id": gen.next(100000), "items": [gen.value(0) for _ in range(6)],
               "meta": gen.value(0)}
        text = dumps(doc)
        back = loads(text)
        if back != doc:
            raise AssertionError("round trip changed the document")
        again = dumps(back)
        if again != text:
            raise AssertionError("re-encoding differs")
        crc = zlib.crc32(text.encode("utf-8"), crc)
        total_len += len(text)
    return "%08x %d" % (crc, total_len)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
