# Generator pipeline over synthetic log lines: parsing, filtering, grouping, windowed stats, coroutine sink via send().
import itertools


def make_lines(n):
    levels = ["INFO", "WARN", "ERROR", "DEBUG"]
    services = ["api", "db", "cache"]
    for i in range(n):
        yield "%05d %s %s latency=%d user=u%d" % (i, levels[(i * 7) % 4], services[(i * 5) % 3], (i * 37) % 250, i % 13)


def parse(lines):
    for line in lines:
        ts, level, svc, *kv = line.split()
        rec = {"ts": int(ts), "level": level, "svc": svc}
        for item in kv:
            k, v = item.split("=")
            rec[k] = int(v) if v.isdigit() else v
        yield rec


def only(recs, *levels):
    return (r for r in recs if r["level"] in levels)


def moving_avg(values, n):
    window = []
    for v in values:
        window.append(v)
        if len(window) > n:
            window.pop(0)
        yield round(sum(window) / len(window), 2)


def sink():
    stats = {}
    try:
        while True:
            rec = yield
            s = stats.setdefault(rec["svc"], [0, 0])
            s[0] += 1
            s[1] += rec["latency"]
    except GeneratorExit:
        print("sink closing with", sorted((k, v[0], v[1]) for k, v in stats.items()))


def main():
    recs = list(parse(make_lines(600)))
    print(recs[:2])
    errs = list(only(recs, "ERROR", "WARN"))
    print(len(errs), errs[-1])
    by_svc = {k: len(list(g)) for k, g in itertools.groupby(sorted(errs, key=lambda r: r["svc"]), key=lambda r: r["svc"])}
    print(by_svc)
    lat = (r["latency"] for r in recs if r["svc"] == "db")
    ma = list(moving_avg(lat, 5))
    print(ma[:10], ma[-3:], len(ma))
    s = sink()
    next(s)
    for r in only(recs, "ERROR"):
        s.send(r)
    s.close()
    top = sorted(recs, key=lambda r: (-r["latency"], r["ts"]))[:5]
    print([(r["ts"], r["latency"]) for r in top])
    users = {}
    for r in recs:
        users.setdefault(r["user"], []).append(r["latency"])
    print(sorted((u, max(v), min(v)) for u, v in users.items())[:5])
    chunks = iter(recs)
    sizes = []
    while True:
        chunk = list(itertools.islice(chunks, 97))
        if not chunk:
            break
        sizes.append((len(chunk), chunk[0]["ts"]))
    print(sizes)


main()
