# A tiny bank simulation: accounts, transfers, overdraft errors, interest, transaction log, class hierarchy and reports.
from decimal import Decimal, ROUND_HALF_EVEN


class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__("account %s: insufficient funds for %s (balance %s)" % (account.number, amount, account.balance))
        self.account = account
        self.amount = amount


class FrozenAccount(Exception):
    pass


class Account:
    _next = 1000
    kind = "basic"

    def __init__(self, owner, balance="0"):
        Account._next += 1
        self.number = Account._next
        self.owner = owner
        self._balance = Decimal(balance)
        self.history = []
        self.frozen = False

    @property
    def balance(self):
        return self._balance

    def _check(self):
        if self.frozen:
            raise FrozenAccount("account %d is frozen" % self.number)

    def deposit(self, amount):
        self._check()
        amount = Decimal(amount)
        if amount <= 0:
            raise ValueError("deposit must be positive: %s" % amount)
        self._balance += amount
        self.history.append(("dep", amount))

    def limit(self):
        return Decimal(0)

    def withdraw(self, amount):
        self._check()
        amount = Decimal(amount)
        if self._balance - amount < -self.limit():
            raise InsufficientFunds(self, amount)
        self._balance -= amount
        self.history.append(("wd", amount))

    def month_end(self):
        pass

    def __repr__(self):
        return "<%s #%d %s %s>" % (self.kind, self.number, self.owner, self._balance)


class Savings(Account):
    kind = "savings"
    rate = Decimal("0.015")

    def month_end(self):
        interest = (self._balance * self.rate / 12).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
        if interest > 0:
            self._balance += interest
            self.history.append(("int", interest))


class Checking(Account):
    kind = "checking"
    fee = Decimal("1.50")

    def limit(self):
        return Decimal("100")

    def month_end(self):
        if self._balance < 0:
            self._balance -= self.fee
            self.history.append(("fee", self.fee))


class Bank:
    def __init__(self):
        self.accounts = {}
        self.failed = []

    def open(self, cls, owner, initial="0"):
        acct = cls(owner, initial)
        self.accounts[acct.number] = acct
        return acct

    def transfer(self, src, dst, amount):
        a, b = self.accounts[src], self.accounts[dst]
        try:
            a.withdraw(amount)
        except (InsufficientFunds, FrozenAccount) as e:
            self.failed.append(str(e))
            return False
        try:
            b.deposit(amount)
        except FrozenAccount as e:
            a.deposit(amount)
            self.failed.append("rolled back: " + str(e))
            return False
        return True

    def total(self):
        return sum((a.balance for a in self.accounts.values()), Decimal(0))

    def report(self):
        lines = []
        for num in sorted(self.accounts):
            a = self.accounts[num]
            lines.append("%-8s %5d %-6s %10s %3d tx" % (a.kind, num, a.owner, a.balance, len(a.history)))
        return "\n".join(lines)


def main():
    bank = Bank()
    alice = bank.open(Savings, "alice", "1000.00")
    bob = bank.open(Checking, "bob", "50.00")
    carol = bank.open(Account, "carol")
    dave = bank.open(Checking, "dave", "10")
    print(alice, bob, carol, dave)
    start = bank.total()
    ok = 0
    nums = sorted(bank.accounts)
    for month in range(12):
        for i in range(25):
            src = nums[(i + month) % 4]
            dst = nums[(i * 3 + 1) % 4]
            if src == dst:
                continue
            amt = Decimal(((i * 37 + month * 11) % 90) + 1) / 4
            if bank.transfer(src, dst, amt):
                ok += 1
        if month == 6:
            carol.frozen = True
        if month == 9:
            carol.frozen = False
        for a in bank.accounts.values():
            a.month_end()
        print("month %2d total %s" % (month, bank.total()))
    print("ok transfers", ok, "failed", len(bank.failed))
    for msg in bank.failed[:8]:
        print("  ", msg)
    print(bank.report())
    print("interest+fees delta", bank.total() - start)
    try:
        carol.deposit("-5")
    except ValueError as e:
        print("ValueError:", e)
    try:
        bank.transfer(9999, alice.number, 1)
    except KeyError as e:
        print("KeyError:", e)
    kinds = {}
    for a in bank.accounts.values():
        for kind, amt in a.history:
            kinds[kind] = kinds.get(kind, Decimal(0)) + amt
    print(sorted(kinds.items()))


main()
