#include <unistd.h>

// Runs before main: leaves a daemon behind (double fork, a session of its own) and sleeps forever itself;
// the verify timeout must end both, the daemon included.
static int SleepForever() {
  if (fork() == 0) {
    setsid();
    if (fork() == 0) {
      for (;;) pause();
    }
    _exit(0);
  }
  for (;;) pause();
  return 0;
}
static int slept = SleepForever();

static unsigned long Work(unsigned long seed) {
  unsigned long x = seed + static_cast<unsigned long>(slept);
  for (int i = 0; i < 2000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
