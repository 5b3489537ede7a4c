# Ends with an uncaught KeyError raised inside a method (exit status 1).

class Inventory:
    def __init__(self):
        self.stock = {}

    def add(self, item, qty):
        self.stock[item] = self.stock.get(item, 0) + qty

    def take(self, item, qty):
        have = self.stock[item]
        if have < qty:
            raise ValueError("not enough %s" % item)
        self.stock[item] = have - qty
        return self.stock[item]


def main():
    inv = Inventory()
    for i in range(300):
        inv.add("item%d" % (i % 6), i % 4 + 1)
    print(sorted(inv.stock.items()))
    for i in range(6):
        print("take", i, inv.take("item%d" % i, 10))
    try:
        inv.take("item0", 10 ** 6)
    except ValueError as e:
        print("ValueError:", e)
    print("taking something that does not exist...")
    inv.take("widget", 1)


main()
