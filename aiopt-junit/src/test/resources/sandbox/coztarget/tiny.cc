// A tiny benchmark for the sandbox tests (extension/tinytarget/tiny.cc with a coz progress point): it times a small piece of real work per operation and prints
// db_bench's result and histogram lines, so a build takes about a second and a run a fraction of one.
#include <coz.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

// EVOLVE-BLOCK-START
static unsigned long Work(unsigned long seed) {
  unsigned long x = seed;
  for (int i = 0; i < 2000; i++) {
    x = x * 6364136223846793005UL + 1442695040888963407UL;
  }
  return x;
}
// EVOLVE-BLOCK-END

static double Percentile(const std::vector<double>& sorted, double p) {
  size_t index = static_cast<size_t>(p / 100.0 * (sorted.size() - 1));
  return sorted[index];
}

int main(int argc, char** argv) {
  int num = 10000;
  for (int i = 1; i < argc; i++) {
    if (std::strncmp(argv[i], "--num=", 6) == 0) {
      num = std::atoi(argv[i] + 6);
    }
  }
  using Clock = std::chrono::steady_clock;
  std::vector<double> micros;
  micros.reserve(num);
  volatile unsigned long sink = 0;
  Clock::time_point start = Clock::now();
  for (int i = 0; i < num; i++) {
    Clock::time_point t0 = Clock::now();
    sink = sink + Work(static_cast<unsigned long>(i));
    COZ_PROGRESS;
    micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  double sum = 0;
  for (double m : micros) sum += m;
  double average = sum / num;
  double squares = 0;
  for (double m : micros) squares += (m - average) * (m - average);
  std::vector<double> sorted = micros;
  std::sort(sorted.begin(), sorted.end());
  std::printf("fillrandom   : %11.3f micros/op %ld ops/sec %.1f seconds %d operations;\n", seconds * 1e6 / num,
              static_cast<long>(num / seconds), seconds, num);
  std::printf("Microseconds per write:\n");
  std::printf("Count: %d Average: %.4f  StdDev: %.2f\n", num, average, std::sqrt(squares / num));
  std::printf("Min: %.4f  Median: %.4f  Max: %.4f\n", sorted.front(), Percentile(sorted, 50), sorted.back());
  std::printf("Percentiles: P50: %.2f P75: %.2f P99: %.2f P99.9: %.2f P99.99: %.2f\n", Percentile(sorted, 50),
              Percentile(sorted, 75), Percentile(sorted, 99), Percentile(sorted, 99.9), Percentile(sorted, 99.99));
  return 0;
}
