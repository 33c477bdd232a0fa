Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  std::lock_guard<std::mutex> guard(mu_);
  const uint64_t first_seq = last_sequence_.load() + 1;

  EncodedBatch encoded = EncodeBatch(batch);
  std::string record;
  AppendRecord(first_seq, encoded, &record);

  Status s = AppendToLog(record, options.sync);
  if (!s.ok()) {
    return s;
  }

  InsertIntoMemTable(first_seq, batch);
  last_sequence_.store(first_seq + batch.Count() - 1);
  return s;
}
