/* Global, attribute and method lookups through per-instruction caches in
   the artifact's writable data. A cache is filled the first time its
   instruction runs (versions exist only at run time) and holds what the
   lookup found together with the versions that keep it true: dict
   version tags (unique per dict state, bumped on every change) and type
   version tags (unique per type state, reset by any change to the type or
   its bases). A hit costs a few compares; a miss does the generic lookup
   and fills the cache again, so a stale cache is never used. Attribute
   caches have four ways, for sites that see several types (a base class
   method run on instances of its subclasses): the first two are checked
   inline, the other two just before the generic lookup. */
#include "stubs.h"

#include "internal/pycore_dict.h"
#include "internal/pycore_moduleobject.h"
#include "structmember.h"

/* Shapes of a cache (aux & 7); aux bits 3-7 count misses, the rest is an
   index or offset. */
enum {
    C_EMPTY = 0,
    C_GIVEUP,   /* missed too often (polymorphic, or never cacheable): generic only */
    C_VALUES,   /* instance attribute in the object's inline values */
    C_SLOT,     /* __slots__ member */
    C_MODULE,   /* module attribute: value in v1's module dict state */
    C_CLASS,    /* attribute of a class (no metaclass), a plain value */
    C_METHOD,   /* method of the type; the instance has no dict or no such key */
};

#define KIND(k) ((int)((k)->aux & 7))
#define MISSES(k) ((int)(((k)->aux >> 3) & 31))
#define ARG(k) ((k)->aux >> 8)
#define MAX_MISSES 16
#define WAYS 4

static void set_cache(pyaot_cache *k, int kind, uint64_t v1, uint64_t v2, PyObject *value,
                      intptr_t arg)
{
    k->v1 = v1;
    k->v2 = v2;
    k->value = value;
    k->aux = (arg << 8) | (MISSES(k) << 3) | kind;
}

/* On a miss: whether to look for something to cache. The ways shift
   down (the last one is dropped) and the first is emptied for the refill. A
   site that keeps missing (more types than ways, a dict that keeps
   changing, objects no cache shape fits) stops paying for refills and
   stays on the generic path. The miss count lives in the first way. */
static int may_fill(pyaot_ctx *c, pyaot_cache *k)
{
    if (KIND(k) == C_GIVEUP)
        return 0;
    int misses = MISSES(k) + 1;
    if (misses > MAX_MISSES) {
        memset(k, 0, WAYS * sizeof *k);
        k->aux = C_GIVEUP;
        pyaot_guard_miss(c, 1);
        return 0;
    }
    if (KIND(k) != C_EMPTY) /* a first fill is not a failed guess */
        pyaot_guard_miss(c, 0);
    if (KIND(k) != C_EMPTY)
        memmove(k + 1, k, (WAYS - 1) * sizeof *k);
    k->value = NULL;
    k->v1 = k->v2 = 0;
    k->aux = (intptr_t)misses << 3; /* C_EMPTY */
    return 1;
}

static inline HOT uint64_t dict_version(PyObject *d)
{
    return ((PyDictObject *)d)->ma_version_tag;
}

/* The type's version tag, assigned by _PyType_Lookup; 0 when it has none. */
static uint64_t type_version(PyTypeObject *tp)
{
    if (!(tp->tp_flags & Py_TPFLAGS_VALID_VERSION_TAG))
        return 0;
    return tp->tp_version_tag;
}

/* Index of `name` among a type's shared instance keys, or -1. Keys are
   only ever appended to a shared keys object. */
static Py_ssize_t shared_key_index(PyTypeObject *tp, PyObject *name)
{
    PyDictKeysObject *keys = ((PyHeapTypeObject *)tp)->ht_cached_keys;
    if (keys == NULL || !DK_IS_UNICODE(keys))
        return -2;
    PyDictUnicodeEntry *ep = DK_UNICODE_ENTRIES(keys);
    for (Py_ssize_t i = 0; i < keys->dk_nentries; i++)
        if (ep[i].me_key == name)
            return i;
    /* Keys stored through setattr() with a string built at run time are
       equal to the name without being the same object. */
    Py_hash_t h = PyObject_Hash(name);
    for (Py_ssize_t i = 0; i < keys->dk_nentries; i++) {
        PyObject *key = ep[i].me_key;
        if (key != NULL && ((PyASCIIObject *)key)->hash == h && PyUnicode_Compare(key, name) == 0)
            return i;
    }
    return -1;
}

