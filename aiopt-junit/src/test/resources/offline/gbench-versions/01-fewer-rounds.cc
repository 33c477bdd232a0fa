static unsigned long Work(unsigned long seed) {
  unsigned long x = seed;
  for (int i = 0; i < 100; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
