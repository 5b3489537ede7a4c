# Ends with an uncaught AttributeError on an instance (exit status 1); the message includes a "Did you mean" suggestion.

class Sensor:
    def __init__(self, name):
        self.name = name
        self.readings = []

    def record(self, v):
        self.readings.append(v)

    def mean(self):
        return sum(self.readings) / len(self.readings)


def collect(sensors, n):
    for i in range(n):
        for j, s in enumerate(sensors):
            s.record((i * (j + 3)) % 17)


def main():
    sensors = [Sensor("s%d" % i) for i in range(3)]
    collect(sensors, 200)
    for s in sensors:
        print(s.name, len(s.readings), round(s.mean(), 4))
    print("asking for the median...")
    print(sensors[0].readingz)


main()
