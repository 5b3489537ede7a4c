# Builtins called without vectorcall (len, isinstance, list.append): __len__ returning, raising and negative, isinstance with tuples and __instancecheck__, list subclasses overriding append, bound append, wrong argument counts and types.
class L:
    def __len__(self): return 7
class Bad:
    def __len__(self): raise ValueError("bad len")
class Neg:
    def __len__(self): return -1
class Meta(type):
    def __instancecheck__(cls, obj): return obj == 3
class M(metaclass=Meta): pass
class SubList(list):
    def append(self, x): list.append(self, x * 2)
def f():
    out = []
    for v in ([1, 2], "abc", L(), {}, range(5)):
        out.append(len(v))
    for v in (Bad(), Neg(), 5):
        try: out.append(len(v))
        except Exception as e: out.append((type(e).__name__, str(e)))
    for v, c in ((3, int), (3, (str, int)), (3, M), (4, M), ("x", str), (1, 5)):
        try: out.append(isinstance(v, c))
        except TypeError as e: out.append(str(e))
    s = SubList(); s.append(4); out.append(s)
    ap = out.append; ap("bound")
    try: [].append()
    except TypeError as e: out.append(str(e))
    try: list.append(5, 1)
    except TypeError as e: out.append(str(e))
    return out
print(f())