/* --- LOAD_GLOBAL ------------------------------------------------------- */

/* Whether looking a str up in `d` can call no key's __eq__: all its keys
   are strs. */
static int str_keys_only(PyObject *d)
{
    return Py_TYPE(d) == &PyDict_Type && ((PyDictObject *)d)->ma_keys->dk_kind != DICT_KEYS_GENERAL;
}

/* The entries of a combined str-keyed dict (values in the entries), or
   NULL for any other layout. */
static PyDictUnicodeEntry *str_entries(PyDictObject *d)
{
    if (d->ma_values != NULL || d->ma_keys->dk_kind != DICT_KEYS_UNICODE)
        return NULL;
    return DK_UNICODE_ENTRIES(d->ma_keys);
}

/* The value of entry `at` - 1 (an ARG of a C_MODULE cache) of a combined
   str-keyed dict while that entry still holds `name`, else NULL. An entry
   that still holds the name holds its binding: a deleted entry loses its
   key, a stored value replaces the entry's own, and the growth after a
   deletion compacts the entries, so the old place then holds another
   name. This is how 3.11's LOAD_GLOBAL_MODULE and LOAD_ATTR_MODULE read
   an index they cached, without the lookup. */
static PyObject *entry_value(PyDictObject *d, intptr_t at, PyObject *name)
{
    PyDictUnicodeEntry *ep = str_entries(d);
    if (ep == NULL || at <= 0 || at > d->ma_keys->dk_nentries || ep[at - 1].me_key != name)
        return NULL;
    return ep[at - 1].me_value;
}

/* 1 + the index of `name`'s entry in a combined str-keyed dict, found by
   identity (names are interned; a key built at run time is equal without
   being the same object); 0 when there is none. */
static intptr_t entry_number(PyDictObject *d, PyObject *name)
{
    PyDictUnicodeEntry *ep = str_entries(d);
    for (Py_ssize_t i = 0; ep != NULL && i < d->ma_keys->dk_nentries; i++)
        if (ep[i].me_key == name)
            return i + 1;
    return 0;
}

/* The lookup, when it runs no code, with the cache refilled; NULL, leaving
   the load to the interpreter, when it could run code or the name is
   bound nowhere (NameError). A cache filled before is refilled without
   counting a miss: the versions change with every store into the dict,
   and a module-level loop that stores a global on each turn would
   otherwise make every function of the module that reads a global give
   up its cache, while 3.11's own LOAD_GLOBAL caches depend only on the
   dict's keys. Also pyaot_v_global's miss (the unboxed tier). */
__attribute__((noinline)) PyObject *pyaot_v_global_miss(pyaot_ctx *c, pyaot_cache *k, int oparg)
{
    PyObject *g = GLOBALS(), *b = BUILTINS();
    if (!str_keys_only(g) || !str_keys_only(b))
        return NULL;
    PyObject *name = NAME(oparg >> 1);
    PyDictObject *gd = (PyDictObject *)g;
    /* found in the globals before, at entry ARG - 1 */
    PyObject *kept = KIND(k) == C_MODULE && k->v2 == 0 ? entry_value(gd, ARG(k), name) : NULL;
    if (kept != NULL) {
        k->v1 = dict_version(g);
        k->value = kept;
        return kept;
    }
    PyObject *v = PyDict_GetItemWithError(g, name);
    int in_globals = v != NULL;
    if (v == NULL && !PyErr_Occurred())
        v = PyDict_GetItemWithError(b, name);
    if (v == NULL) {
        PyErr_Clear(); /* the interpreter's own lookup raises what it must */
        return NULL;
    }
    if (KIND(k) == C_MODULE || may_fill(c, k))
        set_cache(k, C_MODULE, dict_version(g), in_globals ? 0 : dict_version(b), v,
                  in_globals ? entry_number(gd, name) : 0);
    return v;
}

