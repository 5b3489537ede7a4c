import unittest


def compute(n):
    t = 0
    for i in range(n):
        t += i % 5
    return t


class T(unittest.TestCase):
    def test_compute(self):
        self.assertEqual(compute(100), 200)


if __name__ == "__main__":
    unittest.main()
