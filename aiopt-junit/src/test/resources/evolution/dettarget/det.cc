// A deterministic benchmark for the resume tests: its figures follow from a constant in the evolvable slice,
// not from timing, so every decision of a run (and so its lineage) is reproducible.
#include <cstdio>

// EVOLVE-BLOCK-START
static const int kCost = 100;
// EVOLVE-BLOCK-END

int main() {
  const double micros = kCost / 100.0;
  std::printf("fillrandom   : %11.3f micros/op %ld ops/sec 0.1 seconds 1000 operations;\n", micros,
              static_cast<long>(1e6 / micros));
  std::printf("Microseconds per write:\n");
  std::printf("Count: 1000 Average: %.4f  StdDev: 0.00\n", micros);
  std::printf("Min: %.4f  Median: %.4f  Max: %.4f\n", micros, micros, micros);
  std::printf("Percentiles: P50: %.2f P75: %.2f P99: %.2f P99.9: %.2f P99.99: %.2f\n", micros, micros, micros * 2,
              micros * 3, micros * 4);
  return 0;
}
