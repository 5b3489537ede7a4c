"""Float object churn: many short-lived objects holding floats.

Particles with immutable 3-vectors are created, scaled, normalized and
combined; every operation allocates a new vector, so the run is dominated by
object allocation, attribute access and float boxing.

usage: bm_float_churn.py [SIZE]   (SIZE = particles per round)
"""

from math import sqrt

DEFAULT_SIZE = 40000


class Vec:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def __add__(self, other):
        return Vec(self.x + other.x, self.y + other.y, self.z + other.z)

    def __sub__(self, other):
        return Vec(self.x - other.x, self.y - other.y, self.z - other.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y + self.z * other.z

    def length(self):
        return sqrt(self.dot(self))

    def normalized(self):
        n = self.length()
        if n == 0.0:
            return self
        return Vec(self.x / n, self.y / n, self.z / n)

    def max_with(self, other):
        return Vec(max(self.x, other.x), max(self.y, other.y), max(self.z, other.z))


class Particle:
    __slots__ = ("pos", "vel", "charge")

    def __init__(self, pos, vel, charge):
        self.pos = pos
        self.vel = vel
        self.charge = charge

    def step(self, field, dt):
        accel = field.scale(self.charge)
        vel = (self.vel + accel.scale(dt)).scale(0.999)
        return Particle(self.pos + vel.scale(dt), vel, self.charge)


def make_particles(n, seed):
    out = []
    for i in range(n):
        seed = (seed * 48271) % 2147483647
        a = seed / 2147483647.0
        seed = (seed * 48271) % 2147483647
        b = seed / 2147483647.0
        pos = Vec(a * 10.0 - 5.0, b * 10.0 - 5.0, (a - b) * 3.0)
        vel = Vec(b - 0.5, 0.5 - a, a * b)
        out.append(Particle(pos, vel, 1.0 + (i % 7) * 0.25))
    return out, seed


def run(size):
    particles, seed = make_particles(size, 12345)
    field = Vec(0.0, -0.5, 0.25).normalized()
    bound = Vec(-1e9, -1e9, -1e9)
    centre = Vec(0.0, 0.0, 0.0)
    for _ in range(3):
        particles = [p.step(field, 0.05) for p in particles]
        for p in particles:
            d = (p.pos - centre).normalized()
            bound = bound.max_with(d.scale(p.charge))
            centre = centre + p.pos.scale(1.0 / size)
    return "%.9f %.9f %.9f %.6f" % (bound.x, bound.y, bound.z, centre.length())


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
