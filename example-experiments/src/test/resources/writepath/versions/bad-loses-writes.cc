Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  std::lock_guard<std::mutex> guard(mu_);
  const uint64_t first_seq = last_sequence_.load() + 1;

  EncodedBatch encoded = EncodeBatch(batch);
  std::string record;
  AppendRecord(first_seq, encoded, &record);

  // Batch log appends into 64 KiB chunks to save write(2) calls.
  static std::string pending;
  pending.append(record);
  Status s = Status::OK();
  if (pending.size() >= 65536 || options.sync) {
    s = AppendToLog(pending, options.sync);
    pending.clear();
  }
  if (!s.ok()) {
    return s;
  }

  InsertIntoMemTable(first_seq, batch);
  last_sequence_.store(first_seq + batch.Count() - 1);
  return s;
}
