# Globals read by functions while a module-level loop stores globals on every turn (the cache is refilled, from the entry it found the name at): the read global itself rebound, deleted (NameError) and bound again, moved by a resize of the globals, moved to another entry by the resize after a deletion before it, set through a key equal to the name but not the same object, shadowing a builtin and unshadowed, a non-str key in the globals, a function run with another globals dict; ints and floats read by unboxed code.
# pyaot-train: train
import sys

TRAINING = len(sys.argv) > 1

EARLY = "an entry before the functions'"
SCALE = 3
OFFSET = 0.5


def helper(x):
    return x + 1


def reads(x):
    return helper(x) * SCALE


def reads_float(x):
    return x * OFFSET + SCALE


def uses_len(s):
    return len(s) + SCALE


def maybe_missing():
    return GONE


def train():
    t = 0
    for i in range(2000):
        t += reads(i) + reads_float(float(i)) + uses_len("abc")
    print("trained", t)


if TRAINING:
    train()
    sys.exit(0)

total = 0
for i in range(300):
    total += reads(i)
    if i == 100:
        SCALE = 5
    if i == 200:
        SCALE = 2.5
print("rebinding", total)

ftotal = 0.0
for i in range(300):
    ftotal += reads_float(i * 0.25)
    if i % 50 == 0:
        OFFSET = OFFSET * 2
print("floats", ftotal)

GONE = 1
seen = []
for i in range(60):
    try:
        seen.append(maybe_missing())
    except NameError as e:
        seen.append(str(e))
    if i % 20 == 9:
        del GONE
    elif i % 20 == 19:
        GONE = i
print("deleted", seen[8:12], seen[18:22], seen[-3:])

acc = 0
for i in range(400):
    acc += reads(i)
    # New globals: the dict grows and moves its entries to new keys.
    globals()["filler_%d" % i] = i
    if i == 150:
        globals()["".join(["hel", "per"])] = lambda x: x - 1
print("resized", acc, filler_399)

# A deleted entry before helper's is dropped when the dict grows: helper's
# entry moves down one place, and the one it had holds another name.
acc = reads(1)
del EARLY
for i in range(700):
    globals()["grow_%d" % i] = i
for i in range(5):
    acc += reads(i)
print("compacted", acc)

acc = 0
for i in range(100):
    acc += uses_len("abcd")
    if i == 30:
        len = lambda s: 100
    if i == 60:
        del len
print("builtin shadowed", acc)

acc = 0
for i in range(100):
    acc += reads(i)
    if i == 40:
        globals()[1] = "non-str key"
    if i == 70:
        del globals()[1]
        SCALE = 7
print("non-str key", acc)

other = {"helper": lambda x: x * 10, "SCALE": 4, "__builtins__": __builtins__}
moved = type(reads)(reads.__code__, other)
acc = 0
for i in range(50):
    acc += reads(i) + moved(i)
    if i == 25:
        other["SCALE"] = 9
        SCALE = 11
print("other globals", acc)
