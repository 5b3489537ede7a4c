# Deep recursion through direct calls, 50 descents of 800 frames: each
# crosses several data stack chunks down and back up.
def down(n):
    return 0 if n == 0 else n + down(n - 1)


total = 0
for i in range(50):
    total += down(800 - i % 3)
print(total)
