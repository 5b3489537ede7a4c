# warnings.warn with stacklevel (the printed line number must be the caller's), categories, filters, catch_warnings.
import warnings


def deprecated_api(x):
    warnings.warn("deprecated_api is deprecated", DeprecationWarning, stacklevel=2)
    return x * 2


def risky(v):
    if v < 0:
        warnings.warn("negative value %d" % v, RuntimeWarning)
    return abs(v)


def user_code():
    total = 0
    for i in range(-3, 3):
        total += risky(i)
    return total


def helper_level3():
    warnings.warn("from three levels down", UserWarning, stacklevel=3)


def level2():
    helper_level3()


def level1():
    level2()


class MyWarning(UserWarning):
    pass


def main():
    warnings.simplefilter("always")
    print("deprecated result", deprecated_api(21))
    print("deprecated again", deprecated_api(1))
    print("user_code", user_code())
    level1()
    warnings.warn("custom category", MyWarning)
    warnings.warn("plain message")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for i in range(5):
            deprecated_api(i)
        risky(-10)
    print("caught", len(caught), [(w.category.__name__, str(w.message), w.lineno) for w in caught])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        print("ignored", risky(-99))
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            risky(-1)
        except RuntimeWarning as e:
            print("RuntimeWarning raised as error:", e)
    warnings.filterwarnings("ignore", message="negative.*")
    print("filtered", user_code())
    print("done")


main()
