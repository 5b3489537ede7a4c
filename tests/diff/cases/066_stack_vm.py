# A small stack-based VM with an assembler and a compiler from a tiny expression language; runs loops, calls, recursion.

class VMError(Exception):
    pass


def assemble(src):
    code = []
    labels = {}
    lines = [l.split("#")[0].strip() for l in src.strip().splitlines()]
    for line in lines:
        if not line:
            continue
        if line.endswith(":"):
            labels[line[:-1]] = len(code)
        else:
            parts = line.split()
            code.append([parts[0]] + parts[1:])
    for ins in code:
        for k in range(1, len(ins)):
            arg = ins[k]
            if arg in labels:
                ins[k] = labels[arg]
            else:
                try:
                    ins[k] = int(arg)
                except ValueError:
                    pass
    return code


class VM:
    def __init__(self, code, trace=False):
        self.code = code
        self.stack = []
        self.frames = []
        self.locals = [{}]
        self.out = []
        self.steps = 0
        self.trace = trace

    def pop(self):
        if not self.stack:
            raise VMError("stack underflow at step %d" % self.steps)
        return self.stack.pop()

    def run(self, limit=200000):
        pc = 0
        code = self.code
        while pc < len(code):
            self.steps += 1
            if self.steps > limit:
                raise VMError("step limit")
            op, *args = code[pc]
            pc += 1
            if op == "push":
                self.stack.append(args[0])
            elif op == "load":
                self.stack.append(self.locals[-1][args[0]])
            elif op == "store":
                self.locals[-1][args[0]] = self.pop()
            elif op in ("add", "sub", "mul", "div", "mod", "lt", "eq"):
                b = self.pop()
                a = self.pop()
                if op == "add":
                    r = a + b
                elif op == "sub":
                    r = a - b
                elif op == "mul":
                    r = a * b
                elif op == "div":
                    if b == 0:
                        raise VMError("division by zero at pc %d" % (pc - 1))
                    r = a // b
                elif op == "mod":
                    r = a % b
                elif op == "lt":
                    r = int(a < b)
                else:
                    r = int(a == b)
                self.stack.append(r)
            elif op == "jmp":
                pc = args[0]
            elif op == "jz":
                if self.pop() == 0:
                    pc = args[0]
            elif op == "call":
                nargs = args[1]
                frame = {}
                for i in reversed(range(nargs)):
                    frame["a%d" % i] = self.pop()
                self.frames.append(pc)
                self.locals.append(frame)
                pc = args[0]
            elif op == "ret":
                pc = self.frames.pop()
                self.locals.pop()
            elif op == "print":
                self.out.append(self.pop())
            elif op == "dup":
                v = self.pop()
                self.stack += [v, v]
            elif op == "halt":
                break
            else:
                raise VMError("bad op " + op)
        return self.out


PROGRAM = """
    push 0
    store i
    push 0
    store s
loop:
    load i
    push 30
    lt
    jz end
    load s
    load i
    load i
    mul
    add
    store s
    load i
    push 1
    add
    store i
    jmp loop
end:
    load s
    print
    push 16
    call fib 1
    print
    push 10
    call fact 1
    print
    halt
fib:              # fib(a0)
    load a0
    push 2
    lt
    jz fib_rec
    load a0
    ret
fib_rec:
    load a0
    push 1
    sub
    call fib 1
    load a0
    push 2
    sub
    call fib 1
    add
    ret
fact:
    load a0
    push 1
    lt
    jz fact_rec
    push 1
    ret
fact_rec:
    load a0
    load a0
    push 1
    sub
    call fact 1
    mul
    ret
"""


def tokenize(s):
    toks = []
    i = 0
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
        elif c.isdigit():
            j = i
            while j < len(s) and s[j].isdigit():
                j += 1
            toks.append(("num", int(s[i:j])))
            i = j
        elif c.isalpha():
            j = i
            while j < len(s) and s[j].isalnum():
                j += 1
            toks.append(("name", s[i:j]))
            i = j
        else:
            toks.append(("op", c))
            i += 1
    return toks


def compile_expr(src):
    toks = tokenize(src)
    pos = [0]
    out = []

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else ("eof", None)

    def advance():
        t = peek()
        pos[0] += 1
        return t

    def atom():
        kind, v = advance()
        if kind == "num":
            out.append(["push", v])
        elif kind == "name":
            out.append(["load", v])
        elif v == "(":
            expr()
            if advance() != ("op", ")"):
                raise SyntaxError("expected )")
        else:
            raise SyntaxError("unexpected %r" % (v,))

    def term():
        atom()
        while peek() in (("op", "*"), ("op", "/"), ("op", "%")):
            op = advance()[1]
            atom()
            out.append([{"*": "mul", "/": "div", "%": "mod"}[op]])

    def expr():
        term()
        while peek() in (("op", "+"), ("op", "-")):
            op = advance()[1]
            term()
            out.append(["add" if op == "+" else "sub"])

    expr()
    out.append(["print"])
    return out


def main():
    code = assemble(PROGRAM)
    print(len(code), code[:6])
    vm = VM(code)
    print(vm.run(), vm.steps)
    env_code = [["push", 7], ["store", "x"], ["push", 3], ["store", "y"]]
    for src in ["1 + 2 * 3", "(1 + 2) * 3", "x * x - y", "100 / (x - 4) % 7", "((x))+((y))*2", "10 / (y - 3)", "2 +", "x y"]:
        try:
            prog = env_code + compile_expr(src)
            print(src, "=>", VM(prog).run(), len(prog))
        except VMError as e:
            print(src, "=> VMError:", e)
        except SyntaxError as e:
            print(src, "=> SyntaxError:", e)
    try:
        VM([["add"]]).run()
    except VMError as e:
        print("VMError:", e)
    try:
        VM([["jmp", 0]]).run(limit=1000)
    except VMError as e:
        print("VMError:", e)
    total = 0
    for i in range(1, 60):
        total += VM(env_code + compile_expr("x * %d + y - %d / 2" % (i, i))).run()[0]
    print("total", total)


main()