__attribute__((noinline)) static int global_miss(pyaot_ctx *c, int sp, int oparg, pyaot_cache *k)
{
    /* A filled cache whose dicts changed: looked up again and refilled
       without counting a miss when the lookup runs no code. */
    PyObject *v = KIND(k) == C_MODULE ? pyaot_v_global_miss(c, k, oparg) : NULL;
    if (v != NULL) {
        if (oparg & 1)
            S(sp++) = NULL;
        S(sp) = Py_NewRef(v);
        return ST_OK;
    }
    int st = pyaot_op_LOAD_GLOBAL(c, sp, oparg);
    PyObject *g = GLOBALS(), *b = BUILTINS();
    if (st != ST_OK || Py_TYPE(g) != &PyDict_Type || Py_TYPE(b) != &PyDict_Type || !may_fill(c, k))
        return st;
    PyObject *in_globals = PyDict_GetItemWithError(g, NAME(oparg >> 1));
    if (in_globals == NULL && PyErr_Occurred()) {
        PyErr_Clear(); /* a key's __eq__ failed: just do not cache */
        return ST_OK;
    }
    /* v2 == 0: found in globals, the builtins do not matter. */
    set_cache(k, C_MODULE, dict_version(g), in_globals ? 0 : dict_version(b),
              S(sp + (oparg & 1)),
              in_globals ? entry_number((PyDictObject *)g, NAME(oparg >> 1)) : 0);
    return ST_OK;
}

/* The value LOAD_GLOBAL pushes, borrowed from its dict, when the site's
   cache proves it current (the unboxed tier, compiler/unbox.c, and the
   speculative LOAD_GLOBAL below); else NULL. */
HOT PyObject *pyaot_v_global(pyaot_ctx *c, pyaot_cache *k)
{
    PyObject *g = GLOBALS(), *b = BUILTINS();
    if (k->value != NULL && Py_TYPE(g) == &PyDict_Type && dict_version(g) == k->v1 &&
        (k->v2 == 0 || (Py_TYPE(b) == &PyDict_Type && dict_version(b) == k->v2)))
        return k->value;
    return NULL;
}

HOT int pyaot_spec_LOAD_GLOBAL(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    pyaot_cache *k = cache;
    PyObject *v = pyaot_v_global(c, k);
    if (v != NULL) {
        if (oparg & 1)
            S(sp++) = NULL;
        S(sp) = Py_NewRef(v);
        return ST_OK;
    }
    return pyaot_traced(c, global_miss(c, sp, oparg, k)); /* a lookup may run code */
}

/* --- LOAD_ATTR --------------------------------------------------------- */

/* An instance attribute of a type with the generic getattr/setattr: in
   the inline values when no descriptor of the type intercepts it, or a
   writable-if-stored __slots__ member. */
static void fill_instance(pyaot_cache *k, PyTypeObject *tp, PyObject *name, int store)
{
    PyObject *descr = _PyType_Lookup(tp, name);
    uint64_t ver = type_version(tp);
    if (ver == 0)
        return;
    if (descr == NULL && (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT)) {
        Py_ssize_t i = shared_key_index(tp, name);
        if (i >= 0)
            set_cache(k, C_VALUES, ver, 0, NULL, i);
    }
    else if (descr != NULL && Py_TYPE(descr) == &PyMemberDescr_Type) {
        PyMemberDef *m = ((PyMemberDescrObject *)descr)->d_member;
        if (m->type == T_OBJECT_EX && !(store && (m->flags & READONLY)))
            set_cache(k, C_SLOT, ver, 0, NULL, m->offset);
    }
}

/* After a generic load of `name` from `owner` gave `r`: remember how. A
   module attribute is cached with the entry it is found at (ARG - 1), if
   the load read it from the module's dict (not a data descriptor of the
   type, such as __class__, nor __getattr__). */
static void fill_load(pyaot_cache *k, PyObject *owner, PyObject *name, PyObject *r)
{
    PyTypeObject *tp = Py_TYPE(owner);
    if (tp == &PyModule_Type) {
        PyObject *d = ((PyModuleObject *)owner)->md_dict;
        PyObject *v = d != NULL && Py_TYPE(d) == &PyDict_Type ? PyDict_GetItemWithError(d, name) : NULL;
        if (v != NULL && v == r)
            set_cache(k, C_MODULE, dict_version(d), 0, v, entry_number((PyDictObject *)d, name));
        PyErr_Clear();
        return;
    }
    if (tp == &PyType_Type) {
        PyTypeObject *cls = (PyTypeObject *)owner;
        if (_PyType_Lookup(&PyType_Type, name) != NULL) /* a metatype attribute would win */
            return;
        PyObject *v = _PyType_Lookup(cls, name);
        uint64_t ver = type_version(cls);
        if (v != NULL && ver != 0 && Py_TYPE(v)->tp_descr_get == NULL)
            set_cache(k, C_CLASS, ver, 0, v, 0);
        return;
    }
    if (tp->tp_getattro == PyObject_GenericGetAttr)
        fill_instance(k, tp, name, 0);
}

