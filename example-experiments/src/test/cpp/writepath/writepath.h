// writepath.h: the fixed parts of the write path that DB::Write (in writepath.cc) calls into: status,
// batches, the log record format, the memtable and the DB class. Like RocksDB's log writer and memtable,
// they live outside the file being evolved, so a causal profile scoped to writepath.cc charges their time
// to the lines of DB::Write that call them.
#ifndef WRITEPATH_H_
#define WRITEPATH_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace writepath {

// ---------------------------------------------------------------------------------------------
// Status, options, batches
// ---------------------------------------------------------------------------------------------

class Status {
 public:
  static Status OK() { return Status(""); }
  static Status IOError(const std::string& what) { return Status("IO error: " + what); }
  bool ok() const { return message_.empty(); }
  const std::string& ToString() const { return message_; }

 private:
  explicit Status(std::string message) : message_(std::move(message)) {}
  std::string message_;
};

struct WriteOptions {
  bool sync = false;
};

struct WriteBatch {
  std::vector<std::pair<std::string, std::string>> ops;
  void Put(std::string key, std::string value) { ops.emplace_back(std::move(key), std::move(value)); }
  size_t Count() const { return ops.size(); }
};

// ---------------------------------------------------------------------------------------------
// CRC-32C (Castagnoli), bytewise table: deliberately the plain portable version.
// ---------------------------------------------------------------------------------------------

inline uint32_t crc_table[256];

inline void InitCrcTable() {
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? (0x82F63B78u ^ (c >> 1)) : (c >> 1);
    crc_table[i] = c;
  }
}

inline uint32_t Crc32c(const char* data, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; i++) c = crc_table[(c ^ static_cast<uint8_t>(data[i])) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// ---------------------------------------------------------------------------------------------
// Log record format: [u32 payload length][u32 crc][u64 first sequence][payload]
// payload = [u32 count] then per op [u32 klen][key][u32 vlen][value]
// crc = crc32c(payload) ^ crc32c(sequence bytes), so a batch can be encoded and checksummed before its
// sequence number is known, and framed cheaply once it is.
// ---------------------------------------------------------------------------------------------

inline void PutFixed32(std::string* dst, uint32_t v) { dst->append(reinterpret_cast<const char*>(&v), 4); }
inline void PutFixed64(std::string* dst, uint64_t v) { dst->append(reinterpret_cast<const char*>(&v), 8); }
inline uint32_t GetFixed32(const char* p) { uint32_t v; memcpy(&v, p, 4); return v; }
inline uint64_t GetFixed64(const char* p) { uint64_t v; memcpy(&v, p, 8); return v; }

inline uint32_t SequenceCrc(uint64_t seq) { return Crc32c(reinterpret_cast<const char*>(&seq), 8); }

struct EncodedBatch {
  std::string payload;
  uint32_t payload_crc = 0;
  uint32_t count = 0;
};

// Serialises and checksums a batch: the expensive part of logging, independent of the sequence number.
inline EncodedBatch EncodeBatch(const WriteBatch& batch) {
  EncodedBatch e;
  e.count = static_cast<uint32_t>(batch.Count());
  PutFixed32(&e.payload, e.count);
  for (const auto& op : batch.ops) {
    PutFixed32(&e.payload, static_cast<uint32_t>(op.first.size()));
    e.payload.append(op.first);
    PutFixed32(&e.payload, static_cast<uint32_t>(op.second.size()));
    e.payload.append(op.second);
  }
  e.payload_crc = Crc32c(e.payload.data(), e.payload.size());
  return e;
}

// Appends the log record of an encoded batch whose first operation gets sequence `seq`. Cheap.
inline void AppendRecord(uint64_t seq, const EncodedBatch& batch, std::string* out) {
  PutFixed32(out, static_cast<uint32_t>(batch.payload.size()));
  PutFixed32(out, batch.payload_crc ^ SequenceCrc(seq));
  PutFixed64(out, seq);
  out->append(batch.payload);
}

// ---------------------------------------------------------------------------------------------
// MemTable: newest sequence wins, so inserts may arrive out of sequence order.
// ---------------------------------------------------------------------------------------------

class MemTable {
 public:
  void Put(const std::string& key, const std::string& value, uint64_t seq) {
    std::lock_guard<std::mutex> guard(mu_);
    auto it = table_.find(key);
    if (it == table_.end()) {
      table_.emplace(key, std::make_pair(seq, value));
    } else if (it->second.first < seq) {
      it->second = std::make_pair(seq, value);
    }
  }
  bool Get(const std::string& key, std::string* value, uint64_t* seq) const {
    std::lock_guard<std::mutex> guard(mu_);
    auto it = table_.find(key);
    if (it == table_.end()) return false;
    *seq = it->second.first;
    *value = it->second.second;
    return true;
  }
  size_t Size() const {
    std::lock_guard<std::mutex> guard(mu_);
    return table_.size();
  }

 private:
  mutable std::mutex mu_;
  std::map<std::string, std::pair<uint64_t, std::string>> table_;
};

// ---------------------------------------------------------------------------------------------
// DB
// ---------------------------------------------------------------------------------------------

class DB {
 public:
  static std::unique_ptr<DB> Open(const std::string& dir) {
    mkdir(dir.c_str(), 0755);
    std::string path = dir + "/wal.log";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND, 0644);
    if (fd < 0) {
      perror(("open " + path).c_str());
      return nullptr;
    }
    return std::unique_ptr<DB>(new DB(fd));
  }
  ~DB() { ::close(log_fd_); }

  // The write path. Thread-safe. Returns only once the batch is in the log (and on disk when
  // options.sync) and visible to Get().
  Status Write(const WriteOptions& options, const WriteBatch& batch);

  bool Get(const std::string& key, std::string* value, uint64_t* seq) const { return mem_.Get(key, value, seq); }
  uint64_t LastSequence() const { return last_sequence_.load(); }

 private:
  explicit DB(int fd) : log_fd_(fd) {}

  // Appends bytes to the log with write(2), looping over short writes; fdatasync when sync.
  Status AppendToLog(const std::string& data, bool sync) {
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
      ssize_t n = ::write(log_fd_, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        return Status::IOError(strerror(errno));
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    if (sync && ::fdatasync(log_fd_) != 0) return Status::IOError(strerror(errno));
    return Status::OK();
  }

  void InsertIntoMemTable(uint64_t first_seq, const WriteBatch& batch) {
    uint64_t seq = first_seq;
    for (const auto& op : batch.ops) mem_.Put(op.first, op.second, seq++);
  }

  // Group-commit support, unused by the initial Write(): writers can queue here and one leader
  // writes everybody's records with a single AppendToLog.
  struct Writer {
    const WriteBatch* batch;
    const EncodedBatch* encoded = nullptr;  // when the writer encoded its batch before queueing
    bool sync;
    bool done = false;
    uint64_t first_seq = 0;  // set by the group's leader
    Status status = Status::OK();
    std::condition_variable cv;
  };
  std::deque<Writer*> writers_;

  std::mutex mu_;
  std::atomic<uint64_t> last_sequence_{0};
  const int log_fd_;
  MemTable mem_;
};

}  // namespace writepath

#endif  // WRITEPATH_H_
