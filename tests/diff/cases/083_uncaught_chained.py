# Ends with an uncaught chained exception (raise ... from ...) so both tracebacks are printed (exit status 1).

class ConfigError(Exception):
    pass


def parse_line(line):
    key, value = line.split("=")
    return key.strip(), int(value)


def load_config(lines):
    cfg = {}
    for n, line in enumerate(lines, 1):
        try:
            k, v = parse_line(line)
        except ValueError as e:
            raise ConfigError("bad config line %d: %r" % (n, line)) from e
        cfg[k] = v
    return cfg


def main():
    good = ["a = 1", "b=2", " c = 30 "]
    for _ in range(100):
        cfg = load_config(good)
    print(sorted(cfg.items()))
    try:
        load_config(["x=1", "novalue"])
    except ConfigError as e:
        print("ConfigError:", e, "| cause:", repr(e.__cause__))
    load_config(["y = 2", "z = three"])


main()
