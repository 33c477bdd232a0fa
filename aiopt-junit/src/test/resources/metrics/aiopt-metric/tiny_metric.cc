// A real benchmark printing the aiopt-metric one-line format, for AiOptMetricFormatTest: times n inserts into
// a sorted vector, prints throughput, p99 and the whole latency histogram (fixed edges, so runs merge).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  int n = argc > 1 ? std::atoi(argv[1]) : 20000;
  const double edges[] = {0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100};
  const int buckets = sizeof(edges) / sizeof(edges[0]);
  std::vector<long> counts(buckets + 1, 0);
  std::vector<double> micros;
  std::vector<unsigned> sorted;
  unsigned seed = 12345;
  auto begin = std::chrono::steady_clock::now();
  for (int i = 0; i < n; i++) {
    seed = seed * 1103515245u + 12345u;
    auto start = std::chrono::steady_clock::now();
    sorted.insert(std::upper_bound(sorted.begin(), sorted.end(), seed), seed);
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
    micros.push_back(us);
    int b = 0;
    while (b < buckets && us > edges[b]) b++;
    counts[b]++;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  std::sort(micros.begin(), micros.end());
  std::printf("inserted %d keys\n", n);
  std::printf("aiopt-metric ops_per_sec=%.1f unit=ops/s\n", n / seconds);
  std::printf("aiopt-metric p99_us=%.3f unit=us\n", micros[micros.size() * 99 / 100]);
  std::printf("aiopt-metric size=%zu\n", sorted.size());
  std::printf("aiopt-metric insert_us=histogram unit=us buckets=");
  for (int b = 0; b < buckets; b++) std::printf("%g:%ld,", edges[b], counts[b]);
  std::printf("inf:%ld\n", counts[buckets]);
  return 0;
}
