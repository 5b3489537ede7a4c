"""Sample application: a small shop simulation (objects, method calls,
arithmetic loops, dicts and string formatting)."""
from shop.inventory import Inventory, Item
from shop.pricing import checkout, primes_below


def build_inventory():
    inv = Inventory()
    for i in range(200):
        inv.add(Item("item%03d" % i, price=1.25 + (i % 17) * 0.5, stock=50 + i % 30))
    return inv


def simulate(inv, days):
    revenue = 0.0
    for day in range(days):
        basket = {}
        for k in range(40):
            name = "item%03d" % ((day * 7 + k * 13) % 200)
            basket[name] = basket.get(name, 0) + 1 + (k % 3)
        revenue += checkout(inv, basket, discount=0.05 if day % 7 == 0 else 0.0)
        if day % 10 == 0:
            inv.restock(20)
    return revenue


def main():
    inv = build_inventory()
    revenue = simulate(inv, 1500)
    print("revenue: %.2f" % revenue)
    print("stock left:", inv.total_stock())
    print("top items:", ", ".join(inv.top(3)))
    print("primes below 60000:", len(primes_below(60000)))


main()