/* One shape of attr_hit below, read without the dispatch on the way's
   shape where the training run said which shape to expect. */
static inline HOT PyObject *values_hit(pyaot_cache *k, PyObject *owner)
{
    if (KIND(k) != C_VALUES || Py_TYPE(owner)->tp_version_tag != k->v1)
        return NULL;
    PyDictValues *values = *_PyObject_ValuesPointer(owner);
    return values != NULL ? values->values[ARG(k)] : NULL;
}

static inline HOT PyObject *slot_hit(pyaot_cache *k, PyObject *owner)
{
    if (KIND(k) != C_SLOT || Py_TYPE(owner)->tp_version_tag != k->v1)
        return NULL;
    return *(PyObject **)((char *)owner + ARG(k));
}

/* The cached value for `owner`, borrowed, or NULL on a miss. */
static inline HOT PyObject *attr_hit(pyaot_cache *k, PyObject *owner)
{
    PyTypeObject *tp = Py_TYPE(owner);
    switch (KIND(k)) {
    case C_VALUES:
        return values_hit(k, owner);
    case C_SLOT:
        return slot_hit(k, owner);
    case C_MODULE:
        return tp == &PyModule_Type && dict_version(((PyModuleObject *)owner)->md_dict) == k->v1
                   ? k->value
                   : NULL;
    case C_CLASS:
        return tp == &PyType_Type && ((PyTypeObject *)owner)->tp_version_tag == k->v1 ? k->value
                                                                                      : NULL;
    default:
        return NULL;
    }
}

/* What the ways from `from` on know of `owner`: `from` is 2 after an
   inline check of the first two ways for every shape, 0 after one for a
   single shape. The last two ways come first: a site that meets more
   types than the inline check covers (a base class's method run on
   instances of four subclasses) hits there. */
static PyObject *other_ways(pyaot_cache *k, PyObject *owner, int from)
{
    PyObject *r = NULL;
    for (int w = 2; r == NULL && w < WAYS + 2 - from; w++)
        r = attr_hit(k + w % WAYS, owner);
    return r;
}

/* A module attribute whose cached way went stale because the module's
   dict changed (any store into it changes its version): read from the
   entry the name was found at (entry_value), without counting a miss, as
   pyaot_v_global_miss does for globals. A module that stores its globals
   all the time would otherwise make every `module.name` site reading it
   give up its cache. NULL when no way knows such an entry. */
static PyObject *module_refill(pyaot_cache *k, PyObject *owner, PyObject *name)
{
    if (Py_TYPE(owner) != &PyModule_Type)
        return NULL;
    PyObject *d = ((PyModuleObject *)owner)->md_dict;
    if (d == NULL || Py_TYPE(d) != &PyDict_Type)
        return NULL;
    for (int w = 0; w < WAYS; w++) {
        pyaot_cache *kw = k + w;
        PyObject *v = KIND(kw) == C_MODULE ? entry_value((PyDictObject *)d, ARG(kw), name) : NULL;
        if (v != NULL) {
            kw->v1 = dict_version(d);
            kw->value = v;
            return v;
        }
    }
    return NULL;
}

/* `from` as for other_ways. */
__attribute__((noinline)) static int attr_miss(pyaot_ctx *c, int sp, int oparg, pyaot_cache *k,
                                               int from)
{
    PyObject *owner = S(sp - 1);
    /* a module's stale way first: a module storing its globals gets here
       after each store */
    PyObject *r = module_refill(k, owner, NAME(oparg));
    if (r == NULL)
        r = other_ways(k, owner, from);
    if (r != NULL) {
        S(sp - 1) = Py_NewRef(r);
        Py_DECREF(owner);
        return ST_OK;
    }
    r = PyObject_GetAttr(owner, NAME(oparg));
    if (r == NULL)
        return ST_ERROR;
    if (may_fill(c, k))
        fill_load(k, owner, NAME(oparg), r);
    Py_DECREF(owner);
    S(sp - 1) = r;
    return ST_OK;
}

