# `from M import *` at module level: __all__ vs public names, underscore filtering, objects without __dict__, non-str names, missing __all__ entries, and the names bound afterwards.
import sys
import traceback
import types


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


def install(name, **attrs):
    m = types.ModuleType(name)
    for k, v in attrs.items():
        setattr(m, k, v)
    sys.modules[name] = m
    return m


install("plain_mod", alpha=1, beta="two", _private="hidden", __dunder="also hidden")
install("all_mod", __all__=["gamma", "_exported_private"], gamma=3, delta=4, _exported_private=5)
install("bad_all_item", __all__=["ok_name", 7], ok_name="fine")
install("missing_all_entry", __all__=["present", "absent"], present="here")
install("tuple_all", __all__=("epsilon",), epsilon=6)
bad_keys = install("bad_keys", zeta=7)
bad_keys.__dict__[8] = "int key"
sys.modules["no_dict_no_all"] = 42

from plain_mod import *
print(alpha, beta, "_private" in globals(), "__dunder" in globals())

from all_mod import *
print(gamma, _exported_private, "delta" in globals())

from tuple_all import *
print(epsilon)

try:
    from bad_all_item import *
except TypeError:
    show("non-str in __all__")
print("ok_name bound before the failure:", ok_name)

try:
    from missing_all_entry import *
except AttributeError:
    show("__all__ names a missing attribute")
print("present bound before the failure:", present)

try:
    from bad_keys import *
except TypeError:
    show("non-str key in __dict__")

try:
    from no_dict_no_all import *
except ImportError:
    show("neither __dict__ nor __all__")

from os.path import *
print(join("a", "b"), basename("/x/y.txt"), splitext("f.tar.gz"))

from string import *
print(ascii_lowercase[:5], digits, capwords("import star works"))


def uses_star_names():
    return [alpha, gamma, epsilon, join("p", "q")]


print(uses_star_names())
