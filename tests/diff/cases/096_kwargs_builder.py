# Heavy use of **kwargs / *args forwarding, keyword-only options, dict merging, and signature introspection.
import inspect


def make_tag(name, /, *children, self_closing=False, **attrs):
    attr_s = "".join(' %s="%s"' % (k.rstrip("_"), v) for k, v in sorted(attrs.items()))
    if self_closing:
        return "<%s%s/>" % (name, attr_s)
    return "<%s%s>%s</%s>" % (name, attr_s, "".join(children), name)


def div(*children, **attrs):
    return make_tag("div", *children, **attrs)


def with_defaults(fn, **defaults):
    def call(*args, **kwargs):
        merged = {**defaults, **kwargs}
        return fn(*args, **merged)
    return call


def describe(fn):
    sig = inspect.signature(fn)
    return [(p.name, p.kind.name, None if p.default is inspect.Parameter.empty else p.default) for p in sig.parameters.values()]


def main():
    print(make_tag("br", self_closing=True), make_tag("a", "link", href="/x", class_="btn"))
    print(div(make_tag("p", "hi"), div("nested", id="n"), id="outer", style="x"))
    styled = with_defaults(div, class_="card", role="note")
    print(styled("body"), styled("b", role="alert"))
    print(describe(make_tag))
    print(describe(with_defaults), str(inspect.signature(make_tag)))
    pages = []
    for i in range(200):
        attrs = {"id": "p%d" % i}
        if i % 3 == 0:
            attrs["class_"] = "third"
        pages.append(div(*[make_tag("li", str(j)) for j in range(i % 4)], **attrs))
    print(len("".join(pages)), pages[3], pages[4])
    try:
        make_tag(name="x")
    except TypeError as e:
        print("TypeError:", e)
    opts = dict(a=1, b=2)
    more = dict(b=3, c=4)
    print({**opts, **more}, dict(opts, **more), opts | more)
    bound = inspect.signature(make_tag).bind("p", "x", "y", id=5)
    print(bound.arguments)


main()
