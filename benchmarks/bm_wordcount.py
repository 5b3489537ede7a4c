"""Dict- and set-heavy text statistics.

Generates documents over a synthetic vocabulary (Zipf-like word choice from a
seeded generator), counts words and bigrams in dicts, keeps per-document
word sets, computes document-frequency, Jaccard similarity between
neighbouring documents with set operations, and reports the top words.
Results never depend on hash iteration order (everything reported is sorted).

usage: bm_wordcount.py [SIZE]   (SIZE = documents)
"""

DEFAULT_SIZE = 300

SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "so", "ta", "vi", "ze", "po", "an", "el")


def vocabulary(n):
    words = []
    for i in range(n):
        w = ""
        k = i
        while True:
            w += SYLLABLES[k % 12]
            k //= 12
            if k == 0:
                break
        words.append(w)
    return words


def documents(count, words, seed):
    nwords = len(words)
    for _ in range(count):
        doc = []
        for _ in range(200):
            seed = (seed * 1103515245 + 12345) % 2147483648
            # Squaring the uniform draw favours low indices (frequent words).
            r = (seed >> 4) % 10000
            doc.append(words[r * r * nwords // 100000000])
        yield " ".join(doc)


def run(size):
    words = vocabulary(6000)
    counts = {}
    bigrams = {}
    doc_freq = {}
    sets = []
    for text in documents(size, words, 99):
        tokens = text.split()
        for w in tokens:
            counts[w] = counts.get(w, 0) + 1
        for a, b in zip(tokens, tokens[1:]):
            key = (a, b)
            if key in bigrams:
                bigrams[key] += 1
            else:
                bigrams[key] = 1
        uniq = set(tokens)
        for w in uniq:
            doc_freq[w] = doc_freq.get(w, 0) + 1
        sets.append(uniq)
    sim_total = 0
    for s1, s2 in zip(sets, sets[1:]):
        inter = len(s1 & s2)
        union = len(s1 | s2)
        sim_total += inter * 1000 // union
    everywhere = set(sets[0])
    for s in sets[1:]:
        everywhere &= s
    seen_once = {w for w, c in counts.items() if c == 1}
    rare_docs = sum(1 for s in sets if not s.isdisjoint(seen_once))
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    top_bi = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[:3]
    return "%d %d %d %d %d %d %s %s" % (
        len(counts), len(bigrams), sim_total, len(everywhere), len(seen_once), rare_docs,
        ",".join("%s:%d" % kv for kv in top),
        ",".join("%s+%s:%d" % (a, b, c) for (a, b), c in top_bi))


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
