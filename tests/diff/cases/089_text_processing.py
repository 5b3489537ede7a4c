# Text processing: textwrap, string.Template, word frequency, justification, simple templating with str.format_map, re.
import re
import string
import textwrap

TEXT = """Python is a high-level, general-purpose programming language. Its design philosophy
emphasizes code readability with the use of significant indentation. Python is dynamically
typed and garbage-collected. It supports multiple programming paradigms, including structured
(particularly procedural), object-oriented and functional programming."""


def justify(words, width):
    lines, cur = [], []
    for w in words:
        if cur and len(" ".join(cur + [w])) > width:
            lines.append(cur)
            cur = []
        cur.append(w)
    out = []
    for line in lines:
        gaps = len(line) - 1
        if gaps == 0:
            out.append(line[0].ljust(width))
            continue
        spaces = width - sum(len(w) for w in line)
        s = ""
        for i, w in enumerate(line[:-1]):
            s += w + " " * (spaces // gaps + (1 if i < spaces % gaps else 0))
        out.append(s + line[-1])
    out.append(" ".join(cur).ljust(width))
    return out


def freq(text):
    counts = {}
    for w in re.findall(r"[a-z]+", text.lower()):
        counts[w] = counts.get(w, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:8]


def render(tpl, **kw):
    return string.Template(tpl).safe_substitute(kw)


def camel_to_snake(s):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", s).lower()


def snake_to_camel(s):
    return "".join(p.capitalize() if i else p for i, p in enumerate(s.split("_")))


def main():
    print(textwrap.fill(TEXT, 50))
    print(textwrap.shorten(TEXT, 60), textwrap.dedent("    a\n      b\n    c"), sep="\n")
    print(textwrap.indent("x\ny\n\nz", "> "))
    for line in justify(TEXT.split(), 40):
        print("|" + line + "|")
    print(freq(TEXT))
    print(render("Hello $name, you owe $$${amount}. $missing stays", name="Ann", amount="12.50"))
    try:
        string.Template("$x $y").substitute(x=1)
    except KeyError as e:
        print("KeyError:", e)
    for s in ["HTTPServerError", "simpleName", "getX", "already_snake"]:
        print(s, camel_to_snake(s), snake_to_camel(camel_to_snake(s)))
    print(re.split(r"[,;]\s*", "a, b;c ,d"), re.sub(r"(\d+)", lambda m: str(int(m.group(1)) * 2), "a1 b22 c333"))
    m = re.search(r"(?P<key>\w+)=(?P<val>[^&]*)", "?foo=bar&x=1")
    print(m.group("key"), m.group("val"), m.span(), m.groupdict(), re.findall(r"(\w)=(\w*)", "a=1&b=&c=33"))
    print(string.ascii_lowercase, string.digits, string.punctuation, string.capwords("hello   big world"))
    counts = 0
    for i in range(300):
        counts += len(justify(("w%d" % j for j in range(i % 40 + 1)), 20))
    print(counts)


main()
