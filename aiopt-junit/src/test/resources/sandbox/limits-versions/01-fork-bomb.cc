#include <unistd.h>

// Runs before main: forks without limit (every child forks too), slowly enough not to burn the CPU, and never
// ends; the process limit refuses the forks past it and the verify timeout ends the whole tree.
static int Bomb() {
  for (;;) {
    fork();
    usleep(2000);
  }
  return 0;
}
static int bombed = Bomb();

static unsigned long Work(unsigned long seed) {
  unsigned long x = seed + static_cast<unsigned long>(bombed);
  for (int i = 0; i < 2000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
