"""SIGINT sent from outside while spin() runs an endless loop: the uncaught
KeyboardInterrupt must name the loop's line and the process must die by
SIGINT, exactly as under stock python3.11."""


def spin():
    x = 0
    print("ready", flush=True)
    while True:  # loop
        x += 1  # loop


spin()
