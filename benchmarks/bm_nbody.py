"""N-body gravitational simulation: float arithmetic in tight loops.

Six bodies with masses, positions and velocities drawn from a fixed linear
congruential generator orbit each other; a symplectic Euler step updates
velocities pairwise, then positions. Prints the total energy before and after.

usage: bm_nbody.py [SIZE]   (SIZE = time steps)
"""

from math import sqrt

DEFAULT_SIZE = 60000


def lcg_floats(seed, count):
    out = []
    for _ in range(count):
        seed = (seed * 1103515245 + 12345) % 2147483648
        out.append(seed / 2147483648.0)
    return out


def make_system(nbodies):
    r = lcg_floats(20240607, nbodies * 7)
    bodies = []
    # A heavy central body at rest, then lighter ones on rough orbits.
    bodies.append([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 40.0])
    for i in range(1, nbodies):
        k = i * 7
        dist = 2.0 + 6.0 * r[k]
        pos = [dist * (r[k + 1] - 0.5), dist * (r[k + 2] - 0.5), 0.2 * (r[k + 3] - 0.5)]
        norm = sqrt(pos[0] * pos[0] + pos[1] * pos[1] + pos[2] * pos[2])
        speed = sqrt(40.0 / norm)
        vel = [-pos[1] / norm * speed, pos[0] / norm * speed, 0.01 * (r[k + 4] - 0.5)]
        mass = 0.01 + 0.2 * r[k + 5]
        bodies.append([pos, vel, mass])
    return bodies


def offset_momentum(bodies):
    px = py = pz = 0.0
    for pos, vel, mass in bodies:
        px += vel[0] * mass
        py += vel[1] * mass
        pz += vel[2] * mass
    pos, vel, mass = bodies[0]
    vel[0] = -px / mass
    vel[1] = -py / mass
    vel[2] = -pz / mass


def energy(bodies):
    e = 0.0
    n = len(bodies)
    for i in range(n):
        (x1, y1, z1), v1, m1 = bodies[i]
        e += 0.5 * m1 * (v1[0] * v1[0] + v1[1] * v1[1] + v1[2] * v1[2])
        for j in range(i + 1, n):
            (x2, y2, z2), v2, m2 = bodies[j]
            dx = x1 - x2
            dy = y1 - y2
            dz = z1 - z2
            e -= m1 * m2 / sqrt(dx * dx + dy * dy + dz * dz)
    return e


def advance(bodies, pairs, dt, steps):
    for _ in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            d2 = dx * dx + dy * dy + dz * dz + 0.01
            mag = dt / (d2 * sqrt(d2))
            f1 = m1 * mag
            f2 = m2 * mag
            v1[0] -= dx * f2
            v1[1] -= dy * f2
            v1[2] -= dz * f2
            v2[0] += dx * f1
            v2[1] += dy * f1
            v2[2] += dz * f1
        for pos, vel, mass in bodies:
            pos[0] += dt * vel[0]
            pos[1] += dt * vel[1]
            pos[2] += dt * vel[2]


def run(size):
    bodies = make_system(6)
    offset_momentum(bodies)
    pairs = []
    for i in range(len(bodies)):
        for j in range(i + 1, len(bodies)):
            pairs.append((bodies[i], bodies[j]))
    before = energy(bodies)
    advance(bodies, pairs, 0.001, size)
    after = energy(bodies)
    return "%.9f %.9f" % (before, after)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
