# logging to stderr with basicConfig and a format including %(lineno)d and %(funcName)s; levels, named loggers, exceptions.
import logging
import sys

logging.basicConfig(
    level=logging.DEBUG,
    stream=sys.stderr,
    format="%(levelname)s:%(name)s:%(funcName)s:%(lineno)d: %(message)s",
)
log = logging.getLogger("corpus")
child = logging.getLogger("corpus.child")


def compute(n):
    log.debug("compute start n=%d", n)
    total = 0
    for i in range(n):
        total += i * i
    if total > 1000:
        log.info("large total %s", total)
    else:
        log.warning("small total %s", total)
    return total


def risky(v):
    try:
        return 10 // v
    except ZeroDivisionError:
        log.exception("risky failed for %r", v)
        return None


class Service:
    def __init__(self):
        self.log = logging.getLogger("corpus.Service")

    def handle(self, req):
        self.log.info("handling %s", req)
        if req == "bad":
            self.log.error("bad request: %s", req)
            return 400
        return 200


def main():
    print("results", [compute(n) for n in (5, 20)])
    print("risky", risky(2), risky(0))
    s = Service()
    print("codes", [s.handle(r) for r in ("a", "bad", "b")])
    child.setLevel(logging.WARNING)
    child.info("hidden info")
    child.warning("child warning %d", 7)
    logging.getLogger().info("root logger message")
    log.log(logging.CRITICAL, "critical via log()")
    for i in range(300):
        if i % 100 == 0:
            log.debug("loop %d", i)
    logging.disable(logging.ERROR)
    log.error("disabled")
    logging.disable(logging.NOTSET)
    log.critical("re-enabled")
    print("done")


main()
