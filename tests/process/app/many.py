import subprocess
import sys

procs = [subprocess.Popen([sys.executable, "-c", "import work; print(work.crunch(300))"],
                          stdout=subprocess.PIPE) for _ in range(16)]
outs = [p.communicate()[0] for p in procs]
print(sorted(set(outs)), len(outs), [p.returncode for p in procs])
