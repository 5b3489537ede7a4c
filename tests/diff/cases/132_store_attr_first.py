# First stores of instance attributes through STORE_ATTR caches (inline values that do not hold the attribute yet): insertion order seen by vars() and repr, stores in another order, del then store again, a dict materialized by __dict__ access, more attributes than the shared keys hold, and slots left empty.
class P:
    def __init__(self, a, b, flip=False):
        if flip:
            self.b = b
            self.a = a
        else:
            self.a = a
            self.b = b
    def extra(self, n):
        for i in range(n):
            setattr(self, "x%d" % i, i)
        self.c = n
class S:
    __slots__ = ("u", "v")
    def set_u(self, x): self.u = x
def run():
    out = []
    for i in range(6):
        p = P(i, -i, flip=(i % 2 == 1))
        if i == 2:
            del p.a
            p.a = "again"
        if i == 3:
            d = p.__dict__
            p.c = "after dict"
            out.append(sorted(d))
        if i == 4:
            p.extra(40)
        out.append(list(vars(p).items())[:5] + [len(vars(p))])
    s = S()
    for x in range(3):
        s.set_u(x)
    try:
        s.v
    except AttributeError as e:
        out.append(str(e))
    out.append(s.u)
    return out
for row in run():
    print(row)
