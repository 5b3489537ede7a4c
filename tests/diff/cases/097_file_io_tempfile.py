# File I/O confined to a tempfile.TemporaryDirectory: text/binary modes, line iteration, seek/tell, csv, append, with-blocks.
import csv
import io
import os
import tempfile


def write_numbers(path, n):
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write("%d,%d,%s\n" % (i, i * i, "é" * (i % 3)))


def read_sum(path):
    total = 0
    count = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            a, b, _ = line.rstrip("\n").split(",")
            total += int(a) + int(b)
            count += 1
    return count, total


def main():
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "nums.txt")
        write_numbers(p, 500)
        print(read_sum(p), os.path.getsize(p))
        with open(p, "a", encoding="utf-8") as f:
            f.write("tail\n")
        with open(p, encoding="utf-8") as f:
            lines = f.readlines()
        print(len(lines), lines[:3], lines[-1])
        with open(p, "rb") as f:
            head = f.read(16)
            pos = f.tell()
            f.seek(-5, os.SEEK_END)
            tail = f.read()
        print(head, pos, tail)
        bp = os.path.join(d, "blob.bin")
        with open(bp, "wb") as f:
            f.write(bytes(range(256)) * 4)
        with open(bp, "r+b") as f:
            f.seek(10)
            f.write(b"XYZ")
            f.seek(0)
            data = f.read()
        print(len(data), data[8:16], sum(data) % 9973)
        cp = os.path.join(d, "table.csv")
        rows = [["name", "qty", "note"], ["apple", "3", "red, round"], ["pear", "10", 'say "hi"'], ["fig", "0", ""]]
        with open(cp, "w", newline="", encoding="utf-8") as f:
            csv.writer(f).writerows(rows)
        with open(cp, newline="", encoding="utf-8") as f:
            raw = f.read()
        print(repr(raw))
        with open(cp, newline="", encoding="utf-8") as f:
            recs = list(csv.DictReader(f))
        print(recs, sum(int(r["qty"]) for r in recs))
        print(sorted(os.listdir(d)), os.path.exists(cp), os.path.isdir(d))
        try:
            open(os.path.join(d, "missing.txt"))
        except FileNotFoundError as e:
            print("FileNotFoundError", e.errno, e.strerror)
    print("tempdir removed:", not os.path.exists(d))
    s = io.StringIO()
    for i in range(100):
        s.write("line %d\n" % i)
    s.seek(0)
    print(sum(1 for _ in s), len(s.getvalue()))
    b = io.BytesIO(b"abc\ndef\n")
    print(b.readline(), b.read(), b.tell())


main()
