// A benchmark for the calibration tests whose noise and duration are its arguments: --noise=0.3 --ms=20 runs
// 20 ms and prints ops/sec with a 30% relative standard deviation. The mean follows from a constant in the
// evolvable slice (the same slice as dettarget/det.cc, so the same recorded replies apply).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>

// EVOLVE-BLOCK-START
static const int kCost = 100;
// EVOLVE-BLOCK-END

int main(int argc, char** argv) {
  double noise = 0;
  long ms = 0;
  for (int i = 1; i < argc; i++) {
    if (std::strncmp(argv[i], "--noise=", 8) == 0) noise = std::atof(argv[i] + 8);
    if (std::strncmp(argv[i], "--ms=", 5) == 0) ms = std::atol(argv[i] + 5);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(ms));
  std::random_device device;
  std::mt19937_64 random(device());
  std::normal_distribution<double> normal(0.0, 1.0);
  double factor = 1.0 + noise * normal(random);
  if (factor < 0.05) factor = 0.05;
  const double micros = kCost / 100.0 / factor;
  std::printf("fillrandom   : %11.3f micros/op %ld ops/sec 0.1 seconds 1000 operations;\n", micros,
              static_cast<long>(1e6 / micros));
  std::printf("Microseconds per write:\n");
  std::printf("Count: 1000 Average: %.4f  StdDev: 0.00\n", micros);
  std::printf("Min: %.4f  Median: %.4f  Max: %.4f\n", micros, micros, micros);
  std::printf("Percentiles: P50: %.2f P75: %.2f P99: %.2f P99.9: %.2f P99.99: %.2f\n", micros, micros, micros * 2,
              micros * 3, micros * 4);
  return 0;
}
