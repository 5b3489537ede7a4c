# A small hand-written JSON parser and serializer, checked against the json module on a corpus of documents.
import json


class ParseError(Exception):
    def __init__(self, msg, pos):
        super().__init__("%s at position %d" % (msg, pos))
        self.pos = pos


class Parser:
    ESC = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

    def __init__(self, text):
        self.s = text
        self.i = 0

    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\r\n":
            self.i += 1

    def parse(self):
        self.ws()
        v = self.value()
        self.ws()
        if self.i != len(self.s):
            raise ParseError("trailing data", self.i)
        return v

    def value(self):
        self.ws()
        if self.i >= len(self.s):
            raise ParseError("unexpected end", self.i)
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        if c in "-0123456789":
            return self.number()
        for lit, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(lit, self.i):
                self.i += len(lit)
                return val
        raise ParseError("unexpected character %r" % c, self.i)

    def obj(self):
        self.i += 1
        out = {}
        self.ws()
        if self.s[self.i:self.i + 1] == "}":
            self.i += 1
            return out
        while True:
            self.ws()
            if self.s[self.i:self.i + 1] != '"':
                raise ParseError("expected key", self.i)
            k = self.string()
            self.ws()
            if self.s[self.i:self.i + 1] != ":":
                raise ParseError("expected ':'", self.i)
            self.i += 1
            out[k] = self.value()
            self.ws()
            c = self.s[self.i:self.i + 1]
            self.i += 1
            if c == "}":
                return out
            if c != ",":
                raise ParseError("expected ',' or '}'", self.i - 1)

    def arr(self):
        self.i += 1
        out = []
        self.ws()
        if self.s[self.i:self.i + 1] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            c = self.s[self.i:self.i + 1]
            self.i += 1
            if c == "]":
                return out
            if c != ",":
                raise ParseError("expected ',' or ']'", self.i - 1)

    def string(self):
        self.i += 1
        buf = []
        while True:
            if self.i >= len(self.s):
                raise ParseError("unterminated string", self.i)
            c = self.s[self.i]
            if c == '"':
                self.i += 1
                return "".join(buf)
            if c == "\\":
                e = self.s[self.i + 1]
                if e == "u":
                    cp = int(self.s[self.i + 2:self.i + 6], 16)
                    self.i += 6
                    if 0xD800 <= cp < 0xDC00 and self.s[self.i:self.i + 2] == "\\u":
                        lo = int(self.s[self.i + 2:self.i + 6], 16)
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                        self.i += 6
                    buf.append(chr(cp))
                    continue
                buf.append(self.ESC[e])
                self.i += 2
                continue
            buf.append(c)
            self.i += 1

    def number(self):
        start = self.i
        if self.s[self.i] == "-":
            self.i += 1
        while self.i < len(self.s) and self.s[self.i].isdigit():
            self.i += 1
        is_float = False
        if self.s[self.i:self.i + 1] == ".":
            is_float = True
            self.i += 1
            while self.i < len(self.s) and self.s[self.i].isdigit():
                self.i += 1
        if self.s[self.i:self.i + 1] in ("e", "E"):
            is_float = True
            self.i += 1
            if self.s[self.i] in "+-":
                self.i += 1
            while self.i < len(self.s) and self.s[self.i].isdigit():
                self.i += 1
        text = self.s[start:self.i]
        return float(text) if is_float else int(text)


def dump(v, indent=0):
    pad = "  " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = ["%s  %s: %s" % (pad, dump(k), dump(x, indent + 1)) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[" + ", ".join(dump(x, indent) for x in v) + "]"
    if isinstance(v, str):
        return json.dumps(v)
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    return repr(v)


DOCS = [
    '{"name": "pyaot", "version": [3, 11], "ok": true, "none": null, "pi": 3.14159, "neg": -12e-3}',
    '[1, 2, [3, [4, [5, []]]], {}, {"a": {"b": {"c": "deep"}}}]',
    '"escapes: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\ud83d\\ude00"',
    '  { "spaces" :  [ 1 , 2 ] , "x" : { } }  ',
    '-0', '0.5', '1E3', '[true,false,null]',
]

BAD = ['{"a" 1}', '[1, 2', '{"a": tru}', '[1,]x', '"unterminated', '{1: 2}', '', '[1] 2']


def main():
    for d in DOCS:
        mine = Parser(d).parse()
        ref = json.loads(d)
        print(mine == ref, repr(mine))
        print(dump(mine))
    for b in BAD:
        try:
            print("parsed?!", Parser(b).parse())
        except ParseError as e:
            print("ParseError:", e, "| pos", e.pos)
        except (IndexError, KeyError, ValueError) as e:
            print(type(e).__name__, e)
    big = {"items": [{"id": i, "name": "item%d" % i, "tags": ["t%d" % (i % 3)], "price": i * 1.25} for i in range(150)]}
    text = json.dumps(big)
    parsed = Parser(text).parse()
    print(parsed == big, len(text), sum(x["price"] for x in parsed["items"]))
    print(json.dumps(parsed["items"][:2], sort_keys=True), json.dumps({"b": 1, "a": [None, 1.5]}, indent=2))


main()
