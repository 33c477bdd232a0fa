// A tiny target for BenchFormatExperimentTest that prints the one-line format: its throughput under its own
// name (lookups_per_sec) and its per-lookup latency as an aiopt-metric histogram (lookup_us).
#include <chrono>
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

int main(int argc, char** argv) {
  int num = 10000;
  for (int i = 1; i < argc; i++) {
    if (std::strncmp(argv[i], "--num=", 6) == 0) {
      num = std::atoi(argv[i] + 6);
    }
  }
  using Clock = std::chrono::steady_clock;
  // Buckets as db_bench's histogram: fixed upper edges in microseconds, the last one unbounded.
  const double edges[] = {0.1, 0.2, 0.5, 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100, 200, 500, 1000};
  const int kEdges = sizeof(edges) / sizeof(edges[0]);
  std::vector<long> counts(kEdges + 1, 0);
  volatile unsigned long sink = 0;
  Clock::time_point start = Clock::now();
  for (int i = 0; i < num; i++) {
    Clock::time_point t0 = Clock::now();
    sink = sink + Work(static_cast<unsigned long>(i));
    double us = std::chrono::duration<double, std::micro>(Clock::now() - t0).count();
    int b = 0;
    while (b < kEdges && us > edges[b]) b++;
    counts[b]++;
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("aiopt-metric lookups_per_sec=%.1f unit=ops/s\n", num / seconds);
  std::printf("aiopt-metric lookup_us=histogram unit=us buckets=");
  for (int b = 0; b <= kEdges; b++) {
    if (b < kEdges) {
      std::printf("%g:%ld,", edges[b], counts[b]);
    } else {
      std::printf("inf:%ld\n", counts[b]);
    }
  }
  return 0;
}
