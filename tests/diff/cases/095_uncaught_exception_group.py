# Ends with an uncaught ExceptionGroup (nested), whose special traceback format is compared (exit status 1).

def check(name, value):
    if value is None:
        raise ValueError("%s is missing" % name)
    if not isinstance(value, int):
        raise TypeError("%s must be int, got %s" % (name, type(value).__name__))
    return value


def validate(record):
    errors = []
    for k, v in record.items():
        try:
            check(k, v)
        except (ValueError, TypeError) as e:
            errors.append(e)
    if errors:
        raise ExceptionGroup("record %s invalid" % record.get("id"), errors)
    return True


def validate_all(records):
    failures = []
    for r in records:
        try:
            validate(r)
        except ExceptionGroup as eg:
            failures.append(eg)
    if failures:
        raise ExceptionGroup("%d records invalid" % len(failures), failures)


def main():
    good = [{"id": i, "a": i * 2, "b": i * 3} for i in range(100)]
    validate_all(good)
    print("all good records valid")
    try:
        validate({"id": 1, "a": None})
    except* ValueError as eg:
        print("handled:", [str(e) for e in eg.exceptions])
    validate_all([{"id": 7, "a": 1}, {"id": 8, "a": None, "b": "x"}, {"id": 9, "c": 2.5}])


main()
