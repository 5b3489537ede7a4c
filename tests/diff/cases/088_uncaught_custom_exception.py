# Ends with an uncaught custom exception subclass with a custom __str__ and notes, raised from a method (exit status 1).

class ValidationError(Exception):
    def __init__(self, field, value):
        super().__init__(field, value)
        self.field = field
        self.value = value

    def __str__(self):
        return "invalid %s: %r" % (self.field, self.value)


class User:
    def __init__(self, name, age):
        self.name = name
        self.age = age

    def validate(self):
        if not self.name:
            raise ValidationError("name", self.name)
        if not (0 <= self.age < 150):
            err = ValidationError("age", self.age)
            err.add_note("age must be within [0, 150)")
            err.add_note("user name: %s" % self.name)
            raise err
        return True


def main():
    users = [User("u%d" % i, (i * 7) % 90) for i in range(100)]
    print(sum(u.validate() for u in users))
    try:
        User("", 5).validate()
    except ValidationError as e:
        print("caught:", e, e.args)
    User("methuselah", 969).validate()


main()
