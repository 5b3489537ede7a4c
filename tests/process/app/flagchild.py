def main():
    s = 0
    for i in range(500):
        s += i % 11
    print(s)


main()
