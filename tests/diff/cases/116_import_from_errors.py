# from-import failures (ImportError name/path, unknown location, circular-import wording, sys.modules fallback) and UnboundLocalError/NameError tracebacks for unbound locals, deleted locals and free variables.
import importlib.machinery
import os
import sys
import tempfile
import traceback
import types


def show(label):
    print("---", label)
    traceback.print_exc(file=sys.stdout)


def describe_import_error(e, tmp):
    path = e.path
    if path is not None and tmp is not None:
        path = path.replace(tmp, "<tmp>")
    print("  msg:", str(e).replace(tmp, "<tmp>") if tmp else str(e))
    print("  name:", e.name, "path:", path)


def from_real_module():
    try:
        from os import no_such_name
    except ImportError as e:
        print("ImportError from os:")
        describe_import_error(e, None)
        print("  os path matches:", e.path == os.__file__)
    try:
        from sys import also_missing
    except ImportError as e:
        print("ImportError from builtin sys:")
        describe_import_error(e, None)
        show("builtin module has no location")


def from_fake_modules(tmp):
    initializing = types.ModuleType("half_done")
    initializing.__file__ = os.path.join(tmp, "half_done.py")
    initializing.__spec__ = importlib.machinery.ModuleSpec("half_done", None)
    initializing.__spec__._initializing = True
    sys.modules["half_done"] = initializing
    try:
        from half_done import later_name
    except ImportError as e:
        print("circular:")
        describe_import_error(e, tmp)

    pkg = types.ModuleType("fakepkg")
    pkg.__file__ = os.path.join(tmp, "fakepkg", "__init__.py")
    pkg.__path__ = []
    sys.modules["fakepkg"] = pkg
    sub = types.ModuleType("fakepkg.sub")
    sub.value = "submodule found through sys.modules"
    sys.modules["fakepkg.sub"] = sub
    from fakepkg import sub as got
    print(got.value)
    try:
        from fakepkg import other
    except ImportError as e:
        print("missing from package:")
        describe_import_error(e, tmp)

    nameless = types.ModuleType("nameless")
    nameless.__file__ = os.path.join(tmp, "nameless.py")
    sys.modules["nameless"] = nameless
    nameless.__name__ = 12
    try:
        from nameless import anything
    except ImportError as e:
        print("non-str __name__:")
        describe_import_error(e, tmp)

    class NotAModule:
        __name__ = "imposter"
        present = "attribute of a non-module"

    sys.modules["imposter"] = NotAModule()
    from imposter import present
    print(present)
    try:
        from imposter import absent
    except ImportError as e:
        print("non-module object:")
        describe_import_error(e, tmp)


def circular_files(tmp):
    with open(os.path.join(tmp, "circ_a.py"), "w") as f:
        f.write("import circ_b\nA_VALUE = 1\n")
    with open(os.path.join(tmp, "circ_b.py"), "w") as f:
        f.write("from circ_a import A_VALUE\n")
    sys.path.insert(0, tmp)
    try:
        import circ_a
    except ImportError as e:
        print("real circular import:")
        describe_import_error(e, tmp)
    finally:
        sys.path.remove(tmp)


def read_before_assign(flag):
    if flag:
        value = "assigned"
    return value


def delete_twice():
    item = [1]
    del item
    del item


def use_after_delete():
    data = {"k": 1}
    del data
    return data["k"]


def free_var_unbound():
    def inner():
        return captured
    try:
        return inner()
    finally:
        captured = "too late"


def global_missing():
    return undefined_global_name + 1


def name_errors():
    print(read_before_assign(True))
    for fn, args in ((read_before_assign, (False,)), (delete_twice, ()), (use_after_delete, ()),
                     (free_var_unbound, ()), (global_missing, ())):
        try:
            fn(*args)
        except NameError as e:
            print(type(e).__name__, "|", e, "|", getattr(e, "name", None))
            show(fn.__name__)
    try:
        del never_defined_at_module_level
    except NameError:
        show("del of a never-assigned local")
    hits = 0
    for i in range(200):
        try:
            read_before_assign(i % 2)
            hits += 1
        except UnboundLocalError:
            hits -= 1
    print("hits", hits)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = os.path.realpath(tmp)
        from_real_module()
        from_fake_modules(tmp)
        circular_files(tmp)
    name_errors()


main()