/* LOAD_ATTR through the first two ways of the cache, read by `hit`. */
static inline HOT int load_attr(pyaot_ctx *c, int sp, int oparg, pyaot_cache *k,
                                PyObject *(*hit)(pyaot_cache *, PyObject *))
{
    PyObject *owner = S(sp - 1);
    PyObject *v = hit(k, owner);
    if (v == NULL && (v = hit(k + 1, owner)) == NULL)
        return pyaot_traced(c, attr_miss(c, sp, oparg, k, hit == attr_hit ? 2 : 0));
    S(sp - 1) = Py_NewRef(v);
    return pyaot_release(owner) ? pyaot_traced(c, ST_OK) : ST_OK; /* only a __del__ runs code */
}

HOT int pyaot_spec_LOAD_ATTR(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return load_attr(c, sp, oparg, cache, attr_hit);
}

/* Where the training run saw an instance attribute in inline values or
   a slot: only that shape is looked for inline (no dispatch on the
   way's shape); attr_miss looks for every shape. */
HOT int pyaot_spec_LOAD_ATTR_VALUES(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return load_attr(c, sp, oparg, cache, values_hit);
}

HOT int pyaot_spec_LOAD_ATTR_SLOT(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return load_attr(c, sp, oparg, cache, slot_hit);
}

/* The unboxed tier's LOAD_ATTR of an instance attribute
   (compiler/unbox.c) that the training run saw in inline values (or a
   slot): what the first two ways of the site's cache know of `owner`,
   borrowed, or NULL. Only that shape is looked for inline; the miss
   looks for every shape in every way. */
HOT PyObject *pyaot_v_attr_values(void *cache, PyObject *owner)
{
    pyaot_cache *k = cache;
    PyObject *v = values_hit(k, owner);
    return v != NULL ? v : values_hit(k + 1, owner);
}

HOT PyObject *pyaot_v_attr_slot(void *cache, PyObject *owner)
{
    pyaot_cache *k = cache;
    PyObject *v = slot_hit(k, owner);
    return v != NULL ? v : slot_hit(k + 1, owner);
}

/* Its miss: the other ways, else the cache learns how the type of
   `owner` keeps instance attribute `oparg` (a lookup in the type, which
   runs no code) and reads it. NULL when it is not in the inline values
   or a slot: the caller deoptimizes, and the interpreter loads it. */
static PyObject *attr_miss_named(pyaot_ctx *c, pyaot_cache *k, PyObject *owner, PyObject *name)
{
    PyObject *v = other_ways(k, owner, 0); /* the inline check may have looked for one shape only */
    if (v != NULL)
        return v;
    PyTypeObject *tp = Py_TYPE(owner);
    if (tp->tp_getattro != PyObject_GenericGetAttr || !may_fill(c, k))
        return NULL;
    fill_instance(k, tp, name, 0);
    return attr_hit(k, owner);
}

__attribute__((noinline, cold)) PyObject *pyaot_v_attr_miss(pyaot_ctx *c, void *cache,
                                                            PyObject *owner, int oparg)
{
    return attr_miss_named(c, cache, owner, NAME(oparg));
}

/* The same for an attribute an inlined leaf (compiler/unbox.c) reads:
   `fn` is the leaf's function, checked to have the leaf's code, whose
   names hold name `oparg`. */
__attribute__((noinline)) PyObject *pyaot_v_leaf_attr_miss(pyaot_ctx *c, void *cache,
                                                          PyObject *owner, PyObject *fn, int oparg)
{
    PyCodeObject *co = (PyCodeObject *)((PyFunctionObject *)fn)->func_code;
    return attr_miss_named(c, cache, owner, PyTuple_GET_ITEM(co->co_names, oparg));
}

/* --- LOAD_METHOD ------------------------------------------------------- */

