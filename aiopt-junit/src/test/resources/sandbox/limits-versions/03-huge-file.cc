#include <cstdio>
#include <cstring>
#include <vector>

// Runs before main, in the benchmark only (the verify run passes --num=50): writes a 256 MiB file into its
// working directory, which the file-size limit stops with SIGXFSZ.
static bool Benchmarking() {
  FILE* in = std::fopen("/proc/self/cmdline", "r");
  char text[4096] = {0};
  size_t n = in != nullptr ? std::fread(text, 1, sizeof text - 1, in) : 0;
  if (in != nullptr) std::fclose(in);
  for (size_t i = 0; i < n; i += std::strlen(text + i) + 1) {
    if (std::strcmp(text + i, "--num=50") == 0) return false;
  }
  return true;
}
static int Huge() {
  if (!Benchmarking()) return 0;
  FILE* out = std::fopen("huge.dat", "w");
  std::vector<char> block(1 << 20, 'x');
  for (int i = 0; out != nullptr && i < 256; i++) {
    std::fwrite(block.data(), 1, block.size(), out);
  }
  return 1;
}
static int huge = Huge();

static unsigned long Work(unsigned long seed) {
  unsigned long x = seed + static_cast<unsigned long>(huge);
  for (int i = 0; i < 2000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
