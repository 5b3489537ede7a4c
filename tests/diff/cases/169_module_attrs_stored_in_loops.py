# Module attributes (`mod.name`, `mod.f(...)`) read while the module's globals are stored on every turn (the cache is refilled from the entry it found the name at): the attribute rebound, deleted (AttributeError, then the module's __getattr__) and bound again, moved by a resize of the module's dict, moved to another entry by the resize after a deletion before it, set through a key equal to the name but not the same object; this module read through sys.modules while its own loop stores globals; a module replaced by another one at the same site.
# pyaot-train: train
import sys
import types

TRAINING = len(sys.argv) > 1

conf = types.ModuleType("conf")
conf.early = "an entry before the others"
conf.scale = 3
conf.offset = 0.5
conf.helper = lambda x: x + 1
conf.counter = 0
me = sys.modules[__name__]
LIMIT = 7


def reads(m, x):
    return m.helper(x) * m.scale


def reads_float(m, x):
    return x * m.offset + m.scale


def reads_missing(m):
    return m.gone


def reads_own(x):
    return x + me.LIMIT


def train():
    t = 0
    for i in range(2000):
        t += reads(conf, i) + reads_float(conf, float(i)) + reads_own(i)
        conf.counter = i
    print("trained", t)


if TRAINING:
    train()
    sys.exit(0)

total = 0
for i in range(300):
    total += reads(conf, i)
    conf.counter = i
    if i == 100:
        conf.scale = 5
    if i == 200:
        conf.scale = 2.5
print("rebinding", total, conf.counter)

ftotal = 0.0
for i in range(300):
    ftotal += reads_float(conf, i * 0.25)
    conf.counter += 1
    if i % 50 == 0:
        conf.offset = conf.offset * 2
print("floats", ftotal)

conf.gone = 1
seen = []
for i in range(60):
    try:
        seen.append(reads_missing(conf))
    except AttributeError as e:
        seen.append(str(e))
    conf.counter = i
    if i % 20 == 9:
        del conf.gone
    elif i % 20 == 19:
        conf.gone = i
print("deleted", seen[8:12], seen[18:22], seen[-3:])
del conf.gone
conf.__getattr__ = lambda name: "getattr " + name
for i in range(5):
    seen.append(reads_missing(conf))
    conf.counter = i
del conf.__getattr__
conf.gone = 0
print("module __getattr__", seen[-5:], reads_missing(conf))

acc = 0
for i in range(400):
    acc += reads(conf, i)
    # New attributes: the module's dict grows and moves its entries.
    setattr(conf, "filler_%d" % i, i)
    if i == 150:
        setattr(conf, "".join(["hel", "per"]), lambda x: x - 1)
print("resized", acc, conf.filler_399)

# A deleted entry before helper's is dropped when the dict grows: the
# entry helper had holds another name afterwards.
acc = reads(conf, 1)
del conf.early
for i in range(700):
    setattr(conf, "grow_%d" % i, i)
for i in range(5):
    acc += reads(conf, i)
print("compacted", acc)

acc = 0
for i in range(200):
    acc += reads_own(i)
    counter_here = i
    if i == 120:
        LIMIT = 9
print("own module", acc, counter_here)

other = types.ModuleType("other")
other.helper = lambda x: x * 10
other.scale = 4
acc = 0
for i in range(100):
    acc += reads(conf if i % 3 else other, i)
    other.counter = i
    conf.counter = i
    if i == 50:
        other.scale = 9
        conf.scale = 11
print("two modules", acc)
