// A real Google Benchmark program for GoogleBenchmarkFormatTest: a linear-scan lookup timed by the library,
// with items_per_second, per-iteration latency percentiles as user counters, and a registered p99 statistic.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <vector>

static void BM_LinearLookup(benchmark::State& state) {
  std::vector<std::uint64_t> keys(static_cast<size_t>(state.range(0)));
  for (size_t i = 0; i < keys.size(); i++) keys[i] = i * 2654435761u;
  std::vector<double> micros;
  std::uint64_t probe = 0;
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    auto it = std::find(keys.begin(), keys.end(), keys[probe++ % keys.size()]);
    benchmark::DoNotOptimize(it);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
  }
  state.SetItemsProcessed(state.iterations());
  std::sort(micros.begin(), micros.end());
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
}
BENCHMARK(BM_LinearLookup)->Arg(4096)->MinTime(0.02)->ComputeStatistics("p99", [](const std::vector<double>& v) {
  std::vector<double> s(v);
  std::sort(s.begin(), s.end());
  return s[std::min(s.size() - 1, s.size() * 99 / 100)];
});

// No SetItemsProcessed: throughput comes from real_time (iterations per second).
static void BM_Accumulate(benchmark::State& state) {
  std::uint64_t x = 0;
  for (auto _ : state) benchmark::DoNotOptimize(x += 3);
}
BENCHMARK(BM_Accumulate)->MinTime(0.02);

BENCHMARK_MAIN();
