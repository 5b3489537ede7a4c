"""Operating-system task scheduler simulation (richards-like).

A tiny kernel runs prioritized tasks that pass packets to each other: an idle
task wakes two disk drivers in turn, a producer fills work packets, two
routers copy the bytes of work packets into device packets one at a time and
hand them to the disks. Exercises objects, attribute access and method calls.

usage: bm_scheduler.py [SIZE]   (SIZE = idle-task steps per kernel run)
"""

DEFAULT_SIZE = 9000

IDLE, PRODUCER, ROUTER_A, ROUTER_B, DISK_A, DISK_B = range(6)
KIND_DEVICE, KIND_WORK = 0, 1
PAYLOAD = 4


class Packet:
    __slots__ = ("link", "owner", "kind", "cursor", "payload")

    def __init__(self, link, owner, kind):
        self.link = link
        self.owner = owner
        self.kind = kind
        self.cursor = 0
        self.payload = [0] * PAYLOAD

    def enqueue(self, head):
        """Append self to the queue starting at head; return the new head."""
        self.link = None
        if head is None:
            return self
        node = head
        while node.link is not None:
            node = node.link
        node.link = self
        return head


class Task:
    def __init__(self, kernel, ident, priority, inbox, held=False):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.inbox = inbox
        self.waiting = True
        self.held = held
        self.next = None
        kernel.register(self)

    def runnable(self):
        if self.held:
            return False
        return not self.waiting or self.inbox is not None

    def take_packet(self):
        pkt = self.inbox
        if pkt is not None:
            self.inbox = pkt.link
            self.waiting = False
        return pkt

    def deliver(self, pkt, current):
        """pkt arrives for this task; return the task the kernel runs next."""
        was_runnable = self.runnable()
        self.inbox = pkt.enqueue(self.inbox)
        if not was_runnable and self.runnable() and self.priority > current.priority:
            return self
        return current


class IdleTask(Task):
    def __init__(self, kernel, steps):
        Task.__init__(self, kernel, IDLE, 0, None)
        self.waiting = False
        self.seed = 1
        self.steps = steps

    def step(self, pkt):
        self.steps -= 1
        if self.steps == 0:
            return self.kernel.hold_current()
        if self.seed & 1 == 0:
            self.seed >>= 1
            return self.kernel.release(DISK_A)
        self.seed = (self.seed >> 1) ^ 0xA00B
        return self.kernel.release(DISK_B)


class ProducerTask(Task):
    def __init__(self, kernel, inbox):
        Task.__init__(self, kernel, PRODUCER, 1000, inbox)
        self.target = ROUTER_A
        self.letter = 0

    def step(self, pkt):
        if pkt is None:
            return self.kernel.wait_current()
        self.target = ROUTER_B if self.target == ROUTER_A else ROUTER_A
        pkt.owner = self.target
        pkt.cursor = 0
        for i in range(PAYLOAD):
            self.letter = self.letter % 26 + 1
            pkt.payload[i] = self.letter
        return self.kernel.send(pkt, self.target)


class RouterTask(Task):
    def __init__(self, kernel, ident, priority, inbox):
        Task.__init__(self, kernel, ident, priority, inbox)
        self.work = None
        self.devices = None

    def step(self, pkt):
        if pkt is not None:
            if pkt.kind == KIND_WORK:
                self.work = pkt.enqueue(self.work)
            else:
                self.devices = pkt.enqueue(self.devices)
        work = self.work
        if work is not None:
            if work.cursor >= PAYLOAD:
                self.work = work.link
                return self.kernel.send(work, PRODUCER)
            dev = self.devices
            if dev is not None:
                self.devices = dev.link
                dev.payload[0] = work.payload[work.cursor]
                work.cursor += 1
                return self.kernel.send(dev, dev.owner)
        return self.kernel.wait_current()


class DiskTask(Task):
    def __init__(self, kernel, ident, priority):
        Task.__init__(self, kernel, ident, priority, None)
        self.pending = None
        self.written = 0

    def step(self, pkt):
        if pkt is None:
            pending = self.pending
            if pending is None:
                return self.kernel.wait_current()
            self.pending = None
            return self.kernel.send(pending, self.router)
        self.pending = pkt
        self.written += pkt.payload[0]
        return self.kernel.hold_current()


class Kernel:
    def __init__(self):
        self.tasks = [None] * 6
        self.head = None
        self.current = None
        self.sends = 0
        self.holds = 0

    def register(self, task):
        self.tasks[task.ident] = task
        # Keep the run list ordered by descending priority.
        if self.head is None or task.priority > self.head.priority:
            task.next = self.head
            self.head = task
            return
        node = self.head
        while node.next is not None and node.next.priority >= task.priority:
            node = node.next
        task.next = node.next
        node.next = task

    def hold_current(self):
        self.holds += 1
        self.current.held = True
        return self.current.next

    def wait_current(self):
        self.current.waiting = True
        return self.current

    def release(self, ident):
        task = self.tasks[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, pkt, ident):
        self.sends += 1
        pkt.link = None
        pkt.owner = self.current.ident
        return self.tasks[ident].deliver(pkt, self.current)

    def schedule(self):
        task = self.head
        while task is not None:
            if task.runnable():
                self.current = task
                task = task.step(task.take_packet())
            else:
                task = task.next


def build(steps):
    k = Kernel()
    IdleTask(k, steps)
    work = Packet(None, PRODUCER, KIND_WORK)
    work = Packet(work, PRODUCER, KIND_WORK)
    ProducerTask(k, work)
    for ident, prio, disk in ((ROUTER_A, 2000, DISK_A), (ROUTER_B, 3000, DISK_B)):
        dev = Packet(None, disk, KIND_DEVICE)
        dev = Packet(dev, disk, KIND_DEVICE)
        dev = Packet(dev, disk, KIND_DEVICE)
        RouterTask(k, ident, prio, dev)
    for ident, prio, router in ((DISK_A, 4000, ROUTER_A), (DISK_B, 5000, ROUTER_B)):
        d = DiskTask(k, ident, prio)
        d.router = router
        d.held = True
    return k


def run(size):
    total = 0
    for rep in range(10):
        k = build(size + rep)
        k.schedule()
        written = k.tasks[DISK_A].written * 7 + k.tasks[DISK_B].written
        total = (total * 31 + k.sends * 1009 + k.holds * 17 + written) % 1000000007
    return "%d" % total


if __name__ == "__main__":
    import sys
    print("checksum %s" % run(int(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SIZE))
