"""A web-like workload: request router plus a small template renderer.

Routes such as ``/users/<int:uid>/posts/<slug>`` are matched segment by
segment; handlers build a context and render templates compiled once into a
node tree (``{{ expr|filter }}``, ``{% for x in xs %}``, ``{% if %}`` /
``{% else %}``, dotted lookups, HTML escaping). A seeded stream of requests,
including 404s and 405s, is dispatched and every response body checksummed.

usage: bm_web.py [SIZE]   (SIZE = requests)
"""

import zlib

DEFAULT_SIZE = 9000


class TemplateError(Exception):
    pass


def escape(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


FILTERS = {
    "upper": lambda v: str(v).upper(),
    "title": lambda v: str(v).title(),
    "len": lambda v: len(v),
    "money": lambda v: "%d.%02d" % divmod(v, 100),
    "raw": lambda v: v,
}


class Text:
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text

    def render(self, ctx, out):
        out.append(self.text)


class Expr:
    __slots__ = ("path", "filters", "raw")

    def __init__(self, source):
        parts = [p.strip() for p in source.split("|")]
        self.path = parts[0].split(".")
        self.filters = [FILTERS[f] for f in parts[1:]]
        self.raw = "raw" in parts[1:]

    def value(self, ctx):
        v = ctx[self.path[0]]
        for name in self.path[1:]:
            v = v[name] if isinstance(v, dict) else getattr(v, name)
        for f in self.filters:
            v = f(v)
        return v

    def render(self, ctx, out):
        v = self.value(ctx)
        out.append(str(v) if self.raw else escape(str(v)))


class For:
    __slots__ = ("var", "seq", "body")

    def __init__(self, var, seq, body):
        self.var = var
        self.seq = seq
        self.body = body

    def render(self, ctx, out):
        items = self.seq.value(ctx)
        saved = ctx.get(self.var)
        for index, item in enumerate(items):
            ctx[self.var] = item
            ctx["loop_index"] = index + 1
            for node in self.body:
                node.render(ctx, out)
        ctx[self.var] = saved


class If:
    __slots__ = ("cond", "negate", "then", "other")

    def __init__(self, cond, then, other):
        self.negate = cond.startswith("not ")
        self.cond = Expr(cond[4:] if self.negate else cond)
        self.then = then
        self.other = other

    def render(self, ctx, out):
        truth = bool(self.cond.value(ctx))
        for node in (self.then if truth != self.negate else self.other):
            node.render(ctx, out)


def tokenize(source):
    pos = 0
    while pos < len(source):
        start = source.find("{", pos)
        while start != -1 and source[start + 1:start + 2] not in ("{", "%"):
            start = source.find("{", start + 1)
        if start == -1:
            yield "text", source[pos:]
            return
        if start > pos:
            yield "text", source[pos:start]
        closer = "}}" if source[start + 1] == "{" else "%}"
        end = source.find(closer, start)
        if end == -1:
            raise TemplateError("unclosed tag at %d" % start)
        kind = "expr" if closer == "}}" else "tag"
        yield kind, source[start + 2:end].strip()
        pos = end + 2


def parse(tokens, stop=()):
    nodes = []
    for kind, body in tokens:
        if kind == "text":
            nodes.append(Text(body))
        elif kind == "expr":
            nodes.append(Expr(body))
        else:
            words = body.split()
            if words[0] in stop:
                return nodes, words[0]
            if words[0] == "for":
                inner, _ = parse(tokens, ("endfor",))
                nodes.append(For(words[1], Expr(words[3]), inner))
            elif words[0] == "if":
                then, ended = parse(tokens, ("else", "endif"))
                other = []
                if ended == "else":
                    other, _ = parse(tokens, ("endif",))
                nodes.append(If(body[3:].strip(), then, other))
            else:
                raise TemplateError("unknown tag %r" % words[0])
    if stop:
        raise TemplateError("missing %s" % "/".join(stop))
    return nodes, None


class Template:
    def __init__(self, source):
        self.nodes, _ = parse(tokenize(source))

    def render(self, ctx):
        out = []
        for node in self.nodes:
            node.render(ctx, out)
        return "".join(out)


LAYOUT = """<html><head><title>{{ title|title }}</title></head><body>
<nav>{% for link in nav %}<a href="{{ link.href }}">{{ link.label }}</a>{% endfor %}</nav>
{{ body|raw }}
</body></html>"""

USER_PAGE = """<h1>{{ user.name|title }}</h1>
{% if user.admin %}<p class="badge">administrator</p>{% else %}<p>member</p>{% endif %}
<ul>{% for post in posts %}<li>{{ loop_index }}. <a href="/users/{{ user.uid }}/posts/{{ post.slug }}">{{ post.title }}</a> ({{ post.tags|len }} tags)</li>{% endfor %}</ul>
{% if not posts %}<p>No posts yet.</p>{% endif %}"""

POST_PAGE = """<article><h2>{{ post.title|upper }}</h2><p>by {{ user.name }}</p>
{% for tag in post.tags %}<span class="tag">#{{ tag }}</span> {% endfor %}
<div>{{ post.body }}</div></article>"""

CART_PAGE = """<table>{% for line in lines %}<tr><td>{{ line.name }}</td><td>{{ line.qty }}</td><td>{{ line.cents|money }}</td></tr>{% endfor %}</table>
<p>Total: {{ total|money }}</p>"""


class Router:
    def __init__(self):
        self.routes = []

    def add(self, pattern, methods, handler):
        segments = []
        for seg in pattern.strip("/").split("/"):
            if seg.startswith("<") and seg.endswith(">"):
                conv, _, name = seg[1:-1].rpartition(":")
                segments.append((name, conv or "str"))
            else:
                segments.append(seg)
        self.routes.append((segments, methods, handler))

    def match(self, method, path):
        parts = path.strip("/").split("/")
        allowed = False
        for segments, methods, handler in self.routes:
            if len(segments) != len(parts):
                continue
            params = {}
            for seg, part in zip(segments, parts):
                if isinstance(seg, str):
                    if seg != part:
                        break
                elif seg[1] == "int":
                    if not part.isdigit():
                        break
                    params[seg[0]] = int(part)
                else:
                    params[seg[0]] = part
            else:
                if method in methods:
                    return handler, params, 200
                allowed = True
        return None, None, 405 if allowed else 404


class App:
    def __init__(self):
        self.layout = Template(LAYOUT)
        self.user_page = Template(USER_PAGE)
        self.post_page = Template(POST_PAGE)
        self.cart_page = Template(CART_PAGE)
        self.nav = [{"href": "/", "label": "Home"}, {"href": "/cart", "label": "Cart & <checkout>"}]
        self.users = {}
        for uid in range(1, 40):
            posts = [{"slug": "post-%d-%d" % (uid, k), "title": "Note %d from <%d>" % (k, uid),
                      "tags": ["t%d" % ((uid + k + j) % 9) for j in range(k % 4)],
                      "body": "Body of post %d & more" % k} for k in range(uid % 6)]
            self.users[uid] = {"uid": uid, "name": "user number %d" % uid, "admin": uid % 7 == 0,
                               "posts": posts}
        self.router = Router()
        self.router.add("/users/<int:uid>", ("GET",), self.show_user)
        self.router.add("/users/<int:uid>/posts/<slug>", ("GET",), self.show_post)
        self.router.add("/cart", ("GET", "POST"), self.show_cart)
        self.router.add("/", ("GET",), self.home)

    def page(self, title, body):
        return self.layout.render({"title": title, "nav": self.nav, "body": body})

    def home(self, req):
        return 200, self.page("home", "<p>%d users</p>" % len(self.users))

    def show_user(self, req, uid):
        user = self.users.get(uid)
        if user is None:
            return 404, self.page("not found", "<p>no such user</p>")
        body = self.user_page.render({"user": user, "posts": user["posts"]})
        return 200, self.page(user["name"], body)

    def show_post(self, req, uid, slug):
        user = self.users.get(uid)
        if user is None:
            return 404, self.page("not found", "<p>no such user</p>")
        for post in user["posts"]:
            if post["slug"] == slug:
                return 200, self.page(post["title"], self.post_page.render({"user": user, "post": post}))
        return 404, self.page("not found", "<p>no such post</p>")

    def show_cart(self, req):
        n = req["n"]
        lines = [{"name": "item-%d" % k, "qty": k % 3 + 1, "cents": (n * 37 + k * 101) % 5000}
                 for k in range(n % 5 + 1)]
        total = sum(line["qty"] * line["cents"] for line in lines)
        return 200, self.page("cart", self.cart_page.render({"lines": lines, "total": total}))

    def handle(self, method, path, n):
        handler, params, status = self.router.match(method, path)
        if handler is None:
            return status, "error %d" % status
        return handler({"method": method, "path": path, "n": n}, **params)


def requests(count, seed):
    for n in range(count):
        seed = (seed * 22695477 + 1) % 4294967296
        r = (seed >> 10) % 20
        uid = (seed >> 5) % 45
        if r < 8:
            yield "GET", "/users/%d" % uid, n
        elif r < 14:
            yield "GET", "/users/%d/posts/post-%d-%d" % (uid, uid, (seed >> 3) % 7), n
        elif r < 17:
            yield ("POST" if r == 16 else "GET"), "/cart", n
        elif r == 17:
            yield "DELETE", "/users/%d" % uid, n
        elif r == 18:
            yield "GET", "/nowhere/%d" % uid, n
        else:
            yield "GET", "/", n


def run(size):
    app = App()
    crc = 0
    statuses = {}
    for method, path, n in requests(size, 4242):
        status, body = app.handle(method, path, n)
        statuses[status] = statuses.get(status, 0) + 1
        crc = zlib.crc32(body.encode("utf-8"), crc)
    return "%08x %s" % (crc, " ".join("%d:%d" % kv for kv in sorted(statuses.items())))


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
