class Item:
    __slots__ = ("name", "price", "stock", "sold")

    def __init__(self, name, price, stock):
        self.name = name
        self.price = price
        self.stock = stock
        self.sold = 0

    def take(self, n):
        n = min(n, self.stock)
        self.stock -= n
        self.sold += n
        return n


class Inventory:
    def __init__(self):
        self.items = {}

    def add(self, item):
        self.items[item.name] = item

    def get(self, name):
        return self.items[name]

    def restock(self, n):
        for item in self.items.values():
            if item.stock < 40:
                item.stock += n

    def total_stock(self):
        return sum(item.stock for item in self.items.values())

    def top(self, k):
        ranked = sorted(self.items.values(), key=lambda it: (-it.sold, it.name))
        return [f"{it.name}({it.sold})" for it in ranked[:k]]
