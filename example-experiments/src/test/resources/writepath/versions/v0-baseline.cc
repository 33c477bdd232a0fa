Status DB::Write(const WriteOptions& options, const WriteBatch& batch) {
  std::lock_guard<std::mutex> guard(mu_);
  const uint64_t first_seq = last_sequence_.load() + 1;

  std::string record;
  EncodeRecord(first_seq, batch, &record);

  Status s = AppendToLog(record, options.sync);
  if (!s.ok()) {
    return s;
  }

  InsertIntoMemTable(first_seq, batch);
  last_sequence_.store(first_seq + batch.Count() - 1);
  return s;
}