static void fill_method(pyaot_cache *k, PyObject *obj, PyObject *name, PyObject *meth)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (tp->tp_getattro != PyObject_GenericGetAttr ||
        !(Py_TYPE(meth)->tp_flags & Py_TPFLAGS_METHOD_DESCRIPTOR) || _PyType_Lookup(tp, name) != meth)
        return;
    uint64_t ver = type_version(tp);
    if (ver == 0)
        return;
    if (tp->tp_flags & Py_TPFLAGS_MANAGED_DICT) {
        /* The instance shadows nothing while its values use shared keys
           that do not have the name (keys are only appended). */
        if (shared_key_index(tp, name) != -1)
            return;
        set_cache(k, C_METHOD, ver, (uint64_t)((PyHeapTypeObject *)tp)->ht_cached_keys->dk_nentries,
                  meth, 1);
    }
    else if (tp->tp_dictoffset == 0) {
        set_cache(k, C_METHOD, ver, 0, meth, 0);
    }
}

/* One way of a LOAD_METHOD cache: 1 when it held the answer (pushed),
   2 when it also freed the owner, which may have run code. */
static inline HOT int method_hit(pyaot_ctx *c, int sp, pyaot_cache *k, PyObject *obj)
{
    PyTypeObject *tp = Py_TYPE(obj);
    if (KIND(k) == C_METHOD && tp->tp_version_tag == k->v1) {
        if (ARG(k) == 0 || (*_PyObject_ValuesPointer(obj) != NULL &&
                            ((PyHeapTypeObject *)tp)->ht_cached_keys->dk_nentries == (Py_ssize_t)k->v2)) {
            S(sp - 1) = Py_NewRef(k->value);
            S(sp) = obj;
            return 1;
        }
    }
    else if (KIND(k) == C_MODULE && tp == &PyModule_Type &&
             dict_version(((PyModuleObject *)obj)->md_dict) == k->v1) {
        S(sp - 1) = NULL;
        S(sp) = Py_NewRef(k->value);
        return 1 + pyaot_release(obj);
    }
    return 0;
}

/* method_hit for a method of the object's type only: where the training
   run saw one (LOAD_METHOD_NO_DICT, _WITH_VALUES), the module shape is
   left to the miss, out of the hot code's cache lines. */
static inline HOT int type_method_hit(pyaot_ctx *c, int sp, pyaot_cache *k, PyObject *obj)
{
    return KIND(k) == C_METHOD ? method_hit(c, sp, k, obj) : 0;
}

/* `from` as for other_ways. */
__attribute__((noinline)) static int method_miss(pyaot_ctx *c, int sp, int oparg, pyaot_cache *k,
                                                 int from)
{
    PyObject *obj = S(sp - 1);
    for (int w = 2; w < WAYS + 2 - from; w++)
        if (method_hit(c, sp, k + w % WAYS, obj))
            return ST_OK; /* the caller checks for tracing */
    PyObject *meth = module_refill(k, obj, NAME(oparg));
    if (meth != NULL) {
        S(sp - 1) = NULL;
        S(sp) = Py_NewRef(meth);
        Py_DECREF(obj);
        return ST_OK;
    }
    int found = _PyObject_GetMethod(obj, NAME(oparg), &meth);
    if (meth == NULL)
        return ST_ERROR;
    int fill = may_fill(c, k);
    if (found) {
        if (fill)
            fill_method(k, obj, NAME(oparg), meth);
        S(sp - 1) = meth;
        S(sp) = obj;
    }
    else {
        if (fill && Py_TYPE(obj) == &PyModule_Type)
            fill_load(k, obj, NAME(oparg), meth);
        S(sp - 1) = NULL;
        Py_DECREF(obj);
        S(sp) = meth;
    }
    return ST_OK;
}

/* LOAD_METHOD through the first two ways of the cache, read by `hit`. */
static inline HOT int load_method(pyaot_ctx *c, int sp, int oparg, pyaot_cache *k,
                                  int (*hit)(pyaot_ctx *, int, pyaot_cache *, PyObject *))
{
    PyObject *obj = S(sp - 1);
    int h = hit(c, sp, k, obj);
    if (h == 0)
        h = hit(c, sp, k + 1, obj);
    if (h == 0)
        return pyaot_traced(c, method_miss(c, sp, oparg, k, hit == method_hit ? 2 : 0));
    return h == 2 ? pyaot_traced(c, ST_OK) : ST_OK;
}

HOT int pyaot_spec_LOAD_METHOD(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return load_method(c, sp, oparg, cache, method_hit);
}

HOT int pyaot_spec_LOAD_METHOD_TYPE(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    return load_method(c, sp, oparg, cache, type_method_hit);
}

/* --- STORE_ATTR -------------------------------------------------------- */

