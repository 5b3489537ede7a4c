"""A small ray tracer: spheres and a checkered floor, point lights with
shadows, Lambert and Phong-style highlights, mirror reflections up to three
bounces. Renders SIZE x SIZE pixels and sums the quantized colours.

usage: bm_raytrace.py [SIZE]   (SIZE = image width and height in pixels)
"""

from math import sqrt

DEFAULT_SIZE = 160
EPSILON = 1e-6
MAX_DEPTH = 3


class V3:
    __slots__ = ("x", "y", "z")

    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def plus(self, o):
        return V3(self.x + o.x, self.y + o.y, self.z + o.z)

    def minus(self, o):
        return V3(self.x - o.x, self.y - o.y, self.z - o.z)

    def times(self, k):
        return V3(self.x * k, self.y * k, self.z * k)

    def mul(self, o):
        return V3(self.x * o.x, self.y * o.y, self.z * o.z)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def unit(self):
        n = sqrt(self.dot(self))
        return V3(self.x / n, self.y / n, self.z / n)


BLACK = V3(0.0, 0.0, 0.0)


class Ray:
    __slots__ = ("origin", "direction")

    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction

    def at(self, t):
        return self.origin.plus(self.direction.times(t))


class Material:
    def __init__(self, colour, diffuse, specular, reflect, checker=False):
        self.colour = colour
        self.diffuse = diffuse
        self.specular = specular
        self.reflect = reflect
        self.checker = checker

    def colour_at(self, point):
        if not self.checker:
            return self.colour
        if (int(point.x + 1000.0) + int(point.z + 1000.0)) % 2 == 0:
            return self.colour
        return self.colour.times(0.3)


class Sphere:
    def __init__(self, centre, radius, material):
        self.centre = centre
        self.radius = radius
        self.material = material

    def hit(self, ray):
        oc = ray.origin.minus(self.centre)
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return None
        root = sqrt(disc)
        t = -b - root
        if t > EPSILON:
            return t
        t = -b + root
        if t > EPSILON:
            return t
        return None

    def normal(self, point):
        return point.minus(self.centre).unit()


class Floor:
    def __init__(self, height, material):
        self.height = height
        self.material = material
        self.up = V3(0.0, 1.0, 0.0)

    def hit(self, ray):
        dy = ray.direction.y
        if -EPSILON < dy < EPSILON:
            return None
        t = (self.height - ray.origin.y) / dy
        return t if t > EPSILON else None

    def normal(self, point):
        return self.up


class Scene:
    def __init__(self):
        self.objects = [
            Floor(-1.0, Material(V3(0.9, 0.9, 0.9), 0.8, 0.0, 0.2, checker=True)),
            Sphere(V3(0.0, 0.0, 4.0), 1.0, Material(V3(0.9, 0.2, 0.2), 0.7, 0.5, 0.3)),
            Sphere(V3(-1.8, -0.4, 5.0), 0.6, Material(V3(0.2, 0.9, 0.3), 0.8, 0.2, 0.1)),
            Sphere(V3(1.7, -0.3, 3.2), 0.7, Material(V3(0.3, 0.4, 1.0), 0.6, 0.8, 0.5)),
            Sphere(V3(0.3, 1.6, 6.0), 0.9, Material(V3(1.0, 0.9, 0.3), 0.9, 0.1, 0.0)),
        ]
        self.lights = [(V3(-4.0, 5.0, -1.0), V3(0.8, 0.8, 0.8)),
                       (V3(3.0, 3.0, 1.0), V3(0.4, 0.35, 0.3))]
        self.ambient = V3(0.08, 0.08, 0.1)

    def nearest(self, ray):
        best_t = None
        best = None
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and (best_t is None or t < best_t):
                best_t = t
                best = obj
        return best, best_t

    def shadowed(self, point, light_pos):
        to_light = light_pos.minus(point)
        dist = sqrt(to_light.dot(to_light))
        ray = Ray(point, to_light.times(1.0 / dist))
        for obj in self.objects:
            t = obj.hit(ray)
            if t is not None and t < dist:
                return True
        return False

    def trace(self, ray, depth):
        obj, t = self.nearest(ray)
        if obj is None:
            return V3(0.2, 0.3, 0.5).times(1.0 - 0.5 * ray.direction.y)
        point = ray.at(t)
        normal = obj.normal(point)
        mat = obj.material
        base = mat.colour_at(point)
        colour = base.mul(self.ambient)
        for light_pos, light_colour in self.lights:
            if self.shadowed(point, light_pos):
                continue
            to_light = light_pos.minus(point).unit()
            lam = normal.dot(to_light)
            if lam > 0.0:
                colour = colour.plus(base.mul(light_colour).times(lam * mat.diffuse))
            if mat.specular > 0.0:
                half = to_light.minus(ray.direction).unit()
                s = normal.dot(half)
                if s > 0.0:
                    s = s * s
                    s = s * s
                    s = s * s
                    colour = colour.plus(light_colour.times(s * mat.specular))
        if mat.reflect > 0.0 and depth < MAX_DEPTH:
            d = ray.direction
            r = d.minus(normal.times(2.0 * d.dot(normal)))
            colour = colour.plus(self.trace(Ray(point, r), depth + 1).times(mat.reflect))
        return colour


def quantize(c):
    if c <= 0.0:
        return 0
    if c >= 1.0:
        return 255
    return int(c * 255.0)


def run(size):
    scene = Scene()
    eye = V3(0.0, 0.3, -1.5)
    total = 0
    weighted = 0
    for py in range(size):
        for px in range(size):
            x = (px + 0.5) / size * 2.0 - 1.0
            y = 1.0 - (py + 0.5) / size * 2.0
            ray = Ray(eye, V3(x, y, 1.5).unit())
            c = scene.trace(ray, 0)
            pix = quantize(c.x) * 65536 + quantize(c.y) * 256 + quantize(c.z)
            total += pix
            weighted = (weighted * 131 + pix) % 4294967291
    return "%d %d" % (total, weighted)


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
