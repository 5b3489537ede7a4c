import unittest


def spell(words):
    out = []
    for w in words:
        out.append(w.upper() if len(w) > 2 else w)
    return "-".join(out)


class T(unittest.TestCase):
    def test_spell(self):
        self.assertEqual(spell(["ab", "cde", "f"]), "ab-CDE-f")


if __name__ == "__main__":
    unittest.main()