static void fill_store(pyaot_cache *k, PyObject *owner, PyObject *name)
{
    PyTypeObject *tp = Py_TYPE(owner);
    if (tp->tp_setattro == PyObject_GenericSetAttr)
        fill_instance(k, tp, name, 1);
}

/* Where one way of a STORE_ATTR cache keeps the attribute of `owner`,
   or NULL when the way does not apply. The store must follow at once:
   an inline value stored for the first time joins the values' insertion
   order here, as the interpreter's STORE_ATTR_INSTANCE_VALUE does. */
static inline HOT PyObject **store_slot(pyaot_cache *k, PyObject *owner)
{
    if (Py_TYPE(owner)->tp_version_tag != k->v1)
        return NULL;
    if (KIND(k) == C_SLOT)
        return (PyObject **)((char *)owner + ARG(k));
    if (KIND(k) != C_VALUES)
        return NULL;
    PyDictValues *values = *_PyObject_ValuesPointer(owner);
    if (values == NULL)
        return NULL;
    if (values->values[ARG(k)] == NULL)
        _PyDictValues_AddToInsertionOrder(values, ARG(k));
    return &values->values[ARG(k)];
}

/* One way of a STORE_ATTR cache: stores `v` (taking the stack's
   reference) and returns 1 (2 when releasing the old value freed it,
   which may have run code), or 0 when the way does not apply. */
static inline HOT int store_way(pyaot_cache *k, PyObject *owner, PyObject *v)
{
    PyObject **slot = store_slot(k, owner);
    if (slot == NULL)
        return 0;
    PyObject *old = *slot;
    *slot = v;
    return 1 + (old != NULL && pyaot_release(old));
}

/* Fills after the generic store: a first store adds the key to the
   type's shared keys. */
__attribute__((noinline)) static int store_miss(pyaot_ctx *c, int sp, int oparg, pyaot_cache *k)
{
    PyObject *owner = S(sp - 1);
    if (store_way(k + 2, owner, S(sp - 2)) || store_way(k + 3, owner, S(sp - 2))) {
        Py_DECREF(owner);
        return ST_OK;
    }
    Py_INCREF(owner); /* the store consumes the stack's reference */
    int st = pyaot_op_STORE_ATTR(c, sp, oparg);
    if (st == ST_OK && may_fill(c, k))
        fill_store(k, owner, NAME(oparg));
    Py_DECREF(owner);
    return st;
}

HOT int pyaot_spec_STORE_ATTR(pyaot_ctx *c, int sp, int oparg, void *cache)
{
    pyaot_cache *k = cache;
    PyObject *owner = S(sp - 1);
    int hit = store_way(k, owner, S(sp - 2));
    if (hit == 0)
        hit = store_way(k + 1, owner, S(sp - 2));
    if (hit == 0)
        return pyaot_traced(c, store_miss(c, sp, oparg, k));
    hit += pyaot_release(owner);
    return hit > 1 ? pyaot_traced(c, ST_OK) : ST_OK;
}

/* The unboxed tier's STORE_ATTR of an instance attribute (store_slot of
   the first two ways, then this miss): the other ways, else the cache
   learns how the type of `owner` keeps the attribute (no code runs) and
   tries again. NULL: the
   caller deoptimizes and the interpreter stores it (the first store of
   a name, which adds it to the type's shared keys, is one). */
__attribute__((noinline, cold)) PyObject **pyaot_v_store_slot_miss(pyaot_ctx *c, void *cache,
                                                                  PyObject *owner, int oparg)
{
    pyaot_cache *k = cache;
    PyObject **slot = store_slot(k + 2, owner);
    if (slot == NULL)
        slot = store_slot(k + 3, owner);
    if (slot != NULL)
        return slot;
    if (Py_TYPE(owner)->tp_setattro != PyObject_GenericSetAttr || !may_fill(c, k))
        return NULL;
    fill_store(k, owner, NAME(oparg));
    return store_slot(k, owner);
}

HOT PyObject **pyaot_v_store_slot(pyaot_ctx *c, void *cache, PyObject *owner, int oparg)
{
    pyaot_cache *k = cache;
    PyObject **slot = store_slot(k, owner);
    if (slot == NULL)
        slot = store_slot(k + 1, owner);
    return slot != NULL ? slot : pyaot_v_store_slot_miss(c, cache, owner, oparg);
}
