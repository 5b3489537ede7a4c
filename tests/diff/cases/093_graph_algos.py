# Graph algorithms on dicts/sets/heapq/deque: BFS, DFS, Dijkstra, topological sort, union-find, connected components.
import heapq
from collections import deque


def make_graph(n):
    g = {i: [] for i in range(n)}
    for i in range(n):
        for k in (1, 3, 7):
            j = (i * k + 5) % n
            if j != i:
                w = (i * 31 + j * 17) % 23 + 1
                g[i].append((j, w))
    return g


def bfs(g, s):
    dist = {s: 0}
    q = deque([s])
    while q:
        u = q.popleft()
        for v, _ in g[u]:
            if v not in dist:
                dist[v] = dist[u] + 1
                q.append(v)
    return dist


def dfs_order(g, s):
    seen, order, stack = set(), [], [s]
    while stack:
        u = stack.pop()
        if u in seen:
            continue
        seen.add(u)
        order.append(u)
        for v, _ in reversed(g[u]):
            if v not in seen:
                stack.append(v)
    return order


def dijkstra(g, s):
    dist = {s: 0}
    pq = [(0, s)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist.get(u, float("inf")):
            continue
        for v, w in g[u]:
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v] = nd
                heapq.heappush(pq, (nd, v))
    return dist


def toposort(deps):
    indeg = {k: 0 for k in deps}
    for k, vs in deps.items():
        for v in vs:
            indeg[v] = indeg.get(v, 0) + 1
    ready = sorted(k for k, d in indeg.items() if d == 0)
    out = []
    while ready:
        k = ready.pop(0)
        out.append(k)
        for v in sorted(deps.get(k, ())):
            indeg[v] -= 1
            if indeg[v] == 0:
                ready.append(v)
                ready.sort()
    if len(out) != len(indeg):
        raise ValueError("cycle detected")
    return out


class DSU:
    def __init__(self, n):
        self.p = list(range(n))
        self.r = [0] * n

    def find(self, x):
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a, b):
        a, b = self.find(a), self.find(b)
        if a == b:
            return False
        if self.r[a] < self.r[b]:
            a, b = b, a
        self.p[b] = a
        if self.r[a] == self.r[b]:
            self.r[a] += 1
        return True


def main():
    g = make_graph(60)
    d = bfs(g, 0)
    print(len(d), max(d.values()), sorted(d.items())[:8])
    print(dfs_order(g, 0)[:20])
    dj = dijkstra(g, 0)
    print(sum(dj.values()), sorted(dj.items())[-5:])
    deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core"], "core": [], "tests": ["app"], "docs": []}
    print(toposort(deps))
    try:
        toposort({"a": ["b"], "b": ["a"]})
    except ValueError as e:
        print("ValueError:", e)
    dsu = DSU(100)
    merges = 0
    for i in range(100):
        if dsu.union(i, (i * i + 7) % 100):
            merges += 1
    comps = {}
    for i in range(100):
        comps.setdefault(dsu.find(i), []).append(i)
    print(merges, len(comps), sorted(len(v) for v in comps.values()))
    h = []
    for i in range(50):
        heapq.heappush(h, ((i * 37) % 50, i))
    print([heapq.heappop(h) for _ in range(6)], heapq.nsmallest(3, [5, 1, 9, 3]), heapq.nlargest(2, "hello"))


main()
