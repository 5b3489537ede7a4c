def f(n):
    return [i * 2 for i in range(n)][-1]


if __name__ == "__main__":
    print("childmod", f(100))
